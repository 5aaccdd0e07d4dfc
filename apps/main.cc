// quotewire: one binary, one subcommand per role (broker, worker, sink, publish) and per task.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "apps/app.h"

int main(int argc, char** argv) {
  using namespace quotewire::app;
  CLI::App app{"quotewire: who said what, from a stream of news articles"};
  app.set_version_flag("--version", QUOTEWIRE_VERSION);
  app.require_subcommand(1);
  add_extract_command(app);
#ifndef QUOTEWIRE_EXTRACT_ONLY
  add_broker_command(app);
  add_worker_command(app);
  add_sink_command(app);
  add_publish_command(app);
  add_run_command(app);
  add_actors_command(app);
  add_subscribe_command(app);
  add_top_command(app);
#endif
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
