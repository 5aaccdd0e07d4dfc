#pragma once
// Read-only questions to a sink database: actors with their aggregates, an actor's statements,
// totals. Opens its own read-only connection, so it runs beside a live sink (WAL).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sink/sqlite.h"

namespace quotewire::sink {

struct ActorRow {
  std::string actor_id;
  std::string name;
  std::string type;
  int64_t statement_count = 0;
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
  std::string latest_statement;
  std::vector<std::pair<std::string, int64_t>> roles;   // role, times seen
  std::vector<std::pair<std::string, int64_t>> topics;  // entity name, times named
};

struct StatementRow {
  int64_t seq = 0;
  std::string actor_id;
  std::string speaker;
  std::string role;
  std::string text;
  std::string kind;
  std::string cue;
  std::string article_id;
  std::string source;
  std::string url;
  int64_t published_ms = 0;
};

struct Totals {
  int64_t articles = 0;
  int64_t statements = 0;
  int64_t attributed = 0;
  int64_t actors = 0;
  int64_t dead_letters = 0;
};

class Queries {
 public:
  explicit Queries(const std::string& path);

  // Actors by statement count (then id); all when limit is 0.
  std::vector<ActorRow> actors(size_t limit = 0);
  // Actors whose name matches `query` ignoring case and diacritics ("sasa" finds Saša).
  std::vector<ActorRow> find_actors(const std::string& query);
  std::vector<StatementRow> statements_of(const std::string& actor_id, size_t limit = 0);
  Totals totals();

 private:
  ActorRow read_actor(Statement& row);
  void fill_details(ActorRow& actor);
  Database db_;
};

}  // namespace quotewire::sink
