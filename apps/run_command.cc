// quotewire run: the embedded default — broker, workers and sink in one process, publish the
// inputs, wait for every acknowledgement, print who said what.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "apps/app.h"
#include "apps/reports.h"
#include "pipeline/embedded_pipeline.h"
#include "producers/publisher.h"
#include "producers/sources.h"

namespace quotewire::app {

using pipeline::EmbeddedConfig;
using pipeline::EmbeddedPipeline;

void add_run_command(CLI::App& app) {
  struct Options {
    EmbeddedConfig pipeline;
    producers::SourceOptions source;
    size_t top = 25;
    std::string log_level = "warn";
    std::string aliases;
  };
  auto options = std::make_shared<Options>();
  options->pipeline.workers = std::max(1u, std::thread::hardware_concurrency());
  auto* cmd = app.add_subcommand(
      "run", "Run broker, workers and sink in one process on the inputs and summarise");
  cmd->add_option("inputs", options->source.inputs,
                  "text files, feeds, .jsonl files, HTML pages, directories, -, or feed URLs")
      ->required();
  cmd->footer(kInputsFooter);
  cmd->add_option("--workers", options->pipeline.workers, "worker threads (default: cores)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--capacity", options->pipeline.worker_capacity,
                  "articles each worker holds at once")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd->add_option("--db", options->pipeline.db, "SQLite database file or postgresql:// URI")
      ->capture_default_str();
  cmd->add_flag("--follow", options->source.files.follow,
                "keep reading JSON Lines files (and stdin) as they grow and keep polling feed "
                "URLs, until SIGINT/SIGTERM");
  cmd->add_flag("--watch", options->source.files.watch,
                "keep publishing files that land in the input directories, until SIGINT/SIGTERM");
  add_feed_flags(*cmd, options->source.feeds);
  add_http_flag(*cmd, options->pipeline.http);
  cmd->add_option("--top", options->top, "actors in the summary (0: all)")->capture_default_str();
  add_aliases_flag(*cmd, options->aliases);
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    const auto extractor = load_extractor({.aliases = options->aliases});
    options->pipeline.extractor = extractor.get();
    auto stop = install_stop_signals();
    const auto started = std::chrono::steady_clock::now();
    EmbeddedPipeline pipeline(options->pipeline);
    producers::Publisher publisher(pipeline.context(),
                                   {.broker = pipeline.broker_endpoint(), .producer_id = "run"});
    const auto shown = pipeline.show_producer(publisher);
    std::unique_ptr<producers::ArticleSource> source;
    try {
      source = producers::open_source(options->source, [&](const producers::InputError& e) {
        ++publisher.probe().input_errors;
        spdlog::error("run: {}: {}", e.where, e.reason);
      });
    } catch (const std::exception& e) {  // a bad feed state
      throw Failure{e.what(), 1};
    }
    if (!pipeline.http_url().empty()) {
      fmt::print("dashboard: {}/   API: {}/api/actors   metrics: {}/metrics\n", pipeline.http_url(),
                 pipeline.http_url(), pipeline.http_url());
      std::fflush(stdout);
    }
    const bool complete = publisher.run(*source, stop.get_token());
    pipeline.stop();  // the sink has committed everything acknowledged; read it now
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    print_publish_report(publisher.probe());
    fmt::print("{:.2f} s with {} worker(s): {:.0f} articles/s\n", seconds,
               options->pipeline.workers, publisher.probe().published / seconds);
    print_actor_summary(options->pipeline.db, options->top);
    throw_if_incomplete(publisher.probe(), complete);
  });
}

}  // namespace quotewire::app
