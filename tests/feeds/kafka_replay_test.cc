// `quotewire publish` from a Kafka topic (the mock cluster) into a real pipeline: killed after
// every article was stored but before any offset was committed, the restarted consumer
// replays them all, the sink recognises every one, and the aggregates do not change.
#include <gtest/gtest.h>
#include <signal.h>

#include <fmt/format.h>

#include <httplib.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "sink/store.h"
#include "tests/feeds/mock_kafka.h"
#include "tests/feeds/pipeline_processes.h"
#include "tests/support/corpus.h"
#include "tests/support/prometheus.h"

namespace quotewire::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kArticles = 300;
constexpr int kPartitions = 2;

std::string aggregates(const std::string& db) {
  std::string out;
  EXPECT_EQ(run_quotewire({"actors", "--db", db, "--json"}, &out), 0);
  return out;
}

TEST(KafkaReplay, AConsumerKilledAfterProcessingButBeforeCommitReplaysAndChangesNothing) {
  TempDir dir;
  MockKafka kafka;
  kafka.create_topic("news", kPartitions);
  write_jsonl(sample_corpus(kArticles), dir / "corpus.jsonl");
  std::ifstream corpus(dir / "corpus.jsonl");
  int n = 0;
  for (std::string line; std::getline(corpus, line); ++n)
    kafka.produce("news", n % kPartitions, line);

  PipelineProcesses pipeline(dir);
  const std::vector<std::string> consume{
      "publish", "--broker", pipeline.frontend(), "--kafka-brokers", kafka.bootstraps(),
      "--kafka-topic", "news", "--kafka-group", "quotewire",
      // The mock's coordinator notices a vanished member after the session timeout.
      "--kafka-property", "session.timeout.ms=6000", "--kafka-property",
      "heartbeat.interval.ms=500"};

  auto first_args = consume;
  first_args.insert(first_args.end(), {"--kafka-commit-ms", "3600000"});  // never, in practice
  {
    Process first(first_args, dir / "publish-1.log");
    ASSERT_TRUE(wait_until([&] { return pipeline.stored_articles() == kArticles; }, 90s))
        << read_file(dir / "publish-1.log");
    first.signal(SIGKILL);
    ASSERT_EQ(first.wait(5s), 128 + SIGKILL);
  }
  for (const auto& [partition, offset] : kafka.committed("quotewire", "news", kPartitions)) {
    EXPECT_EQ(offset, RD_KAFKA_OFFSET_INVALID) << "partition " << partition << " was committed";
  }
  const std::string before = aggregates(pipeline.db());

  auto second_args = consume;
  second_args.push_back("--kafka-exit-at-end");
  std::string out, err;
  ASSERT_EQ(run_quotewire(second_args, &out, &err, 120s), 0) << err;
  EXPECT_NE(out.find(fmt::format("published {} article(s): 0 stored, {} already stored", kArticles,
                                 kArticles)),
            std::string::npos)
      << out;
  EXPECT_EQ(aggregates(pipeline.db()), before);
  EXPECT_EQ(sink::Queries(pipeline.db()).totals().articles, kArticles);
  int64_t committed = 0;
  for (const auto& [partition, offset] : kafka.committed("quotewire", "news", kPartitions)) {
    committed += offset;
  }
  EXPECT_EQ(committed, kArticles);
}

TEST(KafkaReplay, TheSinkKilledAndRestartedStillSendsEveryStatementToKafka) {
  TempDir dir;
  MockKafka kafka;
  kafka.create_topic("statements", 3);
  write_jsonl(sample_corpus(kArticles), dir / "corpus.jsonl");
  PipelineProcesses pipeline(
      dir, {"--kafka-brokers", kafka.bootstraps(), "--kafka-topic", "statements"});
  Process publisher({"publish", "--broker", pipeline.frontend(), "--retry-ms", "1000",
                     (dir / "corpus.jsonl").string()},
                    dir / "publish.log");
  ASSERT_TRUE(wait_until([&] { return pipeline.stored_articles() >= 50; }, 60s));
  pipeline.kill_sink();  // committed statements may not have reached Kafka, nor the cursor
  ASSERT_LT(pipeline.stored_articles(), kArticles) << "killed after the end";
  pipeline.start_sink();
  ASSERT_EQ(publisher.wait(120s), 0) << read_file(dir / "publish.log");
  pipeline.stop_sink();

  const int64_t statements = sink::Queries(pipeline.db()).totals().statements;
  ASSERT_GT(statements, 0);
  std::set<int64_t> seqs;
  for (const auto& m : kafka.read_all("statements", 3)) {
    seqs.insert(nlohmann::json::parse(m.value)["seq"].get<int64_t>());
  }
  // At least once: every statement is there (one sent twice across the kill is allowed).
  EXPECT_EQ(static_cast<int64_t>(seqs.size()), statements) << read_file(dir / "sink.log");
  EXPECT_EQ(*seqs.begin(), 1);
  EXPECT_EQ(*seqs.rbegin(), statements);
}

// `quotewire sink --kafka-topic ... --http ...`: the output's figures are on the sink's /metrics,
// where an operator sees whether Kafka keeps up (its cursor against the sink's last sequence).
TEST(KafkaOutputMetrics, TheSinkServesItsKafkaOutputsFigures) {
  TempDir dir;
  MockKafka kafka;
  kafka.create_topic("statements", 3);
  const std::string db = (dir / "sink.db").string();
  {
    sink::Store store({.path = db});  // two statements already stored: sent on start
    pb::Envelope envelope;
    auto* x = envelope.mutable_extraction();
    x->set_article_id("a1");
    x->set_producer_id("p");
    x->add_quotes()->set_text("We will rebuild the bridge.");
    x->add_quotes()->set_text("Not this year.");
    store.apply({&envelope});
  }
  const int port = free_port();
  Process sink({"sink", "--db", db, "--results", tcp_endpoint(free_port()), "--updates",
                tcp_endpoint(free_port()), "--snapshots", tcp_endpoint(free_port()), "--http",
                fmt::format("127.0.0.1:{}", port), "--kafka-brokers", kafka.bootstraps(),
                "--kafka-topic", "statements"},
               dir / "sink.log");
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(2, 0);
  std::string text;
  std::map<std::string, double> samples;
  EXPECT_TRUE(wait_until(
      [&] {
        auto res = client.Get("/metrics");
        if (!res || res->status != 200) return false;
        text = res->body;
        samples = prometheus_samples(text);
        return samples["quotewire_sink_kafka_cursor"] == 2;
      },
      30s))
      << text << read_file(dir / "sink.log");
  EXPECT_TRUE(prometheus_errors(text).empty()) << text;
  EXPECT_EQ(samples["quotewire_sink_kafka_delivered_total"], 2);
  EXPECT_EQ(samples["quotewire_sink_kafka_produced_total"], 2);
  EXPECT_EQ(samples["quotewire_sink_kafka_failed_total"], 0);
  EXPECT_EQ(samples["quotewire_sink_last_sequence"], 2);
  EXPECT_EQ(kafka.read_all("statements", 3).size(), 2u);
  sink.signal(SIGTERM);
  EXPECT_EQ(sink.wait(10s), 0) << read_file(dir / "sink.log");
}

}  // namespace
}  // namespace quotewire::testing
