#pragma once
// Statements as the updates subscribers see: read back from the database for snapshots and the
// HTTP API, and written as JSON for `quotewire subscribe`, the API and exports.

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "proto/quotewire.pb.h"
#include "sink/database.h"

namespace quotewire::sink {

// Which of an actor's statements (the roll-up of issue 16).
enum class View {
  by,         // it is the speaker
  for_actor,  // the speaker speaks for it (an affiliation, given or carried)
  about,      // it is a subject, and the statement is not also for it
  by_or_for,  // its position: by it or for it
};

// An SQL condition on `statements` that selects an actor's statements in `view`; `actor` is the
// parameter that holds its id ("?1").
std::string view_condition(View view, std::string_view actor);

// When a statement was seen, in SQL on `statements`: its article's publication time, else when
// it was stored (the time windows of the roll-up).
inline constexpr std::string_view kSeenMs = "iif(published_ms > 0, published_ms, stored_ms)";

// LIMIT for "all rows": both databases take it (PostgreSQL refuses SQLite's -1).
inline constexpr int64_t kNoLimit = INT64_MAX;

struct UpdateQuery {
  // Actor ids starting with this; "" = all, unattributed included. "for:P" / "about:P": the
  // statements for / about actors whose id starts with P (as the live topics).
  std::string prefix;
  std::string actor_id;  // exactly this actor, in `view` (overrides prefix)
  View view = View::by;
  std::string about;       // ... and about this actor too ("by or for Russia about Kosovo")
  std::string article_id;  // the statements of this article only (overrides the above)
  uint64_t since = 0;      // statements with a sequence above this
  uint64_t up_to = 0;      // ... and at most this (0: no bound)
  int64_t from_ms = 0;     // published (else stored) at or after this (0: no bound)
  int64_t until_ms = 0;    // ... and before this (0: no bound)
  size_t limit = 0;        // 0: all
  bool newest_first = false;
};

// Calls `each` in sequence order (newest first if asked); the statement_count of each update is
// the actor's count as of that statement, as it was when published live, and its affiliations,
// carried affiliations and subjects are those published.
void read_updates(Database& db, const UpdateQuery& query,
                  const std::function<void(pb::ActorUpdate&)>& each);

// The latest statement sequence in the database (0 when empty).
uint64_t latest_sequence(Database& db);

// The topics an update is published on: its speaker's id (or "~unattributed"), then
// "for:<id>" for each actor it is for and "about:<id>" for each it is about and not for.
std::vector<std::string> topics_of(const pb::ActorUpdate& update);

nlohmann::json to_json(const pb::ActorUpdate& update);

pb::EntityType type_from_name(const std::string& name);

}  // namespace quotewire::sink
