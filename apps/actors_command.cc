// quotewire actors: the per-actor aggregates in a sink database; one actor's statements by it,
// for it (by anyone speaking for it) and about it, or a summary of them over a time window.
#include <fmt/format.h>

#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "apps/app.h"
#include "apps/reports.h"
#include "extract/extractor.h"
#include "sink/queries.h"
#include "sink/store.h"
#include "sink/updates.h"
#include "text/actor_id.h"
#include "transport/clock.h"

namespace quotewire::app {
namespace {

struct Options {
  std::string db = "quotewire.db";
  std::string name;
  std::string about;
  std::string since;
  std::string until;
  int64_t days = 0;
  bool summary = false;
  size_t latest = 3;
  bool json = false;
  size_t limit = 0;
  std::string log_level = "warn";
};

std::string day(int64_t ms) {
  const std::time_t seconds = ms / 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

// Who said it, as the text names them: "Dragomir Andjelkovic", "Russian officials".
std::string speaker(const pb::ActorUpdate& s) {
  const auto& q = s.quote();
  if (!s.actor_name().empty()) return s.actor_name();
  if (!q.speaker_name().empty()) return q.speaker_name();
  return q.speaker_mention().empty() ? "unattributed" : q.speaker_mention();
}

// Where an affiliation was learned: this article, or the earlier one it was carried from.
std::string learned_where(sink::Queries& queries, const pb::Affiliation& f) {
  if (f.learned_in().empty()) return "in this article";
  const auto article = queries.article(f.learned_in());
  if (!article) return fmt::format("learned in {}", f.learned_in());
  return fmt::format("learned in “{}” ({}{}, {})", article->title, article->source,
                     article->published_ms > 0 ? ", " + day(article->published_ms) : "",
                     article->article_id);
}

class Printer {
 public:
  Printer(sink::Queries& queries, const sink::ActorRow& actor) : q_(queries), actor_(actor) {}

  // The statement as `quotewire actors NAME` always printed it, plus who said it when that is
  // not the actor itself.
  void statement(const pb::ActorUpdate& s) const {
    const bool by_actor = s.actor_id() == actor_.actor_id;
    fmt::print(
        "  [{}] {} via \"{}\" in {}{}:\n    {}\n", s.sequence(), sink::kind_name(s.quote().kind()),
        s.quote().cue(), s.source().empty() ? s.article_id() : s.source(),
        by_actor
            ? ""
            : fmt::format(" — {}{}", speaker(s),
                          s.quote().speaker_role().empty() ? "" : ", " + s.quote().speaker_role()),
        s.quote().text());
  }

  // Why a statement counts for the actor: who, in what role, by which relation, on what
  // evidence, learned where.
  void chain(const pb::ActorUpdate& s) const {
    for (const auto* list : {&s.quote().speaker_affiliations(), &s.carried_affiliations()}) {
      for (const auto& f : *list) {
        if (f.actor_id() != actor_.actor_id) continue;
        std::string who = speaker(s);
        if (!s.quote().speaker_role().empty()) who += ", " + s.quote().speaker_role();
        fmt::print("    chain: {}, {} — evidence “{}”, {} (confidence {:.2f})\n", who, f.relation(),
                   f.evidence(), learned_where(q_, f), f.confidence());
      }
    }
  }

  void subject(const pb::ActorUpdate& s) const {
    for (const auto& subject : s.quote().subjects()) {
      if (subject.actor_id() == actor_.actor_id) {
        fmt::print("    about {} (named by {})\n", subject.name(), subject.via());
      }
    }
  }

 private:
  sink::Queries& q_;
  const sink::ActorRow& actor_;
};

std::vector<pb::ActorUpdate> statements(sink::Queries& queries, sink::UpdateQuery query) {
  std::vector<pb::ActorUpdate> out;
  sink::read_updates(queries.database(), query,
                     [&](pb::ActorUpdate& u) { out.push_back(std::move(u)); });
  return out;
}

nlohmann::json json_list(const std::vector<pb::ActorUpdate>& list) {
  auto out = nlohmann::json::array();
  for (const auto& s : list) out.push_back(sink::to_json(s));
  return out;
}

void show_summary(sink::Queries& queries, const sink::ActorRow& a, const Options& options,
                  sink::TimeWindow window) {
  const auto summary = queries.summary(a, window, options.latest);
  if (options.json) {
    std::cout << sink::to_json(summary).dump() << '\n';
    return;
  }
  fmt::print("{} ({}), {} to {}:\n", a.name, a.type,
             window.from_ms ? day(window.from_ms) : "the start",
             window.until_ms ? "before " + day(window.until_ms) : "now");
  auto counts = [](const std::vector<sink::NamedCount>& list) {
    std::string out;
    for (const auto& c : list) {
      out += fmt::format("{}{} ({})", out.empty() ? "" : ", ",
                         c.name.empty() ? "no outlet given" : c.name, c.count);
    }
    return out;
  };
  const std::pair<const char*, const sink::SummarySection*> sections[] = {
      {"by", &summary.by}, {"for", &summary.for_actor}, {"about", &summary.about}};
  for (const auto& [view, section] : sections) {
    fmt::print("  {} {}: {} statement(s)", view, a.name, section->statements);
    if (section->statements > 0) {
      fmt::print(" from {}; outlets: {}", counts(section->speakers), counts(section->outlets));
    }
    fmt::print("\n");
    for (const auto& s : section->latest) {
      fmt::print("    [{}] {}{} — {}: “{}”\n", s.sequence(),
                 s.published_unix_ms() > 0 ? day(s.published_unix_ms()) + " " : "",
                 s.source().empty() ? s.article_id() : s.source(), speaker(s),
                 first_words(s.quote().text(), 16));
    }
  }
}

void show_actor(sink::Queries& queries, const sink::ActorRow& a, const Options& options,
                sink::TimeWindow window) {
  if (options.summary) {
    show_summary(queries, a, options, window);
    return;
  }
  const Printer print(queries, a);
  auto query = [&](sink::View view, const std::string& about) {
    return statements(queries, {.actor_id = a.actor_id,
                                .view = view,
                                .about = about,
                                .from_ms = window.from_ms,
                                .until_ms = window.until_ms});
  };
  if (!options.about.empty()) {
    // The combination: what is said by or for the actor about another.
    const auto about = queries.resolve_actor(options.about);
    const auto list = query(sink::View::by_or_for, about.actor_id);
    if (options.json) {
      auto out = sink::to_json(a);
      out["about_actor"] = sink::to_json(about);
      out["by_or_for"] = json_list(list);
      std::cout << out.dump() << '\n';
      return;
    }
    fmt::print("{} ({}): {} statement(s) by or for it about {}\n", a.name, a.type, list.size(),
               about.name);
    for (const auto& s : list) {
      print.statement(s);
      print.chain(s);
    }
    return;
  }
  const auto by = query(sink::View::by, "");
  const auto for_actor = query(sink::View::for_actor, "");
  const auto about = query(sink::View::about, "");
  if (options.json) {
    auto out = sink::to_json(a);
    out["statements"] = json_list(by);
    out["for"] = json_list(for_actor);
    out["about"] = json_list(about);
    std::cout << out.dump() << '\n';
    return;
  }
  fmt::print("{} ({}, {} statement(s))\n", a.name, a.type, by.size());
  for (const auto& [role, count] : a.roles) fmt::print("  role: {} ({}×)\n", role, count);
  for (const auto& s : by) print.statement(s);
  if (!for_actor.empty()) {
    fmt::print("  for {}, by those who speak for it ({}):\n", a.name, for_actor.size());
    for (const auto& s : for_actor) {
      print.statement(s);
      print.chain(s);
    }
  }
  if (!about.empty()) {
    fmt::print("  about {}, by others ({}):\n", a.name, about.size());
    for (const auto& s : about) {
      print.statement(s);
      print.subject(s);
    }
  }
}

}  // namespace

void add_actors_command(CLI::App& app) {
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("actors", "Show who said what from a sink database");
  cmd->add_option("--db", options->db, "SQLite database file or postgresql:// URI")
      ->capture_default_str();
  auto* name = cmd->add_option(
      "name", options->name,
      "show this actor's statements: by it, for it (by those who speak for it) and about it "
      "(case and accents ignored; part of a name works)");
  cmd->add_option("--about", options->about,
                  "only what is said by or for the actor about this one (\"Russia --about "
                  "Kosovo\")")
      ->needs(name);
  auto* since = cmd->add_option("--since", options->since,
                                "statements seen from this date (2025-03-01) or UTC time "
                                "(2025-03-01T12:30:00Z) on")
                    ->needs(name);
  cmd->add_option("--until", options->until, "... and before this one")->needs(name);
  cmd->add_option("--days", options->days, "statements of the last N days")
      ->check(CLI::PositiveNumber)
      ->excludes(since)
      ->needs(name);
  cmd->add_flag("--summary", options->summary,
                "how many statements by, for and about the actor, from whom, where, the latest")
      ->needs(name);
  cmd->add_option("--latest", options->latest, "latest statements per view in the summary")
      ->capture_default_str();
  cmd->add_flag("--json", options->json, "one JSON object per line");
  cmd->add_option("--limit", options->limit, "actors listed at most (0: all)");
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    sink::Queries queries(options->db);
    sink::TimeWindow window;
    try {
      window =
          sink::time_window(options->since, options->until, options->days, transport::unix_ms());
      if (!options->name.empty()) {
        // The actor named exactly, else every one whose name contains it.
        const std::string id = text::actor_id_for(options->name);
        auto found = queries.actor(id);
        const auto matches =
            found ? std::vector<sink::ActorRow>{*found} : queries.find_actors(options->name);
        if (matches.empty()) {
          throw Failure{fmt::format("no actor matches \"{}\"", options->name), 1};
        }
        for (const auto& a : matches) show_actor(queries, a, *options, window);
        return;
      }
    } catch (const std::invalid_argument& e) {
      throw Failure{e.what(), 1};
    }
    if (!options->json) {
      print_actor_summary(options->db, options->limit);
      return;
    }
    for (const auto& a : queries.actors(options->limit)) {
      std::cout << sink::to_json(a).dump() << '\n';
    }
  });
}

}  // namespace quotewire::app
