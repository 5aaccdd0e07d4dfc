// quotewire actors: the per-actor aggregates in a sink database.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/app.h"
#include "apps/reports.h"
#include "sink/queries.h"
#include "sink/store.h"
#include "sink/updates.h"

namespace quotewire::app {
namespace {

nlohmann::json pairs_json(const std::vector<std::pair<std::string, int64_t>>& pairs) {
  auto out = nlohmann::json::array();
  for (const auto& [name, count] : pairs) out.push_back({{"name", name}, {"count", count}});
  return out;
}

nlohmann::json actor_json(const sink::ActorRow& a) {
  return {{"actor_id", a.actor_id},
          {"name", a.name},
          {"type", a.type},
          {"statement_count", a.statement_count},
          {"first_seen_ms", a.first_seen_ms},
          {"last_seen_ms", a.last_seen_ms},
          {"roles", pairs_json(a.roles)},
          {"topics", pairs_json(a.topics)}};
}

void show_actor(sink::Queries& queries, const sink::ActorRow& a, bool json) {
  std::vector<pb::ActorUpdate> statements;
  sink::read_updates(queries.database(), {.actor_id = a.actor_id},
                     [&](pb::ActorUpdate& u) { statements.push_back(std::move(u)); });
  if (json) {
    auto out = actor_json(a);
    out["statements"] = nlohmann::json::array();
    for (const auto& s : statements) out["statements"].push_back(sink::to_json(s));
    std::cout << out.dump() << '\n';
    return;
  }
  fmt::print("{} ({}, {} statement(s))\n", a.name, a.type, a.statement_count);
  for (const auto& [role, count] : a.roles) fmt::print("  role: {} ({}×)\n", role, count);
  for (const auto& s : statements) {
    fmt::print("  [{}] {} via \"{}\" in {}:\n    {}\n", s.sequence(),
               sink::kind_name(s.quote().kind()), s.quote().cue(),
               s.source().empty() ? s.article_id() : s.source(), s.quote().text());
  }
}

}  // namespace

void add_actors_command(CLI::App& app) {
  struct Options {
    std::string db = "quotewire.db";
    std::string name;
    bool json = false;
    size_t limit = 0;
    std::string log_level = "warn";
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("actors", "Show who said what from a sink database");
  cmd->add_option("--db", options->db, "SQLite database file")->capture_default_str();
  cmd->add_option("name", options->name,
                  "show this actor's statements (case and accents ignored; part of a name works)");
  cmd->add_flag("--json", options->json, "one JSON object per line");
  cmd->add_option("--limit", options->limit, "actors listed at most (0: all)");
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    sink::Queries queries(options->db);
    if (!options->name.empty()) {
      const auto found = queries.find_actors(options->name);
      if (found.empty()) throw Failure{fmt::format("no actor matches \"{}\"", options->name), 1};
      for (const auto& a : found) show_actor(queries, a, options->json);
      return;
    }
    if (!options->json) {
      print_actor_summary(options->db, options->limit);
      return;
    }
    for (const auto& a : queries.actors(options->limit)) std::cout << actor_json(a).dump() << '\n';
  });
}

}  // namespace quotewire::app
