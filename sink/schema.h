#pragma once
// The sink database's schema, version 2 (documented for ad-hoc SQL in docs/SCHEMA.md).

#include <string_view>

namespace quotewire::sink {

inline constexpr int kSchemaVersion = 2;

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
-- Every statement; seq is the sink-wide update sequence published to subscribers.
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
  end           INTEGER NOT NULL,
  source        TEXT NOT NULL,
  url           TEXT NOT NULL,
  published_ms  INTEGER NOT NULL,
  stored_ms     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_by_actor ON statements(actor_id, seq);
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

// Version 1 → 2: articles.first_seq instead of the index statements_by_article. Run in one
// transaction when the sink opens a version 1 database.
inline constexpr std::string_view kMigrationFrom1 = R"sql(
ALTER TABLE articles ADD COLUMN first_seq INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET first_seq = coalesce(
  (SELECT min(seq) FROM statements s WHERE s.article_id = articles.article_id), 0);
DROP INDEX IF EXISTS statements_by_article;
UPDATE meta SET value = '2' WHERE key = 'schema_version';
)sql";

}  // namespace quotewire::sink
