#pragma once
// Statements as the updates subscribers see: read back from the database for snapshots and the
// HTTP API, and written as JSON for `quotewire subscribe`, the API and exports.

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "proto/quotewire.pb.h"
#include "sink/sqlite.h"

namespace quotewire::sink {

struct UpdateQuery {
  std::string prefix;      // actor ids starting with this; "" = all, unattributed included
  std::string actor_id;    // exactly this actor (overrides prefix)
  std::string article_id;  // the statements of this article only (overrides both)
  uint64_t since = 0;      // statements with a sequence above this
  uint64_t up_to = 0;      // ... and at most this (0: no bound)
  size_t limit = 0;        // 0: all
};

// Calls `each` in sequence order; the statement_count of each update is the actor's count as
// of that statement, as it was when published live.
void read_updates(Database& db, const UpdateQuery& query,
                  const std::function<void(pb::ActorUpdate&)>& each);

// The latest statement sequence in the database (0 when empty).
uint64_t latest_sequence(Database& db);

nlohmann::json to_json(const pb::ActorUpdate& update);

pb::EntityType type_from_name(const std::string& name);

}  // namespace quotewire::sink
