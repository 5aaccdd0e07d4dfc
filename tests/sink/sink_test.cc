#include "sink/sink.h"

#include <gtest/gtest.h>

#include <thread>

#include "tests/support/process.h"
#include "transport/envelope.h"
#include "transport/socket.h"

namespace quotewire::sink {
namespace {

using quotewire::testing::TempDir;

class SinkRole : public ::testing::Test {
 protected:
  SinkRole()
      : sink_(context_, {.results = "inproc://sink-results",
                         .updates = "inproc://sink-updates",
                         .store = {.path = (dir_ / "sink.db").string()}}),
        worker_(transport::make_socket(context_, zmq::socket_type::dealer,
                                       {.routing_id = "test-worker"})),
        subscriber_(transport::make_socket(context_, zmq::socket_type::sub, {})) {
    subscriber_.set(zmq::sockopt::subscribe, "");
    subscriber_.connect(sink_.updates_endpoint());
    worker_.connect(sink_.results_endpoint());
    thread_ = std::jthread([this](std::stop_token stop) { sink_.run(stop); });
  }

  pb::Envelope reply() {
    worker_.set(zmq::sockopt::rcvtimeo, 5000);
    zmq::message_t frame;
    EXPECT_TRUE(worker_.recv(frame));
    return std::get<pb::Envelope>(transport::decode(transport::view(frame)));
  }

  static std::string result_frame(const std::string& article_id) {
    pb::Envelope envelope;
    auto* x = envelope.mutable_extraction();
    x->set_article_id(article_id);
    x->set_producer_id("p");
    x->set_sequence(9);
    auto* q = x->add_quotes();
    q->set_text("The bridge will reopen in May.");
    q->set_kind(pb::DIRECT);
    q->set_speaker_name("Ivana Horvat");
    q->set_speaker_actor_id("ivana-horvat");
    q->set_speaker_type(pb::PERSON);
    return transport::encode(envelope);
  }

  TempDir dir_;
  zmq::context_t context_{1};
  Sink sink_;
  zmq::socket_t worker_;
  zmq::socket_t subscriber_;
  std::jthread thread_;
};

TEST_F(SinkRole, AcknowledgesAfterCommitAndRecognisesARedelivery) {
  transport::send(worker_, {result_frame("art-1")});
  auto ack = reply();
  ASSERT_TRUE(ack.has_ack());
  EXPECT_EQ(ack.ack().status(), pb::STORED);
  EXPECT_EQ(ack.ack().article_id(), "art-1");
  EXPECT_EQ(ack.ack().sequence(), 9u);

  transport::send(worker_, {result_frame("art-1")});
  EXPECT_EQ(reply().ack().status(), pb::DUPLICATE);
  EXPECT_EQ(sink_.probe().stored, 1u);
  EXPECT_EQ(sink_.probe().duplicates, 1u);
}

TEST_F(SinkRole, PublishesEachNewStatementUnderItsActorsTopic) {
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the SUB join (slow joiner)
  transport::send(worker_, {result_frame("art-1")});
  reply();
  subscriber_.set(zmq::sockopt::rcvtimeo, 5000);
  zmq::message_t topic, body;
  ASSERT_TRUE(subscriber_.recv(topic));
  ASSERT_TRUE(subscriber_.recv(body));
  EXPECT_EQ(transport::view(topic), "ivana-horvat");
  auto update = std::get<pb::Envelope>(transport::decode(transport::view(body)));
  EXPECT_EQ(update.actor_update().statement_count(), 1u);
  EXPECT_GT(update.actor_update().sequence(), 0u);
}

TEST_F(SinkRole, AGarbageFrameIsRejectedWithAReasonAndTheSinkGoesOn) {
  transport::send(worker_, {"\x01\x02garbage"});
  auto rejected = reply();
  ASSERT_TRUE(rejected.has_reject());
  EXPECT_NE(rejected.reject().reason().find("malformed"), std::string::npos);
  transport::send(worker_, {result_frame("art-2")});
  EXPECT_EQ(reply().ack().status(), pb::STORED);
  EXPECT_EQ(sink_.probe().bad_frames, 1u);
}

}  // namespace
}  // namespace quotewire::sink
