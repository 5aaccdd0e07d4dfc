// What an operator sees: /metrics that parse and add up after a known run, and the dashboard
// filling in (in headless Chromium) while a run is going.
#include <httplib.h>

#include <gtest/gtest.h>
#include <atomic>
#include <fstream>
#include <memory>
#include <regex>
#include <thread>

#include "pipeline/embedded_pipeline.h"
#include "producers/feed_follower.h"
#include "producers/publisher.h"
#include "sink/queries.h"
#include "tests/support/browser.h"
#include "tests/support/corpus.h"
#include "tests/support/news_site.h"
#include "tests/support/process.h"
#include "tests/support/prometheus.h"

namespace quotewire::pipeline {
namespace {

using namespace std::chrono_literals;
using testing::chromium;
using testing::TempDir;

EmbeddedConfig with_http(const std::string& db) {
  EmbeddedConfig config;
  config.workers = 2;
  config.db = db;
  config.http = metrics::HttpSettings{.port = 0};
  return config;
}

TEST(Monitoring, MetricsParseAndAddUpAfterAKnownRun) {
  TempDir dir;
  const auto db = (dir / "sink.db").string();
  auto corpus = testing::sample_corpus(200);
  corpus[10].set_body("");
  corpus[20].set_body("broken \xff UTF-8");
  EmbeddedPipeline pipeline(with_http(db));
  producers::Publisher publisher(pipeline.context(),
                                 {.broker = pipeline.broker_endpoint(), .producer_id = "p"});
  const auto shown = pipeline.show_producer(publisher);  // as `quotewire run` does
  testing::CorpusSource source(corpus);
  ASSERT_TRUE(publisher.run(source, std::stop_token()));

  httplib::Client client(pipeline.http_url());
  auto res = client.Get("/metrics");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(testing::prometheus_errors(res->body), std::vector<std::string>{});
  auto m = testing::prometheus_samples(res->body);
  const int64_t statements = sink::Queries(db).totals().statements;

  EXPECT_EQ(m["quotewire_producer_published_total"], 200);
  EXPECT_EQ(m["quotewire_producer_acknowledged_total{status=\"stored\"}"], 198);
  EXPECT_EQ(m["quotewire_producer_acknowledged_total{status=\"dead_lettered\"}"], 2);
  EXPECT_EQ(m["quotewire_broker_articles_received_total"], 200);
  EXPECT_EQ(m["quotewire_broker_acknowledged_total"], 200);
  EXPECT_EQ(m["quotewire_broker_queue_depth"], 0);
  EXPECT_EQ(m["quotewire_broker_in_flight"], 0);
  EXPECT_EQ(m["quotewire_broker_workers_alive"], 2);
  EXPECT_EQ(testing::metric_sum(m, "quotewire_worker_processed_total"), 198);
  EXPECT_EQ(testing::metric_sum(m, "quotewire_worker_dead_lettered_total"), 2);
  EXPECT_EQ(testing::metric_sum(m, "quotewire_worker_acknowledged_total"), 200);
  EXPECT_EQ(testing::metric_sum(m, "quotewire_worker_extraction_seconds_count"), 198);
  EXPECT_EQ(m["quotewire_sink_stored_total"], 198);
  EXPECT_EQ(m["quotewire_sink_dead_lettered_total"], 2);
  EXPECT_EQ(m["quotewire_sink_duplicates_total"], 0);
  EXPECT_EQ(m["quotewire_sink_statements_total"], statements);
  EXPECT_EQ(m["quotewire_sink_last_sequence"], statements);
  EXPECT_EQ(m["quotewire_sink_end_to_end_latency_seconds_count"], 198);
  EXPECT_EQ(m["quotewire_build_info{version=\"" QUOTEWIRE_TEST_VERSION "\",role=\"sink\"}"], 1);
}

// The corpus at its pace, then nothing more until the browser has looked: the run stays open
// however slowly a loaded machine starts the browser.
class HeldOpenSource : public producers::ArticleSource {
 public:
  HeldOpenSource(std::vector<pb::Article> articles, const std::atomic<bool>& looked)
      : corpus_(std::move(articles), 2ms), looked_(looked) {}
  std::optional<pb::Article> next() override { return corpus_.next(); }
  bool exhausted() const override { return looked_; }

 private:
  testing::CorpusSource corpus_;
  const std::atomic<bool>& looked_;
};

TEST(Monitoring, TheDashboardFillsInWhileARunIsGoing) {
  QW_SKIP_WITHOUT_CHROMIUM();
  TempDir dir;
  EmbeddedPipeline pipeline(with_http((dir / "sink.db").string()));
  producers::Publisher publisher(pipeline.context(),
                                 {.broker = pipeline.broker_endpoint(), .producer_id = "p"});
  std::atomic<bool> looked{false};
  std::jthread run([&] {
    HeldOpenSource source(testing::sample_corpus(2500), looked);
    publisher.run(source, std::stop_token());
  });
  // Released however the test ends, before `run` is joined.
  const std::unique_ptr<std::atomic<bool>, void (*)(std::atomic<bool>*)> release(
      &looked, [](std::atomic<bool>* l) { *l = true; });
  const std::string url = pipeline.http_url() + "/";
  const std::string dom = chromium(dir, {"--dump-dom"}, url);

  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(dom, m, std::regex(R"re(id="throughput-chart" data-points="(\d+)")re")))
      << dom.substr(0, 2000);
  EXPECT_GT(std::stoi(m[1]), 0);
  ASSERT_TRUE(
      std::regex_search(dom, m, std::regex(R"re(id="latency-chart" data-points="(\d+)")re")));
  EXPECT_GT(std::stoi(m[1]), 0);
  const auto statements = dom.find("id=\"statements\"");
  ASSERT_NE(statements, std::string::npos);
  EXPECT_NE(dom.find("<li>", statements), std::string::npos) << "no statement listed";
  EXPECT_NE(dom.find("embedded-worker-1"), std::string::npos) << "workers not shown";
  EXPECT_NE(dom.find("live · updated"), std::string::npos);

  // The screenshot is kept under build/ as a CI artifact.
  const std::string shot = QUOTEWIRE_BUILD_DIR "/dashboard.png";
  chromium(dir, {"--screenshot=" + shot}, url);
  EXPECT_TRUE(std::filesystem::exists(shot));
}

// A feed follower's side of the run: its polls, pages (one held, so the run is still going when
// the browser looks), the page it could not fetch, and its host.
TEST(Monitoring, TheDashboardShowsTheFeedsBeingFollowed) {
  QW_SKIP_WITHOUT_CHROMIUM();
  TempDir dir;
  testing::NewsSite site;
  const auto corpus = testing::sample_corpus(3);
  std::string feed = "<rss version=\"2.0\"><channel><title>Wire</title>";
  for (int i = 0; i < 3; ++i) {
    const std::string path = "/news/" + std::to_string(i);
    site.put(path, {.body = "<html><head><title>" + corpus[i].title() +
                            "</title></head><body><article><p>" + corpus[i].body() +
                            "</p></article></body></html>",
                    .held = i == 2});
    feed += "<item><link>" + site.url(path) + "</link><title>t</title></item>";
  }
  feed += "<item><link>" + site.url("/gone") + "</link><title>gone</title></item>";
  site.put("/feed.xml", {.body = feed + "</channel></rss>", .content_type = "application/rss+xml"});

  EmbeddedPipeline pipeline(with_http((dir / "sink.db").string()));
  producers::Publisher publisher(pipeline.context(),
                                 {.broker = pipeline.broker_endpoint(), .producer_id = "wire"});
  const auto shown = pipeline.show_producer(publisher);
  producers::FollowerConfig config;
  config.feeds = {site.url("/feed.xml")};
  config.fetch.per_host_delay_ms = 0;
  producers::FeedFollower follower(config, [](const producers::InputError&) {});
  std::jthread run([&] { publisher.run(follower, std::stop_token()); });
  ASSERT_TRUE(testing::wait_until([&] { return follower.probe().pages_fetched >= 2; }, 30s));

  const std::string dom = chromium(dir, {"--dump-dom"}, pipeline.http_url() + "/");
  const auto at = dom.find("id=\"feeds-view\"");
  ASSERT_NE(at, std::string::npos);
  const std::string view = dom.substr(at, dom.find("</section>", at) - at);
  EXPECT_EQ(view.substr(0, view.find('>')).find("hidden"), std::string::npos) << "hidden";
  EXPECT_NE(view.find("<b>1</b><span>feeds followed</span>"), std::string::npos) << view;
  EXPECT_NE(view.find("<b>1 / 0 / 0</b><span>polls new / unchanged / failed</span>"),
            std::string::npos)
      << view;
  EXPECT_NE(view.find("<td>127.0.0.1:" + std::to_string(site.port()) + "</td>"), std::string::npos)
      << view;
  EXPECT_NE(view.find("errors: "), std::string::npos) << "the missing page is not counted";
  site.release();
}

// Issue 16's view: the seed article's Russia, by / for / about, opened from the page's address.
TEST(Monitoring, TheDashboardShowsAnActorsByForAndAboutView) {
  QW_SKIP_WITHOUT_CHROMIUM();
  TempDir dir;
  EmbeddedPipeline pipeline(with_http((dir / "sink.db").string()));
  producers::Publisher publisher(pipeline.context(),
                                 {.broker = pipeline.broker_endpoint(), .producer_id = "p"});
  auto seed = testing::sample_corpus(1);  // the seed article comes first
  testing::CorpusSource source(seed);
  ASSERT_TRUE(publisher.run(source, std::stop_token()));

  const std::string dom = chromium(dir, {"--dump-dom"}, pipeline.http_url() + "/#actor=russia");
  auto list = [&](const std::string& id) {
    const auto at = dom.find("id=\"" + id + "\"");
    if (at == std::string::npos) return std::string();
    return dom.substr(at, dom.find("</ol>", at) - at);
  };
  EXPECT_NE(list("actor-for").find("data-count=\"1\""), std::string::npos) << list("actor-for");
  EXPECT_NE(list("actor-for").find("Alexander Botsan-Kharchenko"), std::string::npos);
  EXPECT_NE(list("actor-for").find("as ambassador"), std::string::npos) << "no chain shown";
  EXPECT_EQ(list("actor-for").find("Andjelkovic"), std::string::npos);
  EXPECT_NE(list("actor-about").find("Dragomir Andjelkovic"), std::string::npos)
      << list("actor-about");
  EXPECT_NE(list("actor-by").find("data-count=\"0\""), std::string::npos) << list("actor-by");
}

}  // namespace
}  // namespace quotewire::pipeline
