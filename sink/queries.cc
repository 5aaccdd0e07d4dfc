#include "sink/queries.h"

#include <fmt/format.h>

#include "extract/extractor.h"

namespace quotewire::sink {

namespace {
constexpr const char* kActorColumns =
    "SELECT a.actor_id, a.name, a.type, a.statement_count, a.first_seen_ms, a.last_seen_ms, "
    "(SELECT text FROM statements s WHERE s.seq = a.last_seq) FROM actors a ";
}

Queries::Queries(const std::string& path) : db_(path, Database::Mode::read_only) {}

ActorRow Queries::read_actor(Statement& row) {
  ActorRow actor;
  actor.actor_id = row.text(0);
  actor.name = row.text(1);
  actor.type = row.text(2);
  actor.statement_count = row.int64(3);
  actor.first_seen_ms = row.int64(4);
  actor.last_seen_ms = row.int64(5);
  actor.latest_statement = row.text(6);
  return actor;
}

void Queries::fill_details(ActorRow& actor) {
  auto roles = db_.prepare(
      "SELECT role, count FROM actor_roles WHERE actor_id = ? ORDER BY count DESC, role");
  roles.bind(1, actor.actor_id);
  while (roles.step()) actor.roles.emplace_back(roles.text(0), roles.int64(1));
  auto topics = db_.prepare(
      "SELECT topic_name, count FROM actor_topics WHERE actor_id = ? "
      "ORDER BY count DESC, topic_name");
  topics.bind(1, actor.actor_id);
  while (topics.step()) actor.topics.emplace_back(topics.text(0), topics.int64(1));
}

std::vector<ActorRow> Queries::actors(size_t limit) {
  auto rows =
      db_.prepare(fmt::format("{} ORDER BY a.statement_count DESC, a.actor_id LIMIT {}",
                              kActorColumns, limit == 0 ? -1 : static_cast<int64_t>(limit)));
  std::vector<ActorRow> out;
  while (rows.step()) out.push_back(read_actor(rows));
  for (auto& actor : out) fill_details(actor);
  return out;
}

std::vector<ActorRow> Queries::find_actors(const std::string& query) {
  // Actor ids are folded names, so a folded query matches regardless of case and accents.
  auto rows = db_.prepare(
      fmt::format("{} WHERE instr(a.actor_id, ?) > 0 ORDER BY a.statement_count DESC, a.actor_id",
                  kActorColumns));
  rows.bind(1, extract::actor_id_for(query));
  std::vector<ActorRow> out;
  while (rows.step()) out.push_back(read_actor(rows));
  for (auto& actor : out) fill_details(actor);
  return out;
}

std::vector<StatementRow> Queries::statements_of(const std::string& actor_id, size_t limit) {
  auto rows = db_.prepare(
      fmt::format("SELECT seq, actor_id, speaker, role, text, kind, cue, article_id, source, url, "
                  "published_ms FROM statements WHERE actor_id = ? ORDER BY seq LIMIT {}",
                  limit == 0 ? -1 : static_cast<int64_t>(limit)));
  rows.bind(1, actor_id);
  std::vector<StatementRow> out;
  while (rows.step()) {
    out.push_back({rows.int64(0), rows.text(1), rows.text(2), rows.text(3), rows.text(4),
                   rows.text(5), rows.text(6), rows.text(7), rows.text(8), rows.text(9),
                   rows.int64(10)});
  }
  return out;
}

Totals Queries::totals() {
  auto row = db_.prepare(
      "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM statements), "
      "(SELECT count(*) FROM statements WHERE actor_id IS NOT NULL), "
      "(SELECT count(*) FROM actors), (SELECT count(*) FROM dead_letters)");
  row.step();
  return {row.int64(0), row.int64(1), row.int64(2), row.int64(3), row.int64(4)};
}

}  // namespace quotewire::sink
