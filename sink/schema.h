#pragma once
// The sink database's schema, version 5 (documented for ad-hoc SQL in docs/SCHEMA.md). The
// tables are written once, in SQLite's types; PostgreSQL gets them through postgres_schema()
// (store.cc), with the statement_links view and the SQLite functions the shared SQL uses below.

#include <string_view>

namespace quotewire::sink {

inline constexpr int kSchemaVersion = 5;

inline constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- One row per article stored: its id is the deduplication key (exactly-once aggregates).
CREATE TABLE IF NOT EXISTS articles (
  article_id    TEXT PRIMARY KEY,
  producer_id   TEXT NOT NULL,
  sequence      INTEGER NOT NULL,
  source        TEXT NOT NULL,
  url           TEXT NOT NULL,
  title         TEXT NOT NULL,
  published_ms  INTEGER NOT NULL,  -- 0 when the feed gave no date
  sent_ms       INTEGER NOT NULL,  -- producer's first send (unix ms)
  stored_ms     INTEGER NOT NULL,
  worker_id     TEXT NOT NULL,
  extract_us    INTEGER NOT NULL,
  entity_count  INTEGER NOT NULL,
  quote_count   INTEGER NOT NULL,
  -- The article's statements are seq first_seq .. first_seq + quote_count - 1 (one transaction
  -- inserts them in a row). This replaces an index on statements(article_id): article ids are
  -- hashes, and inserting them at random places in an index made the store 1.6x slower once
  -- the database no longer fit in SQLite's cache (docs/PERFORMANCE.md).
  first_seq     INTEGER NOT NULL DEFAULT 0,
  -- Every entity mention as a JSON array of {text, type, start, end, actor_id, name}:
  -- one row per article keeps the sink fast; query it with json_each(entities).
  entities      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS actors (
  actor_id         TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  type             TEXT NOT NULL,
  statement_count  INTEGER NOT NULL,
  first_seen_ms    INTEGER NOT NULL,  -- article publication time, else storage time
  last_seen_ms     INTEGER NOT NULL,
  last_seq         INTEGER NOT NULL   -- sequence of the actor's latest statement
);
CREATE TABLE IF NOT EXISTS actor_roles (
  actor_id  TEXT NOT NULL REFERENCES actors(actor_id),
  role      TEXT NOT NULL,
  count     INTEGER NOT NULL,
  PRIMARY KEY (actor_id, role)
);
-- What each actor talks about: entities named inside the actor's statements.
CREATE TABLE IF NOT EXISTS actor_topics (
  actor_id     TEXT NOT NULL REFERENCES actors(actor_id),
  topic_id     TEXT NOT NULL,
  topic_name   TEXT NOT NULL,
  topic_type   TEXT NOT NULL,
  count        INTEGER NOT NULL,
  PRIMARY KEY (actor_id, topic_id)
);
-- Every statement; seq is the sink-wide update sequence published to subscribers. `links` keeps
-- what was published with it beyond these columns (the speaker's affiliations, given and
-- carried, and the subjects), so a snapshot sends them unchanged; NULL when it has none.
CREATE TABLE IF NOT EXISTS statements (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id    TEXT NOT NULL REFERENCES articles(article_id),
  actor_id      TEXT,              -- NULL when no speaker was found
  speaker       TEXT NOT NULL,     -- the speaker's name as resolved ('' when none)
  mention       TEXT NOT NULL,     -- as written at the cue
  role          TEXT NOT NULL,
  text          TEXT NOT NULL,
  kind          TEXT NOT NULL,     -- direct, indirect, mixed
  cue           TEXT NOT NULL,
  start         INTEGER NOT NULL,
  "end"         INTEGER NOT NULL,  -- quoted: a keyword in PostgreSQL
  source        TEXT NOT NULL,
  url           TEXT NOT NULL,
  published_ms  INTEGER NOT NULL,
  stored_ms     INTEGER NOT NULL,
  links         BLOB  -- affiliations, carried ones, subjects: protobuf ActorUpdate fields
);
CREATE INDEX IF NOT EXISTS statements_by_actor ON statements(actor_id, seq);
-- The roll-up (issue 16): the statements each actor is 'for' (its speaker's affiliations,
-- carried ones included) or 'about' (its subjects, less those it is also for). A row holds the
-- sequences one committed batch linked to one actor, as a JSON array: an actor's statements are
-- one range scan in sequence order, and the sink writes a row per actor and batch rather than
-- one per link. Rows are written with their statements, in their transaction, and never change.
-- The details (relation, evidence, ...) are in statements.links and, for a person, affiliations.
CREATE TABLE IF NOT EXISTS link_postings (
  kind       TEXT NOT NULL,     -- 'for' or 'about'
  actor_id   TEXT NOT NULL,
  first_seq  INTEGER NOT NULL,
  last_seq   INTEGER NOT NULL,
  seqs       TEXT NOT NULL,     -- [first_seq, ..., last_seq], increasing
  PRIMARY KEY (kind, actor_id, first_seq)
) WITHOUT ROWID;
-- Actors that statements are for or about, with counts: speakers are in `actors`; Russia may
-- never speak in its own name and still have a position.
CREATE TABLE IF NOT EXISTS linked_actors (
  actor_id       TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  type           TEXT NOT NULL,
  for_count      INTEGER NOT NULL,
  about_count    INTEGER NOT NULL,  -- about it and not also for it
  first_seen_ms  INTEGER NOT NULL,
  last_seen_ms   INTEGER NOT NULL,
  last_seq       INTEGER NOT NULL
);
-- Person -> organisation or state, learned from the roles articles give: carried to the same
-- person's later statements that give no affiliation of their own.
CREATE TABLE IF NOT EXISTS affiliations (
  person_id      TEXT NOT NULL,
  actor_id       TEXT NOT NULL,
  name           TEXT NOT NULL,
  type           TEXT NOT NULL,
  relation       TEXT NOT NULL,     -- these four from the latest statement that gave it
  evidence       TEXT NOT NULL,
  article_id     TEXT NOT NULL,
  confidence     REAL NOT NULL,
  count          INTEGER NOT NULL,  -- statements that gave it
  first_seen_ms  INTEGER NOT NULL,
  last_seen_ms   INTEGER NOT NULL,
  last_seq       INTEGER NOT NULL,
  PRIMARY KEY (person_id, actor_id)
) WITHOUT ROWID;
-- The highest version of each story stored (feeds: a corrected page is a new version of its
-- story); only its statements are kept (docs/FEEDS.md).
CREATE TABLE IF NOT EXISTS story_versions (
  version_of  TEXT PRIMARY KEY,  -- the first version's article_id
  version     INTEGER NOT NULL,
  article_id  TEXT NOT NULL
) WITHOUT ROWID;
-- Articles that will not be extracted, with the reason; the body is kept so nothing is lost.
CREATE TABLE IF NOT EXISTS dead_letters (
  article_id   TEXT PRIMARY KEY,
  producer_id  TEXT NOT NULL,
  sequence     INTEGER NOT NULL,
  reason       TEXT NOT NULL,
  attempts     INTEGER NOT NULL,
  worker_id    TEXT NOT NULL,
  source       TEXT NOT NULL,
  url          TEXT NOT NULL,
  title        TEXT NOT NULL,
  body         BLOB NOT NULL,
  stored_ms    INTEGER NOT NULL
);
)sql";

// One row per statement and actor it is for or about: the postings unrolled, for queries.
inline constexpr std::string_view kLinksViewSqlite = R"sql(
CREATE VIEW IF NOT EXISTS statement_links(kind, actor_id, seq) AS
  SELECT p.kind, p.actor_id, j.value FROM link_postings p, json_each(p.seqs) j;
)sql";
inline constexpr std::string_view kLinksViewPostgres = R"sql(
CREATE OR REPLACE VIEW statement_links(kind, actor_id, seq) AS
  SELECT p.kind, p.actor_id, j.value::bigint
  FROM link_postings p, jsonb_array_elements_text(p.seqs::jsonb) AS j(value);
)sql";

// SQLite's scalar functions that the shared SQL uses, for PostgreSQL (inlined by its planner).
inline constexpr std::string_view kPostgresFunctions = R"sql(
CREATE OR REPLACE FUNCTION min(a bigint, b bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS 'SELECT least(a, b)';
CREATE OR REPLACE FUNCTION max(a bigint, b bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS 'SELECT greatest(a, b)';
CREATE OR REPLACE FUNCTION iif(c boolean, a anyelement, b anyelement) RETURNS anyelement
  LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN c THEN a ELSE b END';
CREATE OR REPLACE FUNCTION instr(s text, t text) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS 'SELECT strpos(s, t)';
)sql";

// Version 1 → 2: articles.first_seq instead of the index statements_by_article. Run in one
// transaction when the sink opens a version 1 database.
inline constexpr std::string_view kMigrationFrom1 = R"sql(
ALTER TABLE articles ADD COLUMN first_seq INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET first_seq = coalesce(
  (SELECT min(seq) FROM statements s WHERE s.article_id = articles.article_id), 0);
DROP INDEX IF EXISTS statements_by_article;
UPDATE meta SET value = '2' WHERE key = 'schema_version';
)sql";

// Version 2 → 3: the roll-up tables (created by kSchema before this runs). Statements stored
// before have no affiliations (the sink never had them); they are about the entities named
// inside them, as actor_topics counts them. Run in one transaction.
inline constexpr std::string_view kMigrationFrom2 = R"sql(
ALTER TABLE statements ADD COLUMN links BLOB;
INSERT INTO link_postings(kind, actor_id, first_seq, last_seq, seqs)
SELECT 'about', actor_id, min(seq), max(seq), json_group_array(seq)
FROM (SELECT DISTINCT json_extract(e.value, '$.actor_id') AS actor_id, s.seq AS seq
      FROM articles a
      JOIN statements s ON s.seq BETWEEN a.first_seq AND a.first_seq + a.quote_count - 1,
           json_each(a.entities) e
      WHERE a.quote_count > 0 AND json_extract(e.value, '$.start') >= s.start
        AND json_extract(e.value, '$.end') <= s.end AND json_extract(e.value, '$.actor_id') != ''
        AND json_extract(e.value, '$.type') != 'MISC'
        AND json_extract(e.value, '$.actor_id') IS NOT s.actor_id
      ORDER BY 1, 2)
GROUP BY actor_id;
INSERT INTO linked_actors(actor_id, name, type, for_count, about_count, first_seen_ms,
                          last_seen_ms, last_seq)
SELECT l.actor_id, n.name, n.type, 0, count(*),
       min(iif(s.published_ms > 0, s.published_ms, s.stored_ms)),
       max(iif(s.published_ms > 0, s.published_ms, s.stored_ms)), max(l.seq)
FROM statement_links l JOIN statements s ON s.seq = l.seq
JOIN (SELECT json_extract(e.value, '$.actor_id') AS actor_id,  -- the longest name seen
             json_extract(e.value, '$.name') AS name, json_extract(e.value, '$.type') AS type,
             max(length(json_extract(e.value, '$.name')))
      FROM articles a, json_each(a.entities) e GROUP BY 1) n ON n.actor_id = l.actor_id
GROUP BY l.actor_id;
UPDATE meta SET value = '3' WHERE key = 'schema_version';
)sql";

// Version 3 → 4: story_versions (created by kSchema before this runs). Stories stored before
// keep the statements of every version, as that release did.
inline constexpr std::string_view kMigrationFrom3 = R"sql(
UPDATE meta SET value = '4' WHERE key = 'schema_version';
)sql";

// Version 4 → 5: statement sequences from meta's 'last_statement_seq' (Store creates it when it
// opens any version), no longer from the column's generator. The version keeps sinks from before,
// which take the generator's, off a database whose sequences come from the counter.
inline constexpr std::string_view kMigrationFrom4 = R"sql(
UPDATE meta SET value = '5' WHERE key = 'schema_version';
)sql";
// Before it, on PostgreSQL: the references, which it checked row by row and version 5 leaves
// unchecked, as SQLite always did (postgres_schema() in store.cc).
inline constexpr std::string_view kPostgresMigrationFrom4 = R"sql(
ALTER TABLE statements DROP CONSTRAINT IF EXISTS statements_article_id_fkey;
ALTER TABLE actor_roles DROP CONSTRAINT IF EXISTS actor_roles_actor_id_fkey;
ALTER TABLE actor_topics DROP CONSTRAINT IF EXISTS actor_topics_actor_id_fkey;
)sql";

}  // namespace quotewire::sink
