// quotewire export: statements as JSON Lines, for batch consumers. Each line is the same
// object `subscribe` and the HTTP API give; `--since` the last `seq` seen picks up where a
// previous export stopped.
#include <fmt/format.h>

#include <cstdio>

#include "apps/app.h"
#include "sink/database.h"
#include "sink/updates.h"

namespace quotewire::app {

void add_export_command(CLI::App& app) {
  struct Options {
    std::string db = "quotewire.db";
    sink::UpdateQuery query;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("export", "Print statements as JSON Lines, in sequence order");
  cmd->add_option("--db", options->db, "SQLite database file or postgresql:// URI")
      ->capture_default_str();
  cmd->add_option("--since", options->query.since, "only statements with a higher seq")
      ->capture_default_str();
  cmd->add_option("--until", options->query.up_to, "only statements up to this seq (0: all)")
      ->capture_default_str();
  cmd->add_option("--actor", options->query.actor_id, "only this actor's statements (actor id)");
  cmd->callback([options] {
    try {
      sink::Database db(options->db, sink::Database::Mode::read_only);
      sink::read_updates(db, options->query, [](pb::ActorUpdate& update) {
        fmt::print("{}\n", sink::to_json(update).dump());
      });
    } catch (const sink::StoreError& e) {
      throw Failure{fmt::format("{}: {}", sink::displayed(options->db), e.what()), 1};
    }
    std::fflush(stdout);
  });
}

}  // namespace quotewire::app
