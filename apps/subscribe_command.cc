// quotewire subscribe: follow the sink's statements live, one JSON line each (for `| jq`).
#include <iostream>

#include "apps/app.h"
#include "consumers/subscriber.h"
#include "sink/updates.h"

namespace quotewire::app {

void add_subscribe_command(CLI::App& app) {
  struct Options {
    consumers::SubscriberConfig config;
    std::string actor;
    SecurityFlags security;
    std::string log_level = "warn";
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "subscribe", "Print the sink's statements as they are stored, one JSON object per line");
  auto& config = options->config;
  cmd->add_option("--updates", config.updates, "the sink's PUB endpoint")->capture_default_str();
  cmd->add_option("--snapshots", config.snapshots, "the sink's snapshot endpoint")
      ->capture_default_str();
  auto* actor = cmd->add_option("--actor", options->actor, "one actor's statements (actor id)");
  cmd->add_option("--prefix", config.prefix, "actors whose id starts with this")->excludes(actor);
  cmd->add_flag("--snapshot", config.from_start,
                "first print every statement already stored, then follow");
  cmd->add_option("--since", config.since, "first print every statement after this sequence");
  add_client_security_flags(*cmd, options->security, false, true);
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    options->config.security = load_client_security(options->security, options->security.sink_key);
    auto stop = install_stop_signals();
    // An actor id is a prefix of nothing but itself and longer ids: filter those out below.
    if (!options->actor.empty()) options->config.prefix = options->actor;
    zmq::context_t context(1);
    consumers::Subscriber subscriber(context, options->config);
    subscriber.run(stop.get_token(), [&](const pb::ActorUpdate& update) {
      if (!options->actor.empty() && update.actor_id() != options->actor) return;
      std::cout << sink::to_json(update).dump() << std::endl;  // flushed: pipelines read live
    });
  });
}

}  // namespace quotewire::app
