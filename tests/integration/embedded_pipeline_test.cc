// A whole pipeline in one process: broker, two workers, sink, and a producer.
#include "pipeline/embedded_pipeline.h"

#include <gtest/gtest.h>

#include "producers/publisher.h"
#include "sink/queries.h"
#include "tests/support/corpus.h"
#include "tests/support/process.h"

namespace quotewire::pipeline {
namespace {

using quotewire::testing::TempDir;

TEST(EmbeddedPipeline, StoresEveryArticleOnceAndARepublishChangesNothing) {
  TempDir dir;
  const auto db = (dir / "sink.db").string();
  const auto corpus = testing::sample_corpus(300);
  sink::Totals first, second;
  {
    EmbeddedPipeline pipeline({.workers = 2, .db = db});
    producers::Publisher publisher(pipeline.context(),
                                   {.broker = pipeline.broker_endpoint(), .producer_id = "p1"});
    testing::CorpusSource source(corpus);
    ASSERT_TRUE(publisher.run(source, std::stop_token()));
    EXPECT_EQ(publisher.probe().stored, 300u);
    EXPECT_EQ(publisher.probe().duplicates, 0u);
    pipeline.stop();
    first = sink::Queries(db).totals();
  }
  EXPECT_EQ(first.articles, 300);
  EXPECT_GT(first.statements, 0);
  {
    EmbeddedPipeline pipeline({.workers = 1, .db = db});
    producers::Publisher publisher(pipeline.context(),
                                   {.broker = pipeline.broker_endpoint(), .producer_id = "p2"});
    testing::CorpusSource source(corpus);
    ASSERT_TRUE(publisher.run(source, std::stop_token()));
    EXPECT_EQ(publisher.probe().stored, 0u);
    EXPECT_EQ(publisher.probe().duplicates, 300u);
    pipeline.stop();
    second = sink::Queries(db).totals();
  }
  EXPECT_EQ(second.articles, first.articles);
  EXPECT_EQ(second.statements, first.statements);
  EXPECT_EQ(second.actors, first.actors);
}

TEST(EmbeddedPipeline, BadArticlesEndInTheDeadLetterStoreAndTheStreamGoesOn) {
  TempDir dir;
  const auto db = (dir / "sink.db").string();
  auto corpus = testing::sample_corpus(20);
  corpus[3].set_body("");                                  // empty
  corpus[7].set_body("Valid start \xc3\x28 then broken");  // invalid UTF-8
  corpus[12].set_body(std::string(5 << 20, 'a'));          // over the worker's 4 MiB body limit
  EmbeddedPipeline pipeline({.workers = 2, .db = db});
  producers::Publisher publisher(pipeline.context(),
                                 {.broker = pipeline.broker_endpoint(), .producer_id = "p"});
  testing::CorpusSource source(corpus);
  ASSERT_TRUE(publisher.run(source, std::stop_token()));
  EXPECT_EQ(publisher.probe().stored, 17u);
  EXPECT_EQ(publisher.probe().dead_lettered, 3u);
  pipeline.stop();
  sink::Database database(db, sink::Database::Mode::read_only);
  auto rows = database.prepare("SELECT article_id, reason FROM dead_letters ORDER BY article_id");
  // In article id order: corpus-12, corpus-3, corpus-7.
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.text(0), "corpus-12");
  EXPECT_EQ(rows.text(1), "body of 5242880 bytes exceeds the limit of 4194304 bytes");
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.text(0), "corpus-3");
  EXPECT_EQ(rows.text(1), "empty body");
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.text(0), "corpus-7");
  EXPECT_NE(rows.text(1).find("byte 12"), std::string::npos) << rows.text(1);
}

}  // namespace
}  // namespace quotewire::pipeline
