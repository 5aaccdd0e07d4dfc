#pragma once
// The sink's durable state: each result applied with its article id in one SQLite transaction
// (WAL), so a second delivery of an article changes nothing, and the per-actor aggregates are
// exactly-once even though delivery is at-least-once.

#include <cstdint>
#include <string>
#include <vector>

#include "proto/quotewire.pb.h"
#include "sink/sqlite.h"

namespace quotewire::sink {

struct StoreSettings {
  std::string path = "quotewire.db";
  // NORMAL is safe against process crashes in WAL mode; FULL also against power loss.
  bool synchronous_full = false;
  // A ceiling on the database file (0: none). Past it commits fail as "database or disk is
  // full", the sink stops acknowledging and says so, as when the disk itself fills.
  int64_t max_db_bytes = 0;
};

struct AppliedBatch {
  std::vector<pb::Ack> acks;             // one per item, in order
  std::vector<pb::ActorUpdate> updates;  // one per new attributed statement
};

class Store {
 public:
  explicit Store(const StoreSettings& settings);

  // Applies Extraction and DeadLetter envelopes in one transaction. Throws StoreError (and
  // nothing is applied) when SQLite cannot commit: locked, read-only, full.
  AppliedBatch apply(const std::vector<const pb::Envelope*>& items);

 private:
  bool known(const std::string& article_id);
  void apply_extraction(const pb::Extraction& x, int64_t now_ms, AppliedBatch& out);
  void apply_dead_letter(const pb::DeadLetter& letter, int64_t now_ms);

  Database db_;
  bool schema_ready_;  // set up before the statements below are prepared against it
  Statement known_article_;
  Statement insert_article_;
  Statement insert_entity_;
  Statement insert_statement_;
  Statement upsert_actor_;
  Statement upsert_role_;
  Statement upsert_topic_;
  Statement insert_dead_letter_;
};

std::string type_name(pb::EntityType type);  // "PERSON", "ORG", "LOCATION", "MISC"
std::string kind_name(pb::QuoteKind kind);   // "direct", "indirect", "mixed"

}  // namespace quotewire::sink
