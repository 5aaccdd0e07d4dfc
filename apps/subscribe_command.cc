// quotewire subscribe: follow the sink's statements live, one JSON line each (for `| jq`).
#include <algorithm>
#include <iostream>

#include "apps/app.h"
#include "consumers/subscriber.h"
#include "sink/updates.h"
#include "transport/topics.h"

namespace quotewire::app {

void add_subscribe_command(CLI::App& app) {
  struct Options {
    consumers::SubscriberConfig config;
    std::string actor;
    std::string for_actor;
    std::string about;
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
  auto* prefix = cmd->add_option("--prefix", config.prefix, "actors whose id starts with this")
                     ->excludes(actor);
  auto* for_actor = cmd->add_option("--for", options->for_actor,
                                    "statements for this actor: by those who speak for it (id)")
                        ->excludes(actor, prefix);
  cmd->add_option("--about", options->about, "statements about this actor (actor id)")
      ->excludes(actor, prefix, for_actor);
  cmd->add_flag("--snapshot", config.from_start,
                "first print every statement already stored, then follow");
  cmd->add_option("--since", config.since, "first print every statement after this sequence");
  add_client_security_flags(*cmd, options->security, false, true);
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    options->config.security = load_client_security(options->security, options->security.sink_key);
    auto stop = install_stop_signals();
    // One actor's topic is a prefix of nothing but itself and longer ids: filter those out.
    std::string topic = options->actor;
    if (!options->for_actor.empty()) topic = std::string(transport::kForTopic) + options->for_actor;
    if (!options->about.empty()) topic = std::string(transport::kAboutTopic) + options->about;
    if (!topic.empty()) options->config.prefix = topic;
    zmq::context_t context(1);
    consumers::Subscriber subscriber(context, options->config);
    subscriber.run(stop.get_token(), [&](const pb::ActorUpdate& update) {
      if (!topic.empty()) {
        const auto topics = sink::topics_of(update);
        if (std::find(topics.begin(), topics.end(), topic) == topics.end()) return;
      }
      std::cout << sink::to_json(update).dump() << std::endl;  // flushed: pipelines read live
    });
  });
}

}  // namespace quotewire::app
