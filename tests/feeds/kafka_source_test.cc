// The Kafka input against the mock cluster: offsets are committed only past the acknowledged
// prefix of each partition; bad messages are reported and passed; broker errors are retried.
#include "producers/kafka_source.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>

#include "tests/feeds/mock_kafka.h"
#include "tests/support/process.h"

namespace quotewire::testing {
namespace {

using namespace std::chrono_literals;
using producers::InputError;
using producers::KafkaSource;

std::string article_json(int partition, int i) {
  return fmt::format(R"({{"id":"p{}-{}","body":"“Fine,” said Ana Kovač."}})", partition, i);
}

KafkaSource make_source(const MockKafka& kafka, std::vector<InputError>* errors = nullptr) {
  return KafkaSource(
      {.brokers = kafka.bootstraps(),
       .topics = {"news"},
       .group = "publishers",
       .exit_at_end = true,
       .commit_interval_ms = 50,
       // A member that left is noticed quickly by the mock's group coordinator.
       .properties = {{"session.timeout.ms", "6000"}, {"heartbeat.interval.ms", "500"}}},
      [errors](const InputError& e) {
        if (errors) errors->push_back(e);
      });
}

// Reads until every partition is at its end, as the publisher would (next, then sync).
std::vector<pb::Article> drain(KafkaSource& source) {
  std::vector<pb::Article> out;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (!source.exhausted() && std::chrono::steady_clock::now() < deadline) {
    if (auto article = source.next()) {
      out.push_back(std::move(*article));
    } else {
      source.sync(false);
      std::this_thread::sleep_for(10ms);
    }
  }
  EXPECT_TRUE(source.exhausted()) << "not at the end after 30 s";
  return out;
}

TEST(KafkaSource, CommitsOnlyPastTheAcknowledgedPrefixOfEachPartition) {
  MockKafka kafka;
  kafka.create_topic("news", 2);
  for (int p = 0; p < 2; ++p) {
    for (int i = 0; i < 10; ++i) kafka.produce("news", p, article_json(p, i));
  }
  {
    auto source = make_source(kafka);
    const auto articles = drain(source);
    ASSERT_EQ(articles.size(), 20u);
    // Everything acknowledged, in reverse, except partition 0's offset 3.
    for (size_t i = articles.size(); i-- > 0;) {
      if (articles[i].article_id() != "p0-3") source.acknowledged(i);
    }
    source.sync(true);
    EXPECT_EQ(articles[0].metadata().at("kafka_topic"), "news");
    const auto committed = kafka.committed("publishers", "news", 2);
    EXPECT_EQ(committed.at(0), 3);   // the next to read is the one never acknowledged
    EXPECT_EQ(committed.at(1), 10);  // all of partition 1
  }
  // A restart (another member of the group) replays from there: p0-3 .. p0-9, nothing else.
  auto restarted = make_source(kafka);
  const auto replayed = drain(restarted);
  ASSERT_EQ(replayed.size(), 7u);
  EXPECT_EQ(replayed.front().article_id(), "p0-3");
  EXPECT_EQ(replayed.back().article_id(), "p0-9");
}

TEST(KafkaSource, ABadMessageIsReportedByOffsetAndCommittedPast) {
  MockKafka kafka;
  kafka.create_topic("news", 1);
  kafka.produce("news", 0, article_json(0, 0));
  kafka.produce("news", 0, "{\"id\": \"broken\", ");
  kafka.produce("news", 0, article_json(0, 2));
  std::vector<InputError> errors;
  auto source = make_source(kafka, &errors);
  const auto articles = drain(source);
  ASSERT_EQ(articles.size(), 2u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where, "news[0]@1");
  EXPECT_NE(errors[0].reason.find("malformed JSON"), std::string::npos);
  source.acknowledged(0);
  source.acknowledged(1);
  source.sync(true);
  EXPECT_EQ(kafka.committed("publishers", "news", 1).at(0), 3);
}

TEST(KafkaSource, BrokerErrorsOnFetchAndCommitAreRetriedWithoutLossOrSkip) {
  MockKafka kafka;
  kafka.create_topic("news", 1);
  for (int i = 0; i < 20; ++i) kafka.produce("news", 0, article_json(0, i));
  kafka.fail_next(KafkaApi::fetch, 3, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
  auto source = make_source(kafka);
  const auto articles = drain(source);
  ASSERT_EQ(articles.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(articles[i].article_id(), fmt::format("p0-{}", i));

  kafka.fail_next(KafkaApi::offset_commit, 2, RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS);
  for (uint64_t i = 0; i < 20; ++i) source.acknowledged(i);
  ASSERT_TRUE(wait_until(
      [&] {
        source.sync(false);
        return kafka.committed("publishers", "news", 1).at(0) == 20;
      },
      20s, 100ms));
}

}  // namespace
}  // namespace quotewire::testing
