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

std::vector<ActorRow> Queries::select_actors(const std::string& where, const std::string& bind,
                                             size_t limit, size_t offset) {
  auto rows = db_.prepare(
      fmt::format("{} {} ORDER BY a.statement_count DESC, a.actor_id LIMIT ?2 OFFSET ?3",
                  kActorColumns, where));
  if (!bind.empty()) rows.bind(1, bind);
  rows.bind(2, limit == 0 ? int64_t{-1} : static_cast<int64_t>(limit))
      .bind(3, static_cast<int64_t>(offset));
  std::vector<ActorRow> out;
  while (rows.step()) {
    out.push_back({.actor_id = rows.text(0),
                   .name = rows.text(1),
                   .type = rows.text(2),
                   .statement_count = rows.int64(3),
                   .first_seen_ms = rows.int64(4),
                   .last_seen_ms = rows.int64(5),
                   .latest_statement = rows.text(6)});
  }
  auto roles = db_.prepare(
      "SELECT role, count FROM actor_roles WHERE actor_id = ? ORDER BY count DESC, role");
  auto topics = db_.prepare(
      "SELECT topic_name, count FROM actor_topics WHERE actor_id = ? "
      "ORDER BY count DESC, topic_name");
  for (auto& actor : out) {
    roles.bind(1, actor.actor_id);
    while (roles.step()) actor.roles.emplace_back(roles.text(0), roles.int64(1));
    roles.reset();
    topics.bind(1, actor.actor_id);
    while (topics.step()) actor.topics.emplace_back(topics.text(0), topics.int64(1));
    topics.reset();
  }
  return out;
}

std::vector<ActorRow> Queries::actors(size_t limit, size_t offset) {
  return select_actors("WHERE ?1 IS NULL", "", limit, offset);
}

std::vector<ActorRow> Queries::find_actors(const std::string& query, size_t limit, size_t offset) {
  // Actor ids are folded names, so a folded query matches regardless of case and accents.
  const std::string folded = extract::actor_id_for(query);
  if (folded.empty()) return {};
  return select_actors("WHERE instr(a.actor_id, ?1) > 0", folded, limit, offset);
}

std::optional<ActorRow> Queries::actor(const std::string& actor_id) {
  auto found = select_actors("WHERE a.actor_id = ?1", actor_id, 1, 0);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<ArticleRow> Queries::article(const std::string& article_id) {
  auto row = db_.prepare(
      "SELECT article_id, 'stored', '', source, url, title, published_ms, stored_ms, worker_id, "
      "entities FROM articles WHERE article_id = ?1 UNION ALL "
      "SELECT article_id, 'dead_letter', reason, source, url, title, 0, stored_ms, worker_id, "
      "'[]' FROM dead_letters WHERE article_id = ?1");
  row.bind(1, article_id);
  if (!row.step()) return std::nullopt;
  return ArticleRow{row.text(0), row.text(1),  row.text(2),  row.text(3), row.text(4),
                    row.text(5), row.int64(6), row.int64(7), row.text(8), row.text(9)};
}

Totals Queries::totals() {
  auto row = db_.prepare(
      "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM statements), "
      "(SELECT count(*) FROM statements WHERE actor_id IS NOT NULL), "
      "(SELECT count(*) FROM actors), (SELECT count(*) FROM dead_letters), "
      "(SELECT coalesce(CAST(value AS INTEGER), 0) FROM meta WHERE key = 'duplicates_delivered')");
  row.step();
  return {row.int64(0), row.int64(1), row.int64(2), row.int64(3), row.int64(4), row.int64(5)};
}

}  // namespace quotewire::sink
