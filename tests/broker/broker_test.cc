// The broker role in-process: what producers and workers see on its sockets, bad input
// included.
#include "broker/broker.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <thread>

#include "transport/envelope.h"
#include "transport/socket.h"

namespace quotewire::broker {
namespace {

using namespace std::chrono_literals;

class BrokerRole : public ::testing::Test {
 protected:
  BrokerRole()
      : broker_(context_, config()),
        producer_(transport::make_socket(context_, zmq::socket_type::dealer,
                                         {.routing_id = "producer-1"})),
        worker_(transport::make_socket(context_, zmq::socket_type::dealer,
                                       {.routing_id = "worker-1"})) {
    producer_.connect(broker_.frontend_endpoint());
    worker_.connect(broker_.backend_endpoint());
    producer_.set(zmq::sockopt::rcvtimeo, 3000);
    worker_.set(zmq::sockopt::rcvtimeo, 3000);
    thread_ = std::jthread([this](std::stop_token stop) { broker_.run(stop); });
  }

  static BrokerConfig config() {
    BrokerConfig c;  // field by field: g++ 12 misreads nested designated initializers
    c.frontend = "inproc://broker-frontend";
    c.backend = "inproc://broker-backend";
    c.max_message_bytes = 64 * 1024;
    return c;
  }

  static std::string article_frame(uint64_t sequence, const std::string& producer = "producer-1") {
    pb::Envelope e;
    auto* a = e.mutable_article();
    a->set_article_id(fmt::format("a{}", sequence));
    a->set_producer_id(producer);
    a->set_sequence(sequence);
    a->set_body("Mayor Ana Horvat said the bridge would reopen.");
    return transport::encode(e);
  }

  // The next envelope on a socket that is not a heartbeat.
  static pb::Envelope next(zmq::socket_t& socket) {
    while (true) {
      zmq::message_t frame;
      if (!socket.recv(frame)) return {};
      auto decoded = transport::decode(transport::view(frame));
      auto& envelope = std::get<pb::Envelope>(decoded);
      if (!envelope.has_heartbeat()) return envelope;
    }
  }

  void ready(uint32_t capacity) {
    pb::Envelope e;
    e.mutable_ready()->set_worker_id("worker-1");
    e.mutable_ready()->set_capacity(capacity);
    transport::send(worker_, {transport::encode(e)});
  }

  zmq::context_t context_{1};
  Broker broker_;
  zmq::socket_t producer_;
  zmq::socket_t worker_;
  std::jthread thread_;
};

TEST_F(BrokerRole, AnArticleReachesAWorkerAndItsAckReachesTheProducer) {
  ready(4);
  transport::send(producer_, {article_frame(1)});
  auto delivered = next(worker_);
  ASSERT_TRUE(delivered.has_article());
  EXPECT_EQ(delivered.article().attempt(), 1u);
  pb::Envelope ack;
  ack.mutable_ack()->set_article_id("a1");
  ack.mutable_ack()->set_producer_id("producer-1");
  ack.mutable_ack()->set_sequence(1);
  ack.mutable_ack()->set_status(pb::STORED);
  transport::send(worker_, {transport::encode(ack)});
  auto back = next(producer_);
  ASSERT_TRUE(back.has_ack());
  EXPECT_EQ(back.ack().article_id(), "a1");
}

TEST_F(BrokerRole, GarbageFromAProducerIsRejectedWithAReasonAndServingGoesOn) {
  transport::send(producer_, {"\x0a\xff\xff garbage"});
  auto reject = next(producer_);
  ASSERT_TRUE(reject.has_reject());
  EXPECT_NE(reject.reject().reason().find("malformed"), std::string::npos);

  pb::Envelope wrong_type;
  wrong_type.mutable_heartbeat()->set_sender_id("producer-1");
  transport::send(producer_, {transport::encode(wrong_type)});
  EXPECT_EQ(next(producer_).reject().reason(), "producers may only send articles");

  transport::send(producer_, {article_frame(7, "someone-else")});  // another producer's name
  EXPECT_TRUE(next(producer_).has_reject());

  ready(1);
  transport::send(producer_, {article_frame(2)});
  EXPECT_TRUE(next(worker_).has_article());
  EXPECT_EQ(broker_.probe().bad_frames, 3u);
}

TEST_F(BrokerRole, UnknownVersionFromAWorkerIsRejected) {
  pb::Envelope e;
  e.mutable_ready()->set_worker_id("worker-1");
  e.set_version(static_cast<pb::ProtocolVersion>(9));
  transport::send(worker_, {e.SerializeAsString()});
  auto reject = next(worker_);
  ASSERT_TRUE(reject.has_reject());
  EXPECT_NE(reject.reject().reason().find("version 9"), std::string::npos);
}

TEST(BrokerLimits, AnOversizedMessageDropsItsSenderNotTheBroker) {
  zmq::context_t context(1);
  BrokerConfig config;
  config.frontend = "tcp://127.0.0.1:*";
  config.backend = "tcp://127.0.0.1:*";
  config.max_message_bytes = 64 * 1024;  // ZMQ_MAXMSGSIZE
  Broker broker(context, config);
  std::jthread thread([&](std::stop_token stop) { broker.run(stop); });
  auto worker = transport::make_socket(context, zmq::socket_type::dealer, {.routing_id = "w"});
  worker.connect(broker.backend_endpoint());
  worker.set(zmq::sockopt::rcvtimeo, 3000);
  pb::Envelope ready;
  ready.mutable_ready()->set_capacity(4);
  transport::send(worker, {transport::encode(ready)});

  auto article = [](const std::string& producer, uint64_t sequence, size_t body_bytes) {
    pb::Envelope e;
    e.mutable_article()->set_article_id(fmt::format("{}{}", producer, sequence));
    e.mutable_article()->set_producer_id(producer);
    e.mutable_article()->set_sequence(sequence);
    e.mutable_article()->set_body(std::string(body_bytes, 'x'));
    return transport::encode(e);
  };
  auto big = transport::make_socket(context, zmq::socket_type::dealer, {.routing_id = "big"});
  big.connect(broker.frontend_endpoint());
  transport::send(big, {article("big", 1, 200 * 1024)});  // over the limit: dropped with its link
  auto small = transport::make_socket(context, zmq::socket_type::dealer, {.routing_id = "small"});
  small.connect(broker.frontend_endpoint());
  transport::send(small, {article("small", 1, 100)});

  // Only the small article arrives; the broker still serves.
  zmq::message_t frame;
  std::vector<std::string> delivered;
  while (worker.recv(frame)) {
    auto e = std::get<pb::Envelope>(transport::decode(transport::view(frame)));
    if (e.has_article()) {
      delivered.push_back(e.article().article_id());
      break;
    }
  }
  EXPECT_EQ(delivered, std::vector<std::string>{"small1"});
  EXPECT_EQ(broker.probe().articles_received, 1u);
}

}  // namespace
}  // namespace quotewire::broker
