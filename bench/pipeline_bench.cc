#include "bench/pipeline_bench.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <sched.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "bench/corpus.h"
#include "extract/extractor.h"
#include "pipeline/embedded_pipeline.h"
#include "producers/publisher.h"
#include "sink/database.h"
#include "transport/envelope.h"
#include "transport/socket.h"

namespace quotewire::bench {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double megabytes(const std::vector<pb::Article>& articles) {
  double bytes = 0;
  for (const auto& a : articles) bytes += static_cast<double>(a.body().size());
  return bytes / 1e6;
}

// CPU time (seconds) of this process's threads, summed by role: the roles name their threads
// ("sink", "broker", "worker-2", ...); the main thread runs the producer; ZMQbg/* are
// ZeroMQ's I/O threads. From /proc: schedstat's first field is the time on CPU in ns.
std::map<std::string, double> cpu_by_role() {
  std::map<std::string, double> out;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm_file(task.path() / "comm");
    std::ifstream schedstat(task.path() / "schedstat");
    std::string comm;
    double ns = 0;
    if (!std::getline(comm_file, comm) || !(schedstat >> ns)) continue;  // the thread ended
    std::string role = comm;
    if (comm.starts_with("worker-")) role = "workers";
    if (comm.starts_with("ZMQbg")) role = "zeromq io";
    if (task.path().filename() == std::to_string(getpid())) role = "producer";  // main thread
    out[role] += ns / 1e9;
  }
  return out;
}

// Serves the corpus to a Publisher, optionally paced to `per_second`.
class CorpusSource : public producers::ArticleSource {
 public:
  CorpusSource(const std::vector<pb::Article>& articles, double per_second)
      : articles_(articles), interval_(per_second > 0 ? 1.0 / per_second : 0) {}
  std::optional<pb::Article> next() override {
    if (i_ >= articles_.size()) return std::nullopt;
    if (interval_ > 0) {
      const auto due =
          start_ + std::chrono::duration_cast<Clock::duration>(
                       std::chrono::duration<double>(interval_ * static_cast<double>(i_)));
      std::this_thread::sleep_until(due);
    }
    return articles_[i_++];
  }

 private:
  const std::vector<pb::Article>& articles_;
  double interval_;
  Clock::time_point start_ = Clock::now();
  size_t i_ = 0;
};

Measurement extractor_alone(const std::vector<pb::Article>& corpus) {
  const auto& extractor = extract::Extractor::shared();
  extractor.extract("Warm-up: the word lists load once, before the clock starts.");
  Measurement m{.name = "extractor alone, 1 thread",
                .articles = corpus.size(),
                .megabytes = megabytes(corpus)};
  const auto start = Clock::now();
  for (const auto& a : corpus) {
    try {
      auto x = extractor.extract(a.body());
      (void)x;
    } catch (const extract::InvalidText&) {
    }
  }
  m.seconds = since(start);
  return m;
}

Measurement raw_transport(const std::vector<pb::Article>& corpus) {
  zmq::context_t context(1);
  auto push = transport::make_socket(context, zmq::socket_type::push, {});
  const std::string endpoint = transport::bind(push, "tcp://127.0.0.1:*");
  std::vector<std::string> frames;
  for (const auto& a : corpus) {
    pb::Envelope e;
    *e.mutable_article() = a;
    frames.push_back(transport::encode(e));
  }
  Measurement m{.name = "transport PUSH/PULL tcp, no work",
                .articles = frames.size(),
                .megabytes = megabytes(corpus)};
  Clock::time_point start;
  std::jthread receiver([&] {
    auto pull = transport::make_socket(context, zmq::socket_type::pull, {});
    pull.connect(endpoint);
    zmq::message_t message;
    (void)pull.recv(message);  // the clock starts with the first message
    start = Clock::now();
    for (size_t i = 1; i < frames.size(); ++i) (void)pull.recv(message);
    m.seconds = since(start);
  });
  for (const auto& f : frames) push.send(zmq::buffer(f), zmq::send_flags::none);
  receiver.join();
  return m;
}

// One pipeline run in a fresh database; latencies from the sink's own timestamps.
Measurement pipeline(const BenchConfig& bench, const std::vector<pb::Article>& corpus,
                     unsigned workers, bool noop, double per_second, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   fmt::format("quotewire-bench-{}-{}", getpid(), std::random_device{}());
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "bench.db").string();
  Measurement m{.name = name, .articles = corpus.size(), .megabytes = megabytes(corpus)};
  {
    pipeline::EmbeddedConfig config;
    config.workers = workers;
    config.db = db;
    config.noop_extraction = noop;
    if (bench.worker_capacity > 0) config.worker_capacity = bench.worker_capacity;
    pipeline::EmbeddedPipeline embedded(config);
    producers::Publisher publisher(embedded.context(),
                                   {.broker = embedded.broker_endpoint(), .producer_id = "bench"});
    CorpusSource source(corpus, per_second);
    const auto cpu_before = cpu_by_role();
    const auto start = Clock::now();
    if (!publisher.run(source, std::stop_token())) spdlog::error("bench: {} incomplete", name);
    m.seconds = since(start);
    for (const auto& [role, seconds] : cpu_by_role()) {
      const auto before = cpu_before.find(role);
      const double used = seconds - (before == cpu_before.end() ? 0 : before->second);
      m.cpu_us_per_article[role] = used * 1e6 / static_cast<double>(corpus.size());
    }
  }
  sink::Database database(db, sink::Database::Mode::read_only);
  auto rows = database.prepare("SELECT stored_ms - sent_ms FROM articles ORDER BY 1");
  std::vector<double> latencies;
  while (rows.step()) latencies.push_back(static_cast<double>(rows.int64(0)));
  m.stored = latencies.size();
  if (!latencies.empty()) {
    auto at = [&](double q) {
      return latencies[static_cast<size_t>(q * static_cast<double>(latencies.size() - 1))];
    };
    m.p50_ms = at(0.5);
    m.p99_ms = at(0.99);
    m.max_ms = latencies.back();
  }
  std::filesystem::remove_all(dir);
  return m;
}

}  // namespace

Ceiling ceiling(const std::map<std::string, double>& cpu_us_per_article, unsigned workers,
                unsigned cores) {
  double total = 0;
  for (const auto& [role, us] : cpu_us_per_article) total += us;
  Ceiling best{
      .workers = workers, .per_second = total > 0 ? cores * 1e6 / total : 0, .bound_by = "cores"};
  auto bound = [&](const std::string& by, double per_second) {
    if (per_second < best.per_second) best = {workers, per_second, by};
  };
  for (const auto& [role, us] : cpu_us_per_article) {
    if (us <= 0) continue;
    if (role == "workers") {
      bound(role, workers * 1e6 / us);
    } else if (role == "broker" || role == "sink" || role == "producer") {
      bound(role, 1e6 / us);  // one thread each
    }
  }
  return best;
}

namespace {

unsigned usable_cores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return static_cast<unsigned>(CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

BenchReport run_bench(const BenchConfig& config) {
  BenchReport report;
  std::vector<pb::Article> corpus;
  if (config.corpus.empty()) {
    corpus = generate_corpus(config.articles, config.seed);
    report.distinct_articles = corpus.size();
    fmt::print("corpus: {} articles, {:.1f} MB (seed {}); measuring ...\n", corpus.size(),
               megabytes(corpus), config.seed);
  } else {
    corpus = load_corpus(config.corpus, config.articles, report.distinct_articles);
    report.corpus = config.corpus;
    fmt::print("corpus: {}: {} articles read, {} measured, {:.1f} MB; measuring ...\n",
               config.corpus, report.distinct_articles, corpus.size(), megabytes(corpus));
  }
  report.extractor = extractor_alone(corpus);
  report.transport = raw_transport(corpus);
  for (unsigned w = 1; w <= config.max_workers; ++w) {
    report.pipeline.push_back(pipeline(config, corpus, w, false, 0,
                                       fmt::format("pipeline, {} worker{}", w, w > 1 ? "s" : "")));
  }
  const auto noop_corpus = generate_corpus(config.noop_articles, config.seed + 1);
  report.noop = pipeline(config, noop_corpus, config.max_workers, true, 0,
                         fmt::format("broker + sink, {} no-op workers", config.max_workers));
  double best = 0;
  for (const auto& m : report.pipeline) best = std::max(best, m.per_second());
  // A generated corpus is made again with other ids; a real one is the same articles (each run
  // has a database of its own).
  const auto paced =
      config.corpus.empty() ? generate_corpus(config.articles, config.seed + 2) : corpus;
  report.half_rate = pipeline(config, paced, config.max_workers, false, best / 2,
                              fmt::format("pipeline, {} workers at half the best rate ({:.0f}/s)",
                                          config.max_workers, best / 2));
  report.cores = usable_cores();
  for (unsigned w = 1; w <= config.max_workers; ++w) {
    report.ceilings.push_back(ceiling(report.pipeline[0].cpu_us_per_article, w, report.cores));
  }
  return report;
}

void print_report(const BenchReport& r) {
  auto line = [](const char* kind, const Measurement& m, bool latency) {
    fmt::print("{:<10} {:<52} {:>9.0f} art/s {:>7.1f} MB/s", kind, m.name, m.per_second(),
               m.mb_per_second());
    if (latency)
      fmt::print("   p50 {:>5.0f} ms  p99 {:>5.0f} ms  max {:>5.0f} ms", m.p50_ms, m.p99_ms,
                 m.max_ms);
    fmt::print("\n");
    if (m.cpu_us_per_article.empty()) return;
    fmt::print("{:<10}   cpu per article:", "");
    for (const auto& [role, us] : m.cpu_us_per_article) fmt::print(" {} {:.0f} µs,", role, us);
    fmt::print("\n");
  };
  fmt::print("\n");
  line("reference", r.extractor, false);
  line("reference", r.transport, false);
  for (const auto& m : r.pipeline) line("pipeline", m, true);
  line("capacity", r.noop, true);
  line("latency", r.half_rate, true);
  fmt::print("\n");
  if (!r.pipeline.empty() && r.extractor.per_second() > 0) {
    fmt::print("overhead: 1-worker pipeline = {:.0f}% of the extractor alone (target >= 90%)\n",
               100 * r.pipeline[0].per_second() / r.extractor.per_second());
  }
  for (size_t w = 1; w < r.pipeline.size(); ++w) {
    const double ratio = r.pipeline[w].per_second() / r.pipeline[0].per_second();
    fmt::print("scaling: {} workers = {:.2f}x one worker, efficiency {:.0f}%\n", w + 1, ratio,
               100 * ratio / static_cast<double>(w + 1));
  }
  fmt::print(
      "capacity: broker + sink carried {:.0f} articles/s of no-op workers (target >= 50000)\n",
      r.noop.per_second());
  fmt::print("latency at half the best rate: p99 {:.0f} ms (target < 20 ms)\n", r.half_rate.p99_ms);
  if (r.ceilings.empty() || r.extractor.per_second() <= 0) return;
  fmt::print("\nceiling on these {} cores, from the 1-worker run's CPU per article:\n", r.cores);
  for (const auto& c : r.ceilings) {
    fmt::print(
        "  {} worker{}: at most {:>6.0f} art/s = {:>3.0f}% of the extractor alone, {:.2f}x "
        "one worker's ceiling (bound by {})\n",
        c.workers, c.workers > 1 ? "s" : " ", c.per_second,
        100 * c.per_second / r.extractor.per_second(), c.per_second / r.ceilings[0].per_second,
        c.bound_by);
  }
}

nlohmann::json to_json(const BenchReport& r) {
  auto one = [](const Measurement& m) {
    return nlohmann::json{{"name", m.name},
                          {"articles", m.articles},
                          {"stored", m.stored},
                          {"seconds", m.seconds},
                          {"articles_per_s", m.per_second()},
                          {"mb_per_s", m.mb_per_second()},
                          {"p50_ms", m.p50_ms},
                          {"p99_ms", m.p99_ms},
                          {"max_ms", m.max_ms},
                          {"cpu_us_per_article", m.cpu_us_per_article}};
  };
  auto pipeline = nlohmann::json::array();
  for (const auto& m : r.pipeline) pipeline.push_back(one(m));
  auto ceilings = nlohmann::json::array();
  for (const auto& c : r.ceilings) {
    ceilings.push_back(
        {{"workers", c.workers}, {"articles_per_s", c.per_second}, {"bound_by", c.bound_by}});
  }
  return {{"corpus", {{"source", r.corpus}, {"distinct_articles", r.distinct_articles}}},
          {"extractor", one(r.extractor)},
          {"transport", one(r.transport)},
          {"pipeline", pipeline},
          {"noop", one(r.noop)},
          {"half_rate", one(r.half_rate)},
          {"cores", r.cores},
          {"ceilings", ceilings}};
}

}  // namespace quotewire::bench
