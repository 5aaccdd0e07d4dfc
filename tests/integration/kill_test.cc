// The delivery guarantee with real processes on loopback: broker, two workers and sink as
// separate processes; one of them is killed with SIGKILL while work is in flight. Every article
// must be stored exactly once and the aggregates must equal a fault-free run's.
#include <gtest/gtest.h>
#include <signal.h>

#include <optional>
#include <thread>

#include "sink/queries.h"
#include "tests/support/corpus.h"
#include "tests/support/process.h"

namespace quotewire::testing {
namespace {

using namespace std::chrono_literals;

constexpr size_t kArticles = 2000;

int64_t stored_articles(const std::string& db) {
  try {
    return sink::Queries(db).totals().articles;
  } catch (const std::exception&) {
    return 0;  // not created yet
  }
}

std::string aggregates(const std::string& db) {
  std::string out;
  EXPECT_EQ(run_quotewire({"actors", "--db", db, "--json"}, &out), 0);
  return out;
}

class KillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_jsonl(sample_corpus(kArticles), corpus_);
    // The reference: the same input through a pipeline nobody disturbs.
    std::string out;
    ASSERT_EQ(
        run_quotewire({"run", "--workers", "2", "--db", reference_db_, corpus_.string()}, &out), 0)
        << out;
  }

  std::vector<std::string> heartbeat() const {
    return {"--heartbeat-ms", "200", "--liveness", "3"};
  }

  void start_sink() {
    std::vector<std::string> args{"sink",     "--db",      db_,      "--results",
                                  sink_,      "--updates", updates_, "--snapshots",
                                  snapshots_, "--http",    "off"};
    sink_process_.emplace(args, dir_ / "sink.log");
  }
  void start_broker() {
    std::vector<std::string> args{"broker", "--frontend", frontend_, "--backend",
                                  backend_, "--http",     "off"};
    const auto hb = heartbeat();
    args.insert(args.end(), hb.begin(), hb.end());
    broker_process_.emplace(args, dir_ / "broker.log");
  }
  std::unique_ptr<Process> start_worker(int n) {
    std::vector<std::string> args{"worker",
                                  "--broker",
                                  backend_,
                                  "--sink",
                                  sink_,
                                  "--id",
                                  "worker-" + std::to_string(n),
                                  "--sink-timeout-ms",
                                  "1000"};
    const auto hb = heartbeat();
    args.insert(args.end(), hb.begin(), hb.end());
    return std::make_unique<Process>(args, dir_ / ("worker-" + std::to_string(n) + ".log"));
  }
  std::unique_ptr<Process> start_publisher() {
    return std::make_unique<Process>(
        std::vector<std::string>{"publish", "--broker", frontend_, "--producer-id", "kill-test",
                                 "--retry-ms", "2000", corpus_.string()},
        dir_ / "publish.log");
  }

  // Waits for the publisher to finish, then checks the guarantee.
  void expect_exactly_once(Process& publisher) {
    ASSERT_EQ(publisher.wait(120s), 0) << read_file(dir_ / "publish.log");
    sink_process_->signal(SIGTERM);
    ASSERT_GE(sink_process_->wait(5s), 0);
    sink::Queries queries(db_);
    EXPECT_EQ(queries.totals().articles, static_cast<int64_t>(kArticles));
    EXPECT_EQ(queries.totals().dead_letters, 0);
    EXPECT_EQ(aggregates(db_), aggregates(reference_db_));
  }

  TempDir dir_;
  std::filesystem::path corpus_ = dir_ / "corpus.jsonl";
  std::string reference_db_ = (dir_ / "reference.db").string();
  std::string db_ = (dir_ / "sink.db").string();
  std::string frontend_ = tcp_endpoint(free_port());
  std::string backend_ = tcp_endpoint(free_port());
  std::string sink_ = tcp_endpoint(free_port());
  std::string updates_ = tcp_endpoint(free_port());
  std::string snapshots_ = tcp_endpoint(free_port());
  std::optional<Process> sink_process_;
  std::optional<Process> broker_process_;
};

TEST_F(KillTest, AWorkerKilledMidStreamLosesNothingAndDuplicatesNothing) {
  start_sink();
  start_broker();
  auto worker1 = start_worker(1);
  auto worker2 = start_worker(2);
  auto publisher = start_publisher();
  ASSERT_TRUE(wait_until([&] { return stored_articles(db_) >= 100; }, 60s));
  worker1->signal(SIGKILL);
  const int64_t at_kill = stored_articles(db_);
  EXPECT_LT(at_kill, static_cast<int64_t>(kArticles)) << "the kill came after all work was done";
  expect_exactly_once(*publisher);
}

TEST_F(KillTest, TheSinkKilledAndRestartedMidStreamLosesNothingAndDuplicatesNothing) {
  start_sink();
  start_broker();
  auto worker1 = start_worker(1);
  auto worker2 = start_worker(2);
  auto publisher = start_publisher();
  ASSERT_TRUE(wait_until([&] { return stored_articles(db_) >= 100; }, 60s));
  sink_process_->signal(SIGKILL);
  const int64_t at_kill = stored_articles(db_);
  EXPECT_LT(at_kill, static_cast<int64_t>(kArticles)) << "the kill came after all work was done";
  sink_process_->wait(5s);
  std::this_thread::sleep_for(500ms);  // results pile up at the workers meanwhile
  start_sink();
  expect_exactly_once(*publisher);
}

TEST_F(KillTest, TheBrokerKilledAndRestartedMidStreamLosesNothingAndDuplicatesNothing) {
  start_sink();
  start_broker();
  auto worker1 = start_worker(1);
  auto worker2 = start_worker(2);
  auto publisher = start_publisher();
  ASSERT_TRUE(wait_until([&] { return stored_articles(db_) >= 100; }, 60s));
  broker_process_->signal(SIGKILL);  // its queue and in-flight table are gone with it
  const int64_t at_kill = stored_articles(db_);
  EXPECT_LT(at_kill, static_cast<int64_t>(kArticles)) << "the kill came after all work was done";
  broker_process_->wait(5s);
  std::this_thread::sleep_for(500ms);
  start_broker();  // workers find it again by heartbeat; the producer re-sends what it lacks
  expect_exactly_once(*publisher);
}

}  // namespace
}  // namespace quotewire::testing
