// quotewire: one binary, one subcommand per role (broker, worker, sink, publish) and per task.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "apps/app.h"

int main(int argc, char** argv) {
  using namespace quotewire::app;
  // Every command reads --config FILE and QUOTEWIRE_* variables too (config/settings.h).
  quotewire::config::ConfiguredApp app{"quotewire: who said what, from a stream of news articles"};
  app.set_version_flag("--version", QUOTEWIRE_VERSION);
  app.require_subcommand(1);
  add_extract_command(app);
  add_train_command(app);
#ifndef QUOTEWIRE_EXTRACT_ONLY
  add_broker_command(app);
  add_worker_command(app);
  add_sink_command(app);
  add_publish_command(app);
  add_run_command(app);
  add_actors_command(app);
  add_subscribe_command(app);
  add_top_command(app);
  add_bench_command(app);
  add_keygen_command(app);
  add_export_command(app);
#endif
  add_config_command(app);
  app.add_config_options();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const Failure& f) {
    std::fprintf(stderr, "quotewire: %s\n", f.reason.c_str());
    return f.exit_code;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "quotewire: %s\n", e.what());
    return 1;
  }
  return 0;
}
