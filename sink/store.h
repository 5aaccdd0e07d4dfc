#pragma once
// The sink's durable state: each result applied with its article id in one transaction (SQLite
// in WAL mode, or PostgreSQL), so a second delivery of an article changes nothing, and the
// per-actor aggregates are exactly-once even though delivery is at-least-once.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "proto/quotewire.pb.h"
#include "sink/checkpointer.h"
#include "sink/database.h"

namespace quotewire::sink {

struct StoreSettings {
  // A SQLite file, or a postgresql:// URI (libpq's); the settings below are SQLite's.
  std::string path = "quotewire.db";
  // NORMAL is safe against process crashes in WAL mode; FULL also against power loss.
  bool synchronous_full = false;
  // A ceiling on the database file (0: none). Past it commits fail as "database or disk is
  // full", the sink stops acknowledging and says so, as when the disk itself fills.
  int64_t max_db_bytes = 0;
  CheckpointSettings checkpoints;  // when the log is copied back, off the sink's thread
};

struct AppliedBatch {
  std::vector<pb::Ack> acks;             // one per item, in order
  std::vector<pb::ActorUpdate> updates;  // one per new statement, in sequence order
  // Statements withdrawn because a later version of their story replaced them (retracted set).
  std::vector<pb::ActorUpdate> retractions;
};

class Store {
 public:
  explicit Store(const StoreSettings& settings);

  // Applies Extraction and DeadLetter envelopes in one transaction. Throws StoreError (and
  // nothing is applied) when the database cannot commit: locked, read-only, full, unreachable.
  // Once committed, the quotes of each stored extraction have moved into the batch's updates.
  AppliedBatch apply(const std::vector<pb::Envelope*>& items);

  // SQLite's; nullptr for PostgreSQL.
  const Checkpointer* checkpointer() const { return checkpointer_.get(); }

 private:
  // Affiliations at least this sure are learned and carried to the person's later statements.
  // Below it is only the guess from the sentence before ("A spokesperson, Anna Nowak, said"):
  // worth showing where it was read, too weak to spread (a wrong "speaks for" misleads most).
  static constexpr float kLearnedConfidence = 0.75f;

  // Per-actor changes of one batch, written with one upsert per actor, role and topic: popular
  // actors appear many times in a batch, and SQLite pays per statement, not per row changed.
  struct ActorDelta {
    std::string name;
    pb::EntityType type = pb::PERSON;
    int64_t statements = 0;
    int64_t first_seen_ms = INT64_MAX;
    int64_t last_seen_ms = INT64_MIN;
    int64_t last_seq = 0;
    std::vector<size_t> updates;  // indexes into AppliedBatch::updates, in order
  };
  struct TopicDelta {
    std::string name;
    pb::EntityType type = pb::MISC;
    int64_t count = 0;
  };
  // An actor statements are for or about (linked_actors).
  struct LinkedDelta {
    std::string name;
    pb::EntityType type = pb::MISC;
    int64_t for_count = 0;
    int64_t about_count = 0;
    int64_t first_seen_ms = INT64_MAX;
    int64_t last_seen_ms = INT64_MIN;
    int64_t last_seq = 0;
  };
  // A person's affiliation as this batch saw it (the affiliations table).
  struct LearnedDelta {
    pb::Affiliation latest;  // learned_in: the article
    int64_t count = 0;
    int64_t first_seen_ms = INT64_MAX;
    int64_t last_seen_ms = INT64_MIN;
    int64_t last_seq = 0;
  };
  // A link_postings row as the batch builds it: statements are applied in sequence order, so
  // each link appends to its actor's row and nothing is sorted afterwards.
  struct Posting {
    int64_t first_seq = 0;
    int64_t last_seq = 0;
    std::string seqs = "[";  // the JSON array, closed when written
  };
  // What a batch reads once, right after taking the lock, instead of a query per row (a round
  // trip each on PostgreSQL): the rows of its articles and speakers that are stored already.
  struct BatchReads {
    // Stored already (articles or dead letters) or by this batch: a second copy is a duplicate.
    std::set<std::string> articles;
    int64_t last_seq = 0;           // the latest statement sequence taken (meta's counter)
    std::string speakers, persons;  // JSON arrays of the speaker ids, and of those that are persons
  };
  // A statement and an article row of the batch, kept until a statement's worth is ready.
  struct StatementRow {
    const pb::Extraction* x;
    const pb::Quote* q;
    std::string links;
    int64_t seq = 0;
    int64_t stored_ms = 0;
  };
  struct ArticleRow {  // after its statements: it points at the first (first_seq)
    const pb::Extraction* x;
    std::string entities;
    int64_t first_seq = 0;
    int64_t stored_ms = 0;
  };
  struct StoredActor {  // an actors row as the batch leaves it so far
    std::string name;
    int64_t statements = 0;
  };
  struct BatchDeltas {
    BatchReads read;
    std::vector<StatementRow> statements;
    std::vector<ArticleRow> articles;
    std::map<std::string, ActorDelta> actors;
    std::map<std::pair<std::string, std::string>, int64_t> roles;      // (actor, role)
    std::map<std::pair<std::string, std::string>, TopicDelta> topics;  // (actor, topic)
    // Per actor id, in the order the rows are written (the table's): 'about', then 'for'.
    std::map<std::string, Posting, std::less<>> about_postings, for_postings;
    std::map<std::string, LinkedDelta> linked;
    std::map<std::pair<std::string, std::string>, LearnedDelta> learned;  // (person, actor)
    // What each person is known to speak for as of the statement being applied, surest first:
    // the database's rows (read_speakers), then what the batch learned.
    std::map<std::string, std::vector<pb::Affiliation>> known_affiliations;
    std::map<std::string, StoredActor> stored_actors;  // read_speakers, then written to
  };

  // Fills deltas.read for the batch, then reads its speakers.
  void read_batch(const std::vector<pb::Envelope*>& items, BatchDeltas& deltas);
  // The stored actors rows and affiliations of the speakers in deltas.read.
  void read_speakers(BatchDeltas& deltas);
  // Versions of a story (story_versions.cc): false when a version at least as high is stored
  // already, so this one keeps no statements; otherwise the stored one's statements are
  // retracted (their aggregates undone) and this one becomes the story's version.
  bool take_version(const pb::Extraction& x, AppliedBatch& out, BatchDeltas& deltas);
  void retract_article(const std::string& article_id, const std::string& replaced_by,
                       AppliedBatch& out);
  void apply_extraction(pb::Extraction& x, int64_t now_ms, AppliedBatch& out, BatchDeltas& deltas);
  // Adds what the statement's speaker was learned to speak for, when it says nothing itself.
  void carry_affiliations(const pb::Quote& q, pb::ActorUpdate& update, BatchDeltas& deltas);
  // The stored statement's links (statement_links), and what it teaches about its speaker.
  void apply_links(const pb::Extraction& x, int64_t seen_ms, const pb::Quote& q,
                   const pb::ActorUpdate& update, BatchDeltas& deltas);
  void insert_dead_letter(const pb::DeadLetter& letter, int64_t now_ms);
  // The batch's statement and article rows so far: all, or (`all` false) whole statements' worth.
  void write_rows(BatchDeltas& deltas, bool all);
  // The rows, then the aggregates: everything the batch holds back.
  void write_deltas(BatchDeltas& deltas, AppliedBatch& out);

  Database db_;
  bool schema_ready_;  // set up before the statements below are prepared against it
  Statement stored_articles_;
  Statement stored_actors_;
  Statement stored_affiliations_;
  Statement last_seq_;
  Statement save_last_seq_;
  RowWriter insert_statements_;
  RowWriter insert_articles_;
  RowWriter upsert_actors_;
  RowWriter upsert_roles_;
  RowWriter upsert_topics_;
  RowWriter insert_postings_;
  RowWriter upsert_linked_actors_;
  RowWriter upsert_affiliations_;
  Statement insert_dead_letter_;
  Statement count_duplicates_;
  std::unique_ptr<Checkpointer> checkpointer_;  // last: its hook goes before the connection closes
};

std::string_view type_name(pb::EntityType type);  // "PERSON", "ORG", "LOCATION", "MISC"
std::string_view kind_name(pb::QuoteKind kind);   // "direct", "indirect", "mixed"

}  // namespace quotewire::sink
