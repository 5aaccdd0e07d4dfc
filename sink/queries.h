#pragma once
// Read-only questions to a sink database: actors with their aggregates, an actor's statements
// by, for and about it, summaries over a time window, totals; and the JSON the CLI and the
// HTTP API both print. Opens its own read-only connection, so it runs beside a live sink (WAL).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "proto/quotewire.pb.h"
#include "sink/database.h"
#include "sink/updates.h"

namespace quotewire::sink {

struct ActorRow {
  std::string actor_id;
  std::string name;
  std::string type;
  int64_t statement_count = 0;  // by it
  int64_t for_count = 0;        // by others, for it
  int64_t about_count = 0;      // about it, and not for it
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
  std::string latest_statement;
  std::vector<std::pair<std::string, int64_t>> roles;   // role, times seen
  std::vector<std::pair<std::string, int64_t>> topics;  // entity name, times named
};

struct ArticleRow {
  std::string article_id;
  std::string status;  // "stored" or "dead_letter"
  std::string reason;  // why it was dead-lettered
  std::string source;
  std::string url;
  std::string title;
  int64_t published_ms = 0;
  int64_t stored_ms = 0;
  std::string worker_id;
  std::string entities_json;  // "[]" for dead letters
};

struct Totals {
  int64_t articles = 0;
  int64_t statements = 0;
  int64_t attributed = 0;
  int64_t actors = 0;
  int64_t dead_letters = 0;
  int64_t duplicates_delivered = 0;  // redeliveries the sink recognised and ignored
};

// [from_ms, until_ms) in unix milliseconds, 0 for no bound; against when a statement was seen
// (its article's publication time, else when it was stored).
struct TimeWindow {
  int64_t from_ms = 0;
  int64_t until_ms = 0;
};

// "2025-03-01", "2025-03-01T12:30", "2025-03-01T12:30:15Z" (UTC) as unix ms.
std::optional<int64_t> parse_time(const std::string& text);
// The window the CLI and the API take: `since`/`until` as parse_time reads them, or the last
// `days` days before now. Throws std::invalid_argument saying what is wrong.
TimeWindow time_window(const std::string& since, const std::string& until, int64_t days,
                       int64_t now_ms);

struct NamedCount {
  std::string id;  // an actor id; "" for an outlet or a speaker without one ("officials")
  std::string name;
  int64_t count = 0;
};

// One view of an actor over a time window: how many statements, from whom, where, the latest.
struct SummarySection {
  int64_t statements = 0;
  std::vector<NamedCount> speakers;     // most first
  std::vector<NamedCount> outlets;      // most first
  std::vector<pb::ActorUpdate> latest;  // newest first
};

struct ActorSummary {
  ActorRow actor;
  TimeWindow window;
  SummarySection by, for_actor, about;
};

class Queries {
 public:
  explicit Queries(const std::string& path);

  // Speakers by statement count (then id); all when limit is 0.
  std::vector<ActorRow> actors(size_t limit = 0, size_t offset = 0);
  // Actors whose name matches `query` ignoring case and diacritics ("sasa" finds Saša): speakers
  // and the actors statements are only for or about.
  std::vector<ActorRow> find_actors(const std::string& query, size_t limit = 0, size_t offset = 0);
  std::optional<ActorRow> actor(const std::string& actor_id);
  // The actor a name means: the one whose id is the folded name, else the only one matching.
  // Throws std::invalid_argument naming the candidates when it is none or several.
  ActorRow resolve_actor(const std::string& name);
  std::optional<ArticleRow> article(const std::string& article_id);
  ActorSummary summary(const ActorRow& actor, TimeWindow window, size_t latest = 3);
  Totals totals();
  // For the statement readers in sink/updates.h.
  Database& database() { return db_; }

 private:
  std::vector<ActorRow> select_actors(bool everyone, const std::string& where,
                                      const std::string& bind, size_t limit, size_t offset);
  SummarySection section(const std::string& actor_id, View view, TimeWindow window, size_t latest);
  Database db_;
};

// The JSON of the API and of `quotewire actors --json` (docs/API.md).
nlohmann::json to_json(const ActorRow& actor);
nlohmann::json to_json(const ActorSummary& summary);

}  // namespace quotewire::sink
