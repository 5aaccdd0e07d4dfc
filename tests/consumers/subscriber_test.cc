// The Clone pattern end to end: a subscriber from the start and one that joins late see exactly
// the same updates, in sequence, with none missing or repeated — also across a sink restart.
#include "consumers/subscriber.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "sink/sink.h"
#include "tests/support/process.h"
#include "transport/envelope.h"
#include "transport/socket.h"

namespace quotewire::consumers {
namespace {

using namespace std::chrono_literals;
using testing::free_port;
using testing::tcp_endpoint;

class Recorder {
 public:
  void operator()(const pb::ActorUpdate& u) {
    std::lock_guard lock(mutex_);
    seen_.emplace_back(u.sequence(), (u.retracted() ? "retracted " : "") + u.actor_id());
  }
  std::vector<std::pair<uint64_t, std::string>> seen() {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  size_t size() { return seen().size(); }

 private:
  std::mutex mutex_;
  std::vector<std::pair<uint64_t, std::string>> seen_;
};

class Clone : public ::testing::Test {
 protected:
  void start_sink() {
    sink::SinkConfig config;  // field by field: g++ 12 misreads nested designated initializers
    config.results = results_;
    config.updates = updates_;
    config.snapshots = snapshots_;
    config.store.path = (dir_ / "sink.db").string();
    config.heartbeat_ms = 100;
    sink_.emplace(context_, config);
    sink_thread_ = std::jthread([this](std::stop_token stop) { sink_->run(stop); });
  }
  void stop_sink() {
    sink_thread_ = {};
    sink_.reset();
  }

  // Stores articles [from, to), each with one statement by one of three speakers, and waits
  // for each acknowledgement (re-sending across a restart, as a worker does).
  void store(int from, int to) {
    static const char* speakers[] = {"ana-kovac", "ivo-horvat", "ema-peric"};
    for (int i = from; i < to; ++i) store_one(fmt::format("a{}", i), speakers[i % 3]);
  }
  // One article with one statement by `speaker`; `version` > 0 makes it that version of the
  // story "story".
  void store_one(const std::string& article_id, const std::string& speaker, uint32_t version = 0) {
    pb::Envelope envelope;
    auto* x = envelope.mutable_extraction();
    x->set_article_id(article_id);
    if (version > 0) {
      x->set_version_of("story");
      x->set_version(version);
    }
    auto* q = x->add_quotes();
    q->set_text("Statement in " + article_id);
    q->set_speaker_name(speaker);
    q->set_speaker_actor_id(speaker);
    const std::string frame = transport::encode(envelope);
    worker_.set(zmq::sockopt::rcvtimeo, 2000);
    for (int attempt = 0;; ++attempt) {
      ASSERT_LT(attempt, 10) << "no ack for article " << article_id;
      transport::send(worker_, {frame});
      zmq::message_t reply;
      if (worker_.recv(reply)) break;
    }
  }

  // Starts a subscriber in a thread and returns once it has heard the sink.
  std::jthread subscribe(SubscriberConfig config, Recorder& recorder) {
    config.updates = updates_;
    config.snapshots = snapshots_;
    config.silence_ms = 500;
    auto joined = std::make_shared<std::atomic<bool>>(false);
    std::jthread thread([this, config, &recorder, joined](std::stop_token stop) {
      Subscriber subscriber(context_, config);
      std::jthread watcher([&](std::stop_token s) {
        while (!s.stop_requested() && !subscriber.joined()) std::this_thread::sleep_for(5ms);
        *joined = true;
      });
      subscriber.run(stop, std::ref(recorder));
    });
    EXPECT_TRUE(testing::wait_until([&] { return joined->load(); }, 10s));
    return thread;
  }

  testing::TempDir dir_;
  zmq::context_t context_{1};
  std::string results_ = tcp_endpoint(free_port());
  std::string updates_ = tcp_endpoint(free_port());
  std::string snapshots_ = tcp_endpoint(free_port());
  std::optional<sink::Sink> sink_;
  std::jthread sink_thread_;
  zmq::socket_t worker_ = [this] {
    auto s = transport::make_socket(context_, zmq::socket_type::dealer, {.routing_id = "w"});
    s.connect(results_);
    return s;
  }();
};

std::vector<std::pair<uint64_t, std::string>> expected(int n) {
  static const char* speakers[] = {"ana-kovac", "ivo-horvat", "ema-peric"};
  std::vector<std::pair<uint64_t, std::string>> out;
  for (int i = 0; i < n; ++i) out.emplace_back(i + 1, speakers[i % 3]);
  return out;
}

TEST_F(Clone, ALateSubscriberSeesWhatAnEarlyOneSawAcrossASinkRestart) {
  start_sink();
  Recorder early, late;
  auto early_thread = subscribe({.from_start = true}, early);
  store(0, 100);
  auto late_thread = subscribe({.from_start = true}, late);  // joins with 100 stored
  store(100, 150);
  stop_sink();  // updates published while it is down cannot reach anyone...
  start_sink();
  store(150, 250);  // ... and these follow a new instance id
  ASSERT_TRUE(testing::wait_until([&] { return early.size() >= 250 && late.size() >= 250; }, 20s))
      << early.size() << " " << late.size();
  std::this_thread::sleep_for(300ms);  // nothing more may arrive
  EXPECT_EQ(early.seen(), expected(250));
  EXPECT_EQ(late.seen(), expected(250));
}

TEST_F(Clone, APrefixSubscriberSeesOnlyItsActorsWithTheirSequences) {
  start_sink();
  store(0, 30);
  Recorder ana;
  auto thread = subscribe({.prefix = "ana", .from_start = true}, ana);
  store(30, 60);
  ASSERT_TRUE(testing::wait_until([&] { return ana.size() >= 20; }, 10s)) << ana.size();
  std::this_thread::sleep_for(300ms);
  auto all = expected(60);
  std::erase_if(all, [](const auto& e) { return e.second != "ana-kovac"; });
  EXPECT_EQ(ana.seen(), all);
}

TEST_F(Clone, ALiveOnlySubscriberStartsFromNowWithoutGaps) {
  start_sink();
  store(0, 10);
  Recorder live;
  auto thread = subscribe({}, live);  // it has heard a heartbeat: "now" is sequence 10
  store(10, 40);
  ASSERT_TRUE(testing::wait_until([&] { return live.size() >= 30; }, 10s)) << live.size();
  auto tail = expected(40);
  tail.erase(tail.begin(), tail.begin() + 10);
  EXPECT_EQ(live.seen(), tail);
}

// A corrected story: who saw its first version gets that statement withdrawn, then the new one;
// who joins later sees only the new one.
TEST_F(Clone, ARetractedStatementReachesWhoSawItAndLaterSubscribersNeverSeeIt) {
  start_sink();
  Recorder early, late;
  auto early_thread = subscribe({.from_start = true}, early);
  store_one("story", "ana-kovac", 1);
  store_one("story~v2", "ivo-horvat", 2);
  ASSERT_TRUE(testing::wait_until([&] { return early.size() >= 3; }, 10s)) << early.size();
  const std::vector<std::pair<uint64_t, std::string>> corrected{
      {1, "ana-kovac"}, {1, "retracted ana-kovac"}, {2, "ivo-horvat"}};
  EXPECT_EQ(early.seen(), corrected);
  auto late_thread = subscribe({.from_start = true}, late);
  ASSERT_TRUE(testing::wait_until([&] { return late.size() >= 1; }, 10s));
  std::this_thread::sleep_for(300ms);  // nothing more may arrive
  EXPECT_EQ(late.seen(), (std::vector<std::pair<uint64_t, std::string>>{{2, "ivo-horvat"}}));
}

}  // namespace
}  // namespace quotewire::consumers
