// The sink's Kafka output against the mock cluster: every statement once, keyed by actor id,
// first from the database, then live; resumed from its cursor; broker errors retried without
// duplicates (idempotent producer).
#include "sink/kafka_output.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "extract/extractor.h"
#include "sink/store.h"
#include "tests/feeds/mock_kafka.h"
#include "tests/support/process.h"
#include "text/actor_id.h"

namespace quotewire::testing {
namespace {

using namespace std::chrono_literals;

pb::Quote quote(const std::string& speaker, const std::string& text) {
  pb::Quote q;
  q.set_text(text);
  q.set_kind(pb::DIRECT);
  q.set_cue("said");
  q.set_speaker_name(speaker);
  q.set_speaker_mention(speaker);
  q.set_speaker_actor_id(text::actor_id_for(speaker));
  q.set_speaker_type(pb::PERSON);
  return q;
}

// An article with a statement by each speaker, and one nobody is named for.
pb::Envelope extraction(const std::string& article_id) {
  pb::Envelope envelope;
  auto* x = envelope.mutable_extraction();
  x->set_article_id(article_id);
  x->set_producer_id("p");
  x->set_source("Adriatic Ledger");
  *x->add_quotes() = quote("Ivana Horvat", "We will rebuild the bridge.");
  *x->add_quotes() = quote("Zoran Perić", "Not this year.");
  x->add_quotes()->set_text("Nobody knows who said this.");
  return envelope;
}

class KafkaOutputTest : public ::testing::Test {
 protected:
  KafkaOutputTest() { kafka_.create_topic("statements", 3), kafka_.create_topic("actors", 1); }

  // Stores an article; its new statements are what the sink hands the output.
  std::vector<pb::ActorUpdate> store(const std::string& article_id) {
    auto envelope = extraction(article_id);
    return store_.apply({&envelope}).updates;
  }

  sink::KafkaOutputConfig config(bool protobuf = false) {
    return {.brokers = kafka_.bootstraps(),
            .statements_topic = "statements",
            .actors_topic = "actors",
            .protobuf = protobuf,
            .cursor_interval_ms = 10};
  }

  // Runs an output until its cursor reaches `seq`, with `during` called once it runs.
  void run_until(
      sink::KafkaOutput& output, uint64_t seq, const std::function<void()>& during = [] {}) {
    std::jthread thread([&](std::stop_token stop) { output.run(stop); });
    during();
    EXPECT_TRUE(wait_until([&] { return output.probe().cursor >= seq; }, 30s))
        << "cursor at " << output.probe().cursor;
  }

  // seq → (key, JSON value) of every statement message.
  std::multimap<uint64_t, std::pair<std::string, nlohmann::json>> statements() {
    std::multimap<uint64_t, std::pair<std::string, nlohmann::json>> out;
    for (const auto& m : kafka_.read_all("statements", 3)) {
      auto value = nlohmann::json::parse(m.value);
      out.emplace(value["seq"].get<uint64_t>(), std::pair{m.key.value_or(""), value});
    }
    return out;
  }

  MockKafka kafka_;
  TempDir dir_;
  std::string db_ = (dir_ / "sink.db").string();
  sink::Store store_{{.path = db_}};
};

TEST_F(KafkaOutputTest, SendsEveryStatementOnceKeyedByActorFromTheDatabaseThenLive) {
  store("a1");  // before the output starts: it reads them from the database
  store("a2");
  sink::KafkaOutput output(config(), db_);
  run_until(output, 9, [&] {
    // Once the database is sent, a new commit comes through the sink's hook.
    ASSERT_TRUE(wait_until([&] { return output.probe().cursor >= 6; }, 30s));
    output.offer(store("a3"));
  });

  const auto sent = statements();
  ASSERT_EQ(sent.size(), 9u);
  for (uint64_t seq = 1; seq <= 9; ++seq) EXPECT_EQ(sent.count(seq), 1u) << seq;
  for (const auto& [seq, message] : sent) {
    const auto& [key, value] = message;
    if (value["speaker"].is_null()) {
      EXPECT_EQ(key, "") << "an unattributed statement has no key";
    } else {
      EXPECT_EQ(key, value["speaker"]["actor_id"].get<std::string>());
    }
  }
  // The actor topic's last word on each actor is its latest statement and count.
  std::map<std::string, nlohmann::json> actors;
  for (const auto& m : kafka_.read_all("actors", 1))
    actors[*m.key] = nlohmann::json::parse(m.value);
  ASSERT_EQ(actors.size(), 2u);
  EXPECT_EQ(actors.at(text::actor_id_for("Ivana Horvat"))["speaker"]["statement_count"], 3);
}

TEST_F(KafkaOutputTest, ARestartedOutputResumesAfterItsCursor) {
  store("a1");
  {
    sink::KafkaOutput output(config(), db_);
    run_until(output, 3);
  }
  store("a2");  // committed while no output ran
  sink::KafkaOutput restarted(config(), db_);
  run_until(restarted, 6);
  const auto sent = statements();
  ASSERT_EQ(sent.size(), 6u);
  for (uint64_t seq = 1; seq <= 6; ++seq) EXPECT_EQ(sent.count(seq), 1u) << seq;
}

TEST_F(KafkaOutputTest, ProduceErrorsFromTheBrokerAreRetriedWithoutDuplicates) {
  kafka_.fail_next(KafkaApi::produce, 4, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
  store("a1");
  store("a2");
  sink::KafkaOutput output(config(), db_);
  run_until(output, 6);
  const auto sent = statements();
  ASSERT_EQ(sent.size(), 6u);
  for (uint64_t seq = 1; seq <= 6; ++seq) EXPECT_EQ(sent.count(seq), 1u) << seq;
}

TEST_F(KafkaOutputTest, ProtobufValuesAreActorUpdates) {
  store("a1");
  sink::KafkaOutput output(config(true), db_);
  run_until(output, 3);
  std::vector<uint64_t> sequences;
  for (const auto& m : kafka_.read_all("statements", 3)) {
    pb::ActorUpdate update;
    ASSERT_TRUE(update.ParseFromString(m.value));
    EXPECT_EQ(m.key.value_or(""), update.actor_id());
    sequences.push_back(update.sequence());
  }
  std::sort(sequences.begin(), sequences.end());
  EXPECT_EQ(sequences, (std::vector<uint64_t>{1, 2, 3}));
}

}  // namespace
}  // namespace quotewire::testing
