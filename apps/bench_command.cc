// quotewire bench: the pipeline's throughput and latency against its references, in one run.
#include <iostream>
#include <thread>

#include "apps/app.h"
#include "bench/pipeline_bench.h"

namespace quotewire::app {

void add_bench_command(CLI::App& app) {
  struct Options {
    bench::BenchConfig config;
    bool json = false;
    std::string log_level = "warn";
  };
  auto options = std::make_shared<Options>();
  options->config.max_workers = std::max(1u, std::thread::hardware_concurrency());
  auto* cmd = app.add_subcommand(
      "bench", "Measure the pipeline with 1..W workers beside the extractor and transport alone");
  cmd->add_option("-n,--articles", options->config.articles, "articles in the corpus")
      ->check(CLI::Range(100, 10000000))
      ->capture_default_str();
  cmd->add_option("-w,--workers", options->config.max_workers, "up to this many workers")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--noop-articles", options->config.noop_articles,
                  "articles for the broker + sink capacity run (no-op workers)")
      ->capture_default_str();
  cmd->add_option("--seed", options->config.seed, "corpus seed")->capture_default_str();
  cmd->add_option("--corpus", options->config.corpus,
                  "measure on real articles: a file or directory in any format `publish` reads "
                  "(cycled to --articles; the no-op capacity run stays generated)");
  cmd->add_option("--capacity", options->config.worker_capacity,
                  "articles each worker holds at once (default: the worker's own default)")
      ->check(CLI::Range(1, 1024));
  cmd->add_flag("--json", options->json, "print the figures as one JSON object too");
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    const auto report = bench::run_bench(options->config);
    bench::print_report(report);
    if (options->json) std::cout << bench::to_json(report).dump(1) << '\n';
  });
}

}  // namespace quotewire::app
