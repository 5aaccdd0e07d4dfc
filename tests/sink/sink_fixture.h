#pragma once
// A sink running in-process on a temporary database of each backend (SQLite, PostgreSQL), with a
// DEALER standing in for a worker.

#include <gtest/gtest.h>

#include <thread>

#include "sink/sink.h"
#include "tests/sink/store_backends.h"
#include "tests/support/process.h"
#include "transport/envelope.h"
#include "transport/socket.h"

namespace quotewire::sink {

class SinkRole : public ::testing::TestWithParam<Backend> {
 protected:
  explicit SinkRole(std::optional<metrics::HttpSettings> http = std::nullopt)
      : database_(GetParam(), dir_),
        sink_(context_, config(database_.location, http)),
        worker_(transport::make_socket(context_, zmq::socket_type::dealer,
                                       {.routing_id = "test-worker"})),
        subscriber_(transport::make_socket(context_, zmq::socket_type::sub, {})) {
    subscriber_.set(zmq::sockopt::subscribe, "");
    subscriber_.connect(sink_.updates_endpoint());
    worker_.connect(sink_.results_endpoint());
    thread_ = std::jthread([this](std::stop_token stop) { sink_.run(stop); });
  }

  void SetUp() override {
    if (database_.missing) GTEST_SKIP() << kNoPostgres;
  }

  static SinkConfig config(const std::string& db, std::optional<metrics::HttpSettings> http) {
    SinkConfig c;  // assigned field by field: g++ 12 misreads nested designated initializers
    c.results = "inproc://sink-results";
    c.updates = "inproc://sink-updates";
    c.snapshots = "inproc://sink-snapshots";
    c.store.path = db;
    c.http = std::move(http);
    return c;
  }

  pb::Envelope reply() {
    worker_.set(zmq::sockopt::rcvtimeo, 5000);
    zmq::message_t frame;
    EXPECT_TRUE(worker_.recv(frame));
    return std::get<pb::Envelope>(transport::decode(transport::view(frame)));
  }

  // One extraction with one statement by `speaker` (and its actor id), and one entity.
  static std::string result_frame(const std::string& article_id,
                                  const std::string& speaker = "Ivana Horvat",
                                  const std::string& actor_id = "ivana-horvat") {
    pb::Envelope envelope;
    auto* x = envelope.mutable_extraction();
    x->set_article_id(article_id);
    x->set_producer_id("p");
    x->set_sequence(9);
    x->set_source("Adriatic Ledger");
    auto* e = x->add_entities();
    e->set_text("Rijeka");
    e->set_type(pb::LOCATION);
    e->set_start(4);
    e->set_end(10);
    e->set_actor_id("rijeka");
    e->set_name("Rijeka");
    auto* q = x->add_quotes();
    q->set_text("The Rijeka bridge will reopen in May.");
    q->set_start(0);
    q->set_end(40);
    q->set_kind(pb::DIRECT);
    q->set_cue("said");
    q->set_speaker_name(speaker);
    q->set_speaker_actor_id(actor_id);
    q->set_speaker_role("port director");
    q->set_speaker_type(pb::PERSON);
    return transport::encode(envelope);
  }

  // Stores a result and waits for its acknowledgement.
  void store(const std::string& article_id, const std::string& speaker = "Ivana Horvat",
             const std::string& actor_id = "ivana-horvat") {
    transport::send(worker_, {result_frame(article_id, speaker, actor_id)});
    ASSERT_TRUE(reply().has_ack());
  }

  testing::TempDir dir_;
  FixtureDatabase database_;
  zmq::context_t context_{1};
  Sink sink_;
  zmq::socket_t worker_;
  zmq::socket_t subscriber_;
  std::jthread thread_;
};

}  // namespace quotewire::sink
