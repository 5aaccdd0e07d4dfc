#include "sink/http_api.h"

#include <fmt/format.h>
#include <httplib.h>

#include <charconv>
#include <optional>
#include <stdexcept>

#include "sink/dashboard.h"
#include "sink/queries.h"
#include "sink/updates.h"
#include "transport/clock.h"

namespace quotewire::sink {
namespace {

constexpr const char* kJson = "application/json";

// A request that cannot be answered, with the status and reason the client gets as JSON.
struct ApiError {
  int status;
  std::string message;
};

void send_json(httplib::Response& res, const nlohmann::json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(), kJson);
}

// An unsigned query parameter within [min, max], or `fallback` when absent.
uint64_t uint_param(const httplib::Request& req, const char* name, uint64_t fallback, uint64_t min,
                    uint64_t max) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    throw ApiError{
        400, fmt::format("{} must be an integer from {} to {}, not \"{}\"", name, min, max, text)};
  }
  return value;
}

// Runs a handler with a fresh read-only connection; errors become JSON with a status code.
template <typename Handler>
auto guarded(const ApiContext& context, Handler handler) {
  return [context, handler](const httplib::Request& req, httplib::Response& res) {
    try {
      Queries queries(context.db_path);
      handler(req, res, queries);
    } catch (const ApiError& e) {
      send_json(res, {{"error", e.message}}, e.status);
    } catch (const StoreError& e) {
      send_json(res, {{"error", fmt::format("database unavailable: {}", e.what())}}, 503);
    }
  };
}

nlohmann::json statements_page(Queries& queries, UpdateQuery query) {
  auto statements = nlohmann::json::array();
  uint64_t last = query.since;
  read_updates(queries.database(), query, [&](pb::ActorUpdate& u) {
    statements.push_back(to_json(u));
    last = u.sequence();
  });
  nlohmann::json page = {{"statements", std::move(statements)}};
  // The cursor for the next page; absent when this page was the last.
  page["next"] = page["statements"].size() == query.limit ? nlohmann::json(last) : nullptr;
  return page;
}

ActorRow known_actor(Queries& queries, const std::string& id) {
  auto actor = queries.actor(id);
  if (!actor) throw ApiError{404, fmt::format("no actor \"{}\"", id)};
  return std::move(*actor);
}

// since=DATE&until=DATE or days=N (docs/API.md).
TimeWindow window_param(const httplib::Request& req) {
  try {
    return time_window(req.get_param_value("since"), req.get_param_value("until"),
                       static_cast<int64_t>(uint_param(req, "days", 0, 0, 100000)),
                       transport::unix_ms());
  } catch (const std::invalid_argument& e) {
    throw ApiError{400, e.what()};
  }
}

// GET /api/actors/{id}/{statements,for,about,by-or-for}?about=ID&since=&until=&days=&limit=&cursor=
void add_view_route(httplib::Server& server, const ApiContext& context, const std::string& name,
                    View view) {
  server.Get(R"(/api/actors/([^/]+)/)" + name,
             guarded(context, [view](const auto& req, auto& res, Queries& q) {
               const std::string id = req.matches[1];
               known_actor(q, id);
               const std::string about = req.get_param_value("about");
               if (!about.empty()) known_actor(q, about);
               const TimeWindow window = window_param(req);
               send_json(res,
                         statements_page(q, {.actor_id = id,
                                             .view = view,
                                             .about = about,
                                             .since = uint_param(req, "cursor", 0, 0, INT64_MAX),
                                             .from_ms = window.from_ms,
                                             .until_ms = window.until_ms,
                                             .limit = uint_param(req, "limit", 50, 1, 1000)}));
             }));
}

}  // namespace

void add_api_routes(httplib::Server& server, ApiContext context) {
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(dashboard_page()), "text/html; charset=utf-8");
  });

  // GET /api/actors?q=NAME&limit=50&offset=0
  server.Get("/api/actors", guarded(context, [](const auto& req, auto& res, Queries& q) {
               const auto limit = uint_param(req, "limit", 50, 1, 1000);
               const auto offset = uint_param(req, "offset", 0, 0, UINT32_MAX);
               const auto actors = req.has_param("q")
                                       ? q.find_actors(req.get_param_value("q"), limit, offset)
                                       : q.actors(limit, offset);
               auto list = nlohmann::json::array();
               for (const auto& a : actors) list.push_back(to_json(a));
               nlohmann::json body = {{"actors", list}};
               body["next_offset"] =
                   actors.size() == limit ? nlohmann::json(offset + limit) : nullptr;
               send_json(res, body);
             }));

  // GET /api/actors/{id}
  server.Get(R"(/api/actors/([^/]+))", guarded(context, [](const auto& req, auto& res, Queries& q) {
               send_json(res, to_json(known_actor(q, req.matches[1])));
             }));

  // An actor's statements: by it, for it, about it, by or for it (issue 16's roll-up).
  add_view_route(server, context, "statements", View::by);
  add_view_route(server, context, "for", View::for_actor);
  add_view_route(server, context, "about", View::about);
  add_view_route(server, context, "by-or-for", View::by_or_for);

  // GET /api/actors/{id}/summary?since=&until=&days=&latest=3
  server.Get(R"(/api/actors/([^/]+)/summary)",
             guarded(context, [](const auto& req, auto& res, Queries& q) {
               const ActorRow actor = known_actor(q, req.matches[1]);
               send_json(res, to_json(q.summary(actor, window_param(req),
                                                uint_param(req, "latest", 3, 0, 100))));
             }));

  // GET /api/statements?since=SEQ&limit=100: every statement after a sequence, all actors.
  server.Get("/api/statements", guarded(context, [](const auto& req, auto& res, Queries& q) {
               send_json(res,
                         statements_page(q, {.since = uint_param(req, "since", 0, 0, INT64_MAX),
                                             .limit = uint_param(req, "limit", 100, 1, 1000)}));
             }));

  // GET /api/articles/{id}: one article's extraction, or its dead-letter record.
  server.Get(R"(/api/articles/([^/]+))",
             guarded(context, [](const auto& req, auto& res, Queries& q) {
               const std::string id = req.matches[1];
               auto article = q.article(id);
               if (!article) throw ApiError{404, fmt::format("no article \"{}\"", id)};
               auto statements = nlohmann::json::array();
               read_updates(q.database(), {.article_id = id},
                            [&](pb::ActorUpdate& u) { statements.push_back(to_json(u)); });
               send_json(res, {{"article_id", article->article_id},
                               {"status", article->status},
                               {"reason", article->reason},
                               {"source", article->source},
                               {"url", article->url},
                               {"title", article->title},
                               {"published_ms", article->published_ms},
                               {"stored_ms", article->stored_ms},
                               {"worker_id", article->worker_id},
                               {"entities", nlohmann::json::parse(article->entities_json)},
                               {"statements", std::move(statements)}});
             }));

  // GET /api/stats: what the dashboard and `quotewire top` draw.
  server.Get("/api/stats", guarded(context, [context](const auto&, auto& res, Queries& q) {
               const auto totals = q.totals();
               auto top = nlohmann::json::array();
               for (const auto& a : q.actors(10)) top.push_back(to_json(a));
               const auto& p = context.probe;
               nlohmann::json body = context.activity.to_json(transport::unix_ms());
               body["totals"] = {{"articles", totals.articles},
                                 {"statements", totals.statements},
                                 {"attributed", totals.attributed},
                                 {"actors", totals.actors},
                                 {"dead_letters", totals.dead_letters}};
               body["sink"] = {{"stored", p.stored.load()},
                               {"duplicates", p.duplicates.load()},
                               {"dead_lettered", p.dead_lettered.load()},
                               {"store_errors", p.store_errors.load()},
                               {"rejected_frames", p.bad_frames.load()},
                               {"last_sequence", p.last_sequence.load()},
                               {"latency_p50_s", p.end_to_end_seconds.snapshot().quantile(0.5)},
                               {"latency_p99_s", p.end_to_end_seconds.snapshot().quantile(0.99)}};
               body["top_actors"] = std::move(top);
               body["broker"] = context.broker_status ? context.broker_status() : nullptr;
               body["producers"] =
                   context.producers_status ? context.producers_status() : nlohmann::json::array();
               send_json(res, body);
             }));
}

}  // namespace quotewire::sink
