#include "sink/sink.h"

#include <gtest/gtest.h>

#include <thread>
#include <utility>
#include <vector>

#include "tests/sink/sink_fixture.h"
#include "transport/envelope.h"
#include "transport/socket.h"

namespace quotewire::sink {
namespace {

QW_INSTANTIATE_STORE_BACKENDS(SinkRole);

TEST_P(SinkRole, AcknowledgesAfterCommitAndRecognisesARedelivery) {
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

TEST_P(SinkRole, PublishesEachNewStatementUnderItsActorsTopic) {
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the SUB join (slow joiner)
  transport::send(worker_, {result_frame("art-1")});
  reply();
  subscriber_.set(zmq::sockopt::rcvtimeo, 5000);
  zmq::message_t topic, body;
  do {  // heartbeats share the socket
    ASSERT_TRUE(subscriber_.recv(topic));
    ASSERT_TRUE(subscriber_.recv(body));
  } while (transport::view(topic) == transport::kHeartbeatTopic);
  EXPECT_EQ(transport::view(topic), "ivana-horvat");
  auto update = std::get<pb::Envelope>(transport::decode(transport::view(body)));
  EXPECT_EQ(update.actor_update().statement_count(), 1u);
  EXPECT_GT(update.actor_update().sequence(), 0u);
}

// A corrected story's earlier statements are withdrawn live, on their topics, before the new
// version's statements: a subscriber's copy matches the database.
TEST_P(SinkRole, ANewVersionOfAStoryRetractsTheEarlierStatementsLive) {
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the SUB join (slow joiner)
  auto versioned = [](const std::string& id, uint32_t version, const std::string& speaker,
                      const std::string& actor_id) {
    auto envelope = std::get<pb::Envelope>(transport::decode(result_frame(id, speaker, actor_id)));
    envelope.mutable_extraction()->set_version_of("story");
    envelope.mutable_extraction()->set_version(version);
    return transport::encode(envelope);
  };
  transport::send(worker_, {versioned("story", 1, "Ivana Horvat", "ivana-horvat")});
  ASSERT_EQ(reply().ack().status(), pb::STORED);
  transport::send(worker_, {versioned("story~v2", 2, "Zoran Perić", "zoran-peric")});
  ASSERT_EQ(reply().ack().status(), pb::STORED);

  subscriber_.set(zmq::sockopt::rcvtimeo, 5000);
  std::vector<std::pair<std::string, pb::ActorUpdate>> seen;
  while (seen.size() < 3) {
    zmq::message_t topic, body;
    ASSERT_TRUE(subscriber_.recv(topic));
    ASSERT_TRUE(subscriber_.recv(body));
    if (transport::view(topic) == transport::kHeartbeatTopic) continue;
    auto envelope = std::get<pb::Envelope>(transport::decode(transport::view(body)));
    seen.emplace_back(std::string(transport::view(topic)), envelope.actor_update());
  }
  EXPECT_EQ(seen[0].first, "ivana-horvat");
  EXPECT_FALSE(seen[0].second.retracted());
  EXPECT_EQ(seen[1].first, "ivana-horvat");
  EXPECT_TRUE(seen[1].second.retracted());
  EXPECT_EQ(seen[1].second.sequence(), seen[0].second.sequence());
  EXPECT_EQ(seen[1].second.replaced_by(), "story~v2");
  EXPECT_EQ(seen[2].first, "zoran-peric");
  EXPECT_GT(seen[2].second.sequence(), seen[0].second.sequence());
  EXPECT_EQ(sink_.probe().retracted, 1u);
}

TEST_P(SinkRole, HeartbeatsCarryTheInstanceAndTheLatestSequence) {
  store("art-1");
  subscriber_.set(zmq::sockopt::rcvtimeo, 5000);
  zmq::message_t topic, body;
  do {
    ASSERT_TRUE(subscriber_.recv(topic));
    ASSERT_TRUE(subscriber_.recv(body));
  } while (transport::view(topic) != transport::kHeartbeatTopic);
  auto beat = std::get<pb::Envelope>(transport::decode(transport::view(body))).heartbeat();
  EXPECT_TRUE(beat.sender_id().starts_with("sink-"));
  // The heartbeat may precede the commit; it never runs ahead of it.
  EXPECT_LE(beat.last_sequence(), 1u);
}

TEST_P(SinkRole, ASnapshotReplaysStatementsAfterASequenceThenEnds) {
  store("art-1");
  store("art-2", "Zoran Perić", "zoran-peric");
  store("art-3");
  auto client = transport::make_socket(context_, zmq::socket_type::dealer, {});
  client.connect(sink_.snapshots_endpoint());
  pb::Envelope request;
  request.mutable_snapshot_request()->set_prefix("ivana");
  request.mutable_snapshot_request()->set_since(1);
  transport::send(client, {transport::encode(request)});
  client.set(zmq::sockopt::rcvtimeo, 5000);
  std::vector<uint64_t> sequences;
  while (true) {
    zmq::message_t frame;
    ASSERT_TRUE(client.recv(frame));
    auto envelope = std::get<pb::Envelope>(transport::decode(transport::view(frame)));
    if (envelope.has_snapshot_end()) {
      EXPECT_EQ(envelope.snapshot_end().sequence(), 3u);
      EXPECT_EQ(envelope.snapshot_end().updates(), 1u);
      break;
    }
    ASSERT_TRUE(envelope.has_actor_update());
    sequences.push_back(envelope.actor_update().sequence());
    EXPECT_EQ(envelope.actor_update().statement_count(), 2u);  // as it was when stored
  }
  EXPECT_EQ(sequences, std::vector<uint64_t>{3});
}

TEST_P(SinkRole, ALockedDatabaseStopsAcksUntilTheLockGoesThenResumes) {
  {
    Database other(database_.location, Database::Mode::read_write);
    // Another process holds the write lock (PostgreSQL: a lock on the table no insert passes).
    other.exec(GetParam() == Backend::sqlite ? "BEGIN EXCLUSIVE"
                                             : "BEGIN; LOCK TABLE articles IN EXCLUSIVE MODE");
    transport::send(worker_, {result_frame("locked-1")});
    worker_.set(zmq::sockopt::rcvtimeo, 2500);  // longer than the 2 s a batch waits for a lock
    zmq::message_t frame;
    EXPECT_FALSE(worker_.recv(frame)) << "acknowledged although nothing could be committed";
    other.exec("ROLLBACK");
  }
  // The worker re-sends (as a real one does after its timeout); now it is stored.
  transport::send(worker_, {result_frame("locked-1")});
  auto ack = reply();
  ASSERT_TRUE(ack.has_ack());
  EXPECT_EQ(ack.ack().status(), pb::STORED);
  EXPECT_GE(sink_.probe().store_errors, 1u);
}

TEST_P(SinkRole, AGarbageFrameIsRejectedWithAReasonAndTheSinkGoesOn) {
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
