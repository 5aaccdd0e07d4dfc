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

class Queries {
 public:
  explicit Queries(const std::string& path);

  // Actors by statement count (then id); all when limit is 0.
  std::vector<ActorRow> actors(size_t limit = 0, size_t offset = 0);
  // Actors whose name matches `query` ignoring case and diacritics ("sasa" finds Saša).
  std::vector<ActorRow> find_actors(const std::string& query, size_t limit = 0, size_t offset = 0);
  std::optional<ActorRow> actor(const std::string& actor_id);
  std::optional<ArticleRow> article(const std::string& article_id);
  Totals totals();
  // For the statement readers in sink/updates.h.
  Database& database() { return db_; }

 private:
  std::vector<ActorRow> select_actors(const std::string& where, const std::string& bind,
                                      size_t limit, size_t offset);
  Database db_;
};

}  // namespace quotewire::sink
