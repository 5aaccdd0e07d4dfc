// Following feeds from a news site on 127.0.0.1 (tests/support/news_site.h): how many pages a
// follower fetches, reads and hands out per second, alone (acknowledged at once) and through
// the embedded pipeline with no-op workers (acknowledged by the sink), and its peak RSS.
// Issue 17's target: >= 1,000 pages/s with RSS under 200 MB.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <memory>
#include <stop_token>
#include <thread>
#include <vector>

#include "pipeline/embedded_pipeline.h"
#include "producers/feed_follower.h"
#include "producers/publisher.h"
#include "tests/support/news_site.h"
#include "tests/support/process.h"

namespace {

using namespace quotewire;

constexpr int kHosts = 4;
constexpr int kFeedsPerHost = 25;
constexpr int kItemsPerFeed = 20;
constexpr uint64_t kPages = kHosts * kFeedsPerHost * kItemsPerFeed;  // 2,000 per run

// A page of about 6 KB: boilerplate around a story of six paragraphs.
std::string page(int n) {
  std::string paragraphs;
  for (int p = 0; p < 6; ++p) {
    paragraphs += fmt::format(
        "<p>Minister number {} said on Monday that the new port cranes would arrive in May, two "
        "months later than planned, because the supplier had changed the design, and that the "
        "union would be told first. “We will keep our promise,” she said in paragraph {}.</p>",
        n, p);
  }
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Story " +
         std::to_string(n) +
         "</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a "
         "href=\"/sport\">Sport</a></nav><div class=\"share\">Share Tweet Mail</div><article><h1>"
         "Story</h1>" +
         paragraphs +
         "</article><aside class=\"related\"><ul><li><a href=\"/x\">Another story entirely, "
         "about the weather</a></li></ul></aside><footer>Copyright 2025</footer></body></html>";
}

struct Sites {
  std::vector<std::unique_ptr<testing::NewsSite>> hosts;
  std::vector<std::string> feeds;
  Sites() {
    int n = 0;
    for (int h = 0; h < kHosts; ++h) hosts.push_back(std::make_unique<testing::NewsSite>());
    for (int h = 0; h < kHosts; ++h) {
      for (int f = 0; f < kFeedsPerHost; ++f) {
        std::string rss = "<rss version=\"2.0\"><channel><title>Bench</title>";
        for (int i = 0; i < kItemsPerFeed; ++i, ++n) {
          const std::string path = fmt::format("/a/{}", n);
          hosts[h]->put(path, {.body = page(n)});
          rss += fmt::format("<item><guid>{}</guid><link>{}</link><title>t</title></item>", n,
                             hosts[h]->url(path));
        }
        const std::string path = fmt::format("/f/{}.xml", f);
        hosts[h]->put(path,
                      {.body = rss + "</channel></rss>", .content_type = "application/rss+xml"});
        feeds.push_back(hosts[h]->url(path));
      }
    }
  }
};

Sites& sites() {
  static Sites s;
  return s;
}

producers::FollowerConfig config() {
  producers::FollowerConfig c;
  c.feeds = sites().feeds;
  c.fetch.per_host_concurrency = 8;
  c.fetch.per_host_delay_ms = 0;
  return c;
}

// Adds a run's pages, which must be all of them.
void add_run(benchmark::State& state, uint64_t published, int64_t& pages) {
  if (published != kPages) state.SkipWithError("not every page was published");
  pages += static_cast<int64_t>(published);
}

void report(benchmark::State& state, int64_t pages) {
  state.counters["pages/s"] =
      benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsRate);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Each run follows every feed once, from an empty state; the median of 5 is the figure.
void five_runs(benchmark::internal::Benchmark* b) {
  b->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1)->Repetitions(5);
}

// The follower alone, each article acknowledged as it is handed out.
void BM_FollowerAlone(benchmark::State& state) {
  sites();
  int64_t pages = 0;
  for (auto _ : state) {
    producers::FeedFollower follower(config(), [](const producers::InputError&) {});
    uint64_t ordinal = 0;
    while (true) {
      if (auto article = follower.next()) {
        follower.acknowledged(ordinal++);
        benchmark::DoNotOptimize(article->body().size());
        continue;
      }
      if (follower.exhausted()) break;
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    add_run(state, ordinal, pages);
  }
  report(state, pages);
}
BENCHMARK(BM_FollowerAlone)->Apply(five_runs);

// Through the publisher and the embedded pipeline (no-op workers): pages acknowledged by the
// sink. The pipeline's start and stop are not timed.
void BM_FollowerPublishing(benchmark::State& state) {
  sites();
  testing::TempDir dir;
  int64_t pages = 0;
  int run = 0;
  for (auto _ : state) {
    state.PauseTiming();
    pipeline::EmbeddedPipeline pipeline({.workers = 1,
                                         .db = (dir / fmt::format("q{}.db", run++)).string(),
                                         .noop_extraction = true});
    producers::Publisher publisher(pipeline.context(),
                                   {.broker = pipeline.broker_endpoint(), .producer_id = "bench"});
    state.ResumeTiming();
    producers::FeedFollower follower(config(), [](const producers::InputError&) {});
    std::stop_source stop;
    if (!publisher.run(follower, stop.get_token())) state.SkipWithError("not acknowledged");
    add_run(state, publisher.probe().stored + publisher.probe().duplicates, pages);
    state.PauseTiming();
    pipeline.stop();
    state.ResumeTiming();
  }
  report(state, pages);
}
BENCHMARK(BM_FollowerPublishing)->Apply(five_runs);

}  // namespace

BENCHMARK_MAIN();
