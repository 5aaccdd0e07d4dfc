// A worker given several sinks (sinks sharing one database): each result goes to a sink whose
// connection is up, and an endpoint with no sink behind it holds none of them back.
#include <gtest/gtest.h>
#include <httplib.h>

#include <optional>
#include <thread>

#include "broker/broker.h"
#include "producers/publisher.h"
#include "sink/queries.h"
#include "sink/sink.h"
#include "tests/sink/store_backends.h"
#include "tests/support/corpus.h"
#include "tests/support/process.h"
#include "workers/worker.h"

namespace quotewire::workers {
namespace {

using namespace std::chrono_literals;

constexpr const char* kAnyPort = "tcp://127.0.0.1:*";

// Broker, sinks and one worker in process; the worker reaches every sink it is given.
class SeveralSinks : public ::testing::Test {
 protected:
  SeveralSinks() {
    broker::BrokerConfig broker_config;
    broker_config.frontend = kAnyPort;
    broker_config.backend = kAnyPort;
    broker_config.heartbeat = {.interval_ms = 100, .liveness = 3};
    broker_.emplace(context_, broker_config);
    broker_thread_ = std::jthread([this](std::stop_token s) { broker_->run(s); });
  }
  ~SeveralSinks() override {
    worker_thread_ = {};  // stopped first: its last acks still reach the broker
    stop_sinks();
    broker_thread_ = {};
  }

  sink::Sink& start_sink(const std::string& db, const std::string& results = kAnyPort) {
    sink::Sink* sink = sinks_
                           .emplace_back(std::make_unique<sink::Sink>(
                               context_, sink::SinkConfig{.results = results,
                                                          .updates = kAnyPort,
                                                          .snapshots = kAnyPort,
                                                          .store = {.path = db}}))
                           .get();
    sink_threads_.emplace_back([sink](std::stop_token s) { sink->run(s); });
    return *sink;
  }

  void stop_sinks() {
    sink_threads_.clear();
    sinks_.clear();
  }

  void start_worker(std::vector<std::string> sinks, int64_t sink_timeout_ms) {
    WorkerConfig config;
    config.http = metrics::HttpSettings{};  // /readyz
    config.broker = broker_->backend_endpoint();
    config.sinks = std::move(sinks);
    config.heartbeat = {.interval_ms = 100, .liveness = 3};
    config.sink_timeout_ms = sink_timeout_ms;
    worker_.emplace(context_, config);
    worker_thread_ = std::jthread([this](std::stop_token s) { worker_->run(s); });
  }

  // The worker's /readyz: status and body, or -1 without an answer.
  std::pair<int, std::string> readyz() {
    httplib::Client client(worker_->http_url());
    auto response = client.Get("/readyz");
    return response ? std::make_pair(response->status, response->body)
                    : std::make_pair(-1, std::string());
  }

  // Publishes `n` articles; true when every one was acknowledged within `deadline`.
  bool publish(size_t n, std::chrono::seconds deadline) {
    producers::Publisher publisher(context_, {.broker = broker_->frontend_endpoint(),
                                              .producer_id = "several-sinks",
                                              .window = {.timeout_ms = 500}});
    testing::CorpusSource source(testing::sample_corpus(n));
    std::stop_source stop;
    std::jthread timer([&](std::stop_token s) {
      testing::wait_until([&] { return s.stop_requested(); }, deadline, 10ms);
      stop.request_stop();
    });
    return publisher.run(source, stop.get_token());
  }

  testing::TempDir dir_;
  std::optional<testing::PostgresServer> postgres_;  // outlives the sinks on it
  zmq::context_t context_{1};
  std::optional<broker::Broker> broker_;
  std::vector<std::unique_ptr<sink::Sink>> sinks_;
  std::optional<Worker> worker_;
  std::jthread broker_thread_;
  std::vector<std::jthread> sink_threads_;
  std::jthread worker_thread_;
};

// A result queued towards the endpoint nobody answers would wait there for the worker's
// re-send, a minute here: all acknowledged well before shows that none went that way.
TEST_F(SeveralSinks, AnEndpointWithNoSinkBehindItHoldsBackNoResult) {
  const auto db = (dir_ / "sink.db").string();
  auto& live = start_sink(db);
  start_worker({testing::tcp_endpoint(testing::free_port()), live.results_endpoint()}, 60000);
  // Until its connection to the live sink is up the worker has nowhere to send (ZMQ_IMMEDIATE):
  // a result then waits for the re-send too. /readyz says when it is.
  ASSERT_TRUE(testing::wait_until([&] { return readyz().first == 200; }, 10s));
  EXPECT_TRUE(publish(40, 30s));
  EXPECT_EQ(sink::Queries(db).totals().articles, 40);
  EXPECT_EQ(worker_->probe().sink_resends, 0u);
}

// Two sinks on one PostgreSQL database share one worker's results: each stores some, and
// together every article once.
TEST_F(SeveralSinks, TwoSinksSharingADatabaseEachTakeResultsAndStoreEveryArticleOnce) {
  if (testing::PostgresServer::binaries().empty()) GTEST_SKIP() << sink::kNoPostgres;
  const auto db = postgres_.emplace().create_database();
  auto& first = start_sink(db);
  auto& second = start_sink(db);
  start_worker({first.results_endpoint(), second.results_endpoint()}, 3000);
  EXPECT_TRUE(publish(200, 60s));
  EXPECT_GT(first.probe().stored.load(), 0u);
  EXPECT_GT(second.probe().stored.load(), 0u);
  EXPECT_EQ(first.probe().stored.load() + second.probe().stored.load(), 200u);
  const auto totals = sink::Queries(db).totals();
  EXPECT_EQ(totals.articles, 200);
  EXPECT_EQ(totals.dead_letters, 0);
}

// /readyz counts a worker only while it can pass results on as well as take articles: some
// sink connection is up.
TEST_F(SeveralSinks, AWorkerIsReadyOnlyWhileASinkConnectionIsUp) {
  const std::string endpoint = testing::tcp_endpoint(testing::free_port());
  start_worker({endpoint}, 3000);
  std::pair<int, std::string> answer;
  EXPECT_TRUE(testing::wait_until(
      [&] {
        answer = readyz();
        return answer.second.find("no sink connection is up") != std::string::npos;
      },
      5s))
      << answer.first << " " << answer.second;
  EXPECT_EQ(answer.first, 503);
  EXPECT_NE(answer.second.find(endpoint), std::string::npos) << answer.second;
  start_sink((dir_ / "sink.db").string(), endpoint);
  EXPECT_TRUE(testing::wait_until([&] { return readyz().first == 200; }, 10s));
  stop_sinks();
  EXPECT_TRUE(testing::wait_until([&] { return readyz().first == 503; }, 10s));
}

}  // namespace
}  // namespace quotewire::workers
