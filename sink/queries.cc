#include "sink/queries.h"

#include <fmt/format.h>

#include <ctime>
#include <stdexcept>

#include "sink/store.h"
#include "text/actor_id.h"

namespace quotewire::sink {

namespace {

// Speakers have a row in `actors`; actors statements are for or about, one in `linked_actors`;
// many have both. Columns: id, name, type, by, for, about, first and last seen, latest text.
constexpr const char* kActorColumns =
    "SELECT {id}, coalesce(a.name, l.name), coalesce(a.type, l.type), "
    "coalesce(a.statement_count, 0), coalesce(l.for_count, 0), coalesce(l.about_count, 0), "
    "min(coalesce(a.first_seen_ms, l.first_seen_ms), coalesce(l.first_seen_ms, a.first_seen_ms)), "
    "max(coalesce(a.last_seen_ms, l.last_seen_ms), coalesce(l.last_seen_ms, a.last_seen_ms)), "
    "(SELECT text FROM statements s WHERE s.seq = a.last_seq) FROM {from} ";
constexpr const char* kSpeakers = "actors a LEFT JOIN linked_actors l ON l.actor_id = a.actor_id";
constexpr const char* kEveryone =
    "(SELECT actor_id FROM actors UNION SELECT actor_id FROM linked_actors) i "
    "LEFT JOIN actors a ON a.actor_id = i.actor_id "
    "LEFT JOIN linked_actors l ON l.actor_id = i.actor_id";

nlohmann::json pairs_json(const std::vector<std::pair<std::string, int64_t>>& pairs) {
  auto out = nlohmann::json::array();
  for (const auto& [name, count] : pairs) out.push_back({{"name", name}, {"count", count}});
  return out;
}

nlohmann::json section_json(const SummarySection& s) {
  auto speakers = nlohmann::json::array();
  for (const auto& c : s.speakers) {
    speakers.push_back({{"actor_id", c.id.empty() ? nlohmann::json() : nlohmann::json(c.id)},
                        {"name", c.name},
                        {"count", c.count}});
  }
  auto outlets = nlohmann::json::array();
  for (const auto& c : s.outlets) outlets.push_back({{"name", c.name}, {"count", c.count}});
  auto latest = nlohmann::json::array();
  for (const auto& u : s.latest) latest.push_back(to_json(u));
  return {{"statements", s.statements},
          {"speakers", std::move(speakers)},
          {"outlets", std::move(outlets)},
          {"latest", std::move(latest)}};
}

}  // namespace

std::optional<int64_t> parse_time(const std::string& text) {
  for (const char* format :
       {"%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"}) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), format, &tm);
    if (end && *end == '\0') return static_cast<int64_t>(timegm(&tm)) * 1000;
  }
  return std::nullopt;
}

TimeWindow time_window(const std::string& since, const std::string& until, int64_t days,
                       int64_t now_ms) {
  auto parsed = [](const char* name, const std::string& text) {
    const auto ms = parse_time(text);
    if (!ms) {
      throw std::invalid_argument(fmt::format(
          "{} must be a date (2025-03-01) or a UTC time (2025-03-01T12:30:00Z), not \"{}\"", name,
          text));
    }
    return *ms;
  };
  TimeWindow window;
  if (days < 0) throw std::invalid_argument("days must not be negative");
  if (days > 0 && !since.empty()) throw std::invalid_argument("give since or days, not both");
  if (days > 0) window.from_ms = now_ms - days * 86'400'000;
  if (!since.empty()) window.from_ms = parsed("since", since);
  if (!until.empty()) window.until_ms = parsed("until", until);
  if (window.until_ms != 0 && window.from_ms >= window.until_ms) {
    throw std::invalid_argument("the window ends before it starts");
  }
  return window;
}

Queries::Queries(const std::string& path) : db_(path, Database::Mode::read_only) {}

std::vector<ActorRow> Queries::select_actors(bool everyone, const std::string& where,
                                             const std::string& bind, size_t limit, size_t offset) {
  const char* id = everyone ? "i.actor_id" : "a.actor_id";
  auto rows = db_.prepare(fmt::format(
      fmt::runtime(std::string(kActorColumns) + "{where} ORDER BY coalesce(a.statement_count, 0) "
                                                "DESC, coalesce(l.for_count, 0) + "
                                                "coalesce(l.about_count, 0) DESC, {id} "
                                                "LIMIT ?2 OFFSET ?3"),
      fmt::arg("id", id), fmt::arg("from", everyone ? kEveryone : kSpeakers),
      fmt::arg("where", fmt::format(fmt::runtime(where), fmt::arg("id", id)))));
  rows.bind(1, bind)
      .bind(2, limit == 0 ? kNoLimit : static_cast<int64_t>(limit))
      .bind(3, static_cast<int64_t>(offset));
  std::vector<ActorRow> out;
  while (rows.step()) {
    out.push_back({.actor_id = rows.text(0),
                   .name = rows.text(1),
                   .type = rows.text(2),
                   .statement_count = rows.int64(3),
                   .for_count = rows.int64(4),
                   .about_count = rows.int64(5),
                   .first_seen_ms = rows.int64(6),
                   .last_seen_ms = rows.int64(7),
                   .latest_statement = rows.text(8)});
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
  return select_actors(false, "WHERE ?1 = ''", "", limit, offset);
}

std::vector<ActorRow> Queries::find_actors(const std::string& query, size_t limit, size_t offset) {
  // Actor ids are folded names, so a folded query matches regardless of case and accents.
  const std::string folded = text::actor_id_for(query);
  if (folded.empty()) return {};
  return select_actors(true, "WHERE instr({id}, ?1) > 0", folded, limit, offset);
}

std::optional<ActorRow> Queries::actor(const std::string& actor_id) {
  auto found = select_actors(true, "WHERE {id} = ?1", actor_id, 1, 0);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

ActorRow Queries::resolve_actor(const std::string& name) {
  if (auto exact = actor(text::actor_id_for(name))) return std::move(*exact);
  auto found = find_actors(name, 6);
  if (found.size() == 1) return std::move(found.front());
  if (found.empty()) throw std::invalid_argument(fmt::format("no actor matches \"{}\"", name));
  std::string names;
  for (const auto& a : found)
    names += fmt::format("{}{} ({})", names.empty() ? "" : ", ", a.name, a.actor_id);
  throw std::invalid_argument(
      fmt::format("\"{}\" could be {}{}", name, names, found.size() > 5 ? ", ..." : ""));
}

SummarySection Queries::section(const std::string& actor_id, View view, TimeWindow window,
                                size_t latest) {
  const std::string where =
      fmt::format("{} AND (?2 = 0 OR {seen} >= ?2) AND (?3 = 0 OR {seen} < ?3)",
                  view_condition(view, "?1"), fmt::arg("seen", kSeenMs));
  auto query = [&](const std::string& sql) {
    auto rows = db_.prepare(sql);
    rows.bind(1, actor_id).bind(2, window.from_ms).bind(3, window.until_ms);
    return rows;
  };
  SummarySection out;
  auto count = query(fmt::format("SELECT count(*) FROM statements WHERE {}", where));
  count.step();
  out.statements = count.int64(0);
  // Speakers without an actor ("Russian officials") by how the text names them.
  auto speakers = query(fmt::format(
      "SELECT coalesce(g.actor_id, ''), coalesce((SELECT name FROM actors a WHERE a.actor_id = "
      "g.actor_id), g.mention), g.n FROM (SELECT actor_id, max(mention) AS mention, count(*) AS n "
      "FROM statements WHERE {} GROUP BY actor_id, iif(actor_id IS NULL, mention, NULL)) g "
      "ORDER BY 3 DESC, 2 LIMIT 10",
      where));
  while (speakers.step()) {
    out.speakers.push_back({speakers.text(0), speakers.text(1), speakers.int64(2)});
  }
  auto outlets = query(fmt::format(
      "SELECT source, count(*) FROM statements WHERE {} GROUP BY source ORDER BY 2 DESC, 1 "
      "LIMIT 10",
      where));
  while (outlets.step()) out.outlets.push_back({"", outlets.text(0), outlets.int64(1)});
  read_updates(db_,
               {.actor_id = actor_id,
                .view = view,
                .from_ms = window.from_ms,
                .until_ms = window.until_ms,
                .limit = latest,
                .newest_first = true},
               [&](pb::ActorUpdate& u) { out.latest.push_back(std::move(u)); });
  return out;
}

ActorSummary Queries::summary(const ActorRow& actor, TimeWindow window, size_t latest) {
  return {.actor = actor,
          .window = window,
          .by = section(actor.actor_id, View::by, window, latest),
          .for_actor = section(actor.actor_id, View::for_actor, window, latest),
          .about = section(actor.actor_id, View::about, window, latest)};
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

nlohmann::json to_json(const ActorRow& a) {
  return {{"actor_id", a.actor_id},
          {"name", a.name},
          {"type", a.type},
          {"statement_count", a.statement_count},
          {"for_count", a.for_count},
          {"about_count", a.about_count},
          {"first_seen_ms", a.first_seen_ms},
          {"last_seen_ms", a.last_seen_ms},
          {"latest_statement", a.latest_statement},
          {"roles", pairs_json(a.roles)},
          {"topics", pairs_json(a.topics)}};
}

nlohmann::json to_json(const ActorSummary& s) {
  auto bound = [](int64_t ms) { return ms == 0 ? nlohmann::json() : nlohmann::json(ms); };
  return {{"actor", to_json(s.actor)},
          {"since_ms", bound(s.window.from_ms)},
          {"until_ms", bound(s.window.until_ms)},
          {"by", section_json(s.by)},
          {"for", section_json(s.for_actor)},
          {"about", section_json(s.about)}};
}

}  // namespace quotewire::sink
