#pragma once
// `quotewire bench`: the whole pipeline on a generated corpus with 1..W workers, beside two
// references measured in the same run on the same corpus: the extractor alone in one thread,
// and the raw transport (PUSH/PULL of the same serialized articles, no work). From them: the
// pipeline's overhead and its scaling efficiency; and what broker and sink carry with no-op
// workers, and the latency at half the maximum rate.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace quotewire::bench {

struct BenchConfig {
  size_t articles = 5000;
  unsigned max_workers = 2;
  uint32_t seed = 1;
  size_t noop_articles = 50000;  // broker + sink capacity run
  uint32_t worker_capacity = 0;  // articles each worker holds at once; 0: the roles' default
  std::string corpus;            // real articles (file or directory); empty: generated
};

struct Measurement {
  std::string name;
  size_t articles = 0;
  size_t stored = 0;  // pipeline runs: articles the sink stored (each once)
  double seconds = 0;
  double megabytes = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;  // end to end, when measured
  // Pipeline runs: CPU time of each role's threads per article (µs), to see which one bounds it.
  std::map<std::string, double> cpu_us_per_article;
  double per_second() const { return seconds > 0 ? static_cast<double>(articles) / seconds : 0; }
  double mb_per_second() const { return seconds > 0 ? megabytes / seconds : 0; }
};

// The most a pipeline with `workers` workers can carry on this machine's cores, given the CPU
// each role spends per article: all cores busy, the workers' threads busy, or one of the
// single-threaded roles (broker, sink, producer) busy. Says whether a target is out of reach
// here whatever the scheduling, and which role to make cheaper.
struct Ceiling {
  unsigned workers = 0;
  double per_second = 0;
  std::string bound_by;  // "cores", "workers", or the role's name
};

// From the CPU per article of one run (its workers' share spread over `workers`).
Ceiling ceiling(const std::map<std::string, double>& cpu_us_per_article, unsigned workers,
                unsigned cores);

struct BenchReport {
  std::string corpus = "generated";   // or the path the articles were read from
  size_t distinct_articles = 0;       // before cycling a real corpus to the run's size
  Measurement extractor;              // reference (a)
  Measurement transport;              // reference (b)
  std::vector<Measurement> pipeline;  // 1..W workers
  Measurement noop;                   // W no-op workers: broker + sink capacity
  Measurement half_rate;              // W workers paced at half the best rate
  unsigned cores = 0;                 // this process may run on
  std::vector<Ceiling> ceilings;      // 1..W workers, from the 1-worker run's CPU
};

BenchReport run_bench(const BenchConfig& config);
void print_report(const BenchReport& report);
nlohmann::json to_json(const BenchReport& report);

}  // namespace quotewire::bench
