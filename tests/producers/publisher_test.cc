#include "producers/publisher.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "transport/envelope.h"
#include "transport/socket.h"

namespace quotewire::producers {
namespace {

// A source of n small articles.
class CountingSource : public ArticleSource {
 public:
  explicit CountingSource(int n) : n_(n) {}
  std::optional<pb::Article> next() override {
    if (i_ >= n_) return std::nullopt;
    pb::Article a;
    a.set_article_id("a-" + std::to_string(i_++));
    a.set_body("Body.");
    return a;
  }

 private:
  int n_;
  int i_ = 0;
};

// A broker stand-in: records every article it receives and acks according to `policy`
// (called with how many times this article has been seen).
class FakeBroker {
 public:
  FakeBroker(zmq::context_t& context, std::function<bool(int copies)> policy)
      : socket_(transport::make_socket(context, zmq::socket_type::router, {})),
        policy_(std::move(policy)) {
    endpoint_ = transport::bind(socket_, "inproc://fake-broker");
    thread_ = std::jthread([this](std::stop_token stop) { loop(stop); });
  }
  const std::string& endpoint() const { return endpoint_; }
  std::map<std::string, int> copies() {
    std::lock_guard lock(mutex_);
    return copies_;
  }

 private:
  void loop(std::stop_token stop) {
    while (!stop.stop_requested()) {
      zmq::pollitem_t items[] = {{socket_.handle(), 0, ZMQ_POLLIN, 0}};
      zmq::poll(items, 1, std::chrono::milliseconds(10));
      while (auto frames = transport::receive(socket_)) {
        auto decoded = transport::decode(transport::view((*frames)[1]));
        const auto& article = std::get<pb::Envelope>(decoded).article();
        int seen;
        {
          std::lock_guard lock(mutex_);
          seen = ++copies_[article.article_id()];
        }
        if (!policy_(seen)) continue;
        pb::Envelope ack;
        ack.mutable_ack()->set_article_id(article.article_id());
        ack.mutable_ack()->set_producer_id(article.producer_id());
        ack.mutable_ack()->set_sequence(article.sequence());
        ack.mutable_ack()->set_status(pb::STORED);
        transport::send(socket_, {transport::view((*frames)[0]), transport::encode(ack)});
      }
    }
  }

  zmq::socket_t socket_;
  std::string endpoint_;
  std::function<bool(int)> policy_;
  std::mutex mutex_;
  std::map<std::string, int> copies_;
  std::jthread thread_;
};

TEST(Publisher, ResendsUnacknowledgedArticlesUntilEveryOneIsAcknowledged) {
  zmq::context_t context(1);
  FakeBroker broker(context, [](int copies) { return copies >= 2; });  // first copy "lost"
  Publisher publisher(context,
                      {.broker = broker.endpoint(),
                       .producer_id = "test-producer",
                       .window = {.capacity = 50, .timeout_ms = 20, .max_timeout_ms = 40}});
  CountingSource source(200);
  std::stop_source stop;
  EXPECT_TRUE(publisher.run(source, stop.get_token()));
  EXPECT_EQ(publisher.probe().published, 200u);
  EXPECT_EQ(publisher.probe().stored, 200u);
  EXPECT_GE(publisher.probe().resent, 200u);
  const auto copies = broker.copies();
  EXPECT_EQ(copies.size(), 200u);
  for (const auto& [id, n] : copies) EXPECT_GE(n, 2) << id;
}

TEST(Publisher, HoldsAtMostItsWindowAndGivesUpOnlyWhenStopped) {
  zmq::context_t context(1);
  FakeBroker broker(context, [](int) { return false; });  // the sink never answers
  Publisher publisher(context, {.broker = broker.endpoint(),
                                .producer_id = "stalled",
                                .window = {.capacity = 5, .timeout_ms = 20, .max_timeout_ms = 20},
                                .stop_grace_ms = 100});
  CountingSource source(1000);
  std::stop_source stop;
  std::jthread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop.request_stop();
  });
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(publisher.run(source, stop.get_token()));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_EQ(publisher.probe().published, 5u);  // bounded: nothing read past the window
  EXPECT_EQ(publisher.probe().in_flight, 5);
  EXPECT_EQ(broker.copies().size(), 5u);
}

}  // namespace
}  // namespace quotewire::producers
