// `quotewire bench --corpus`: real articles read as `publish` reads them, cycled to the run's size
// with ids of their own.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "bench/corpus.h"

namespace quotewire::bench {
namespace {

constexpr const char* kSamples = QUOTEWIRE_SOURCE_DIR "/samples";

TEST(Corpus, ARealCorpusIsCycledWithAnIdForEveryCopy) {
  size_t distinct = 0;
  const auto one_round = load_corpus(kSamples, 1, distinct);
  ASSERT_EQ(one_round.size(), 1u);
  const auto all = load_corpus(kSamples, 100, distinct);
  ASSERT_GT(distinct, 3u);  // text files and a JSON Lines file's articles
  ASSERT_EQ(all.size(), 100u);
  std::set<std::string> ids, bodies;
  for (const auto& a : all) {
    EXPECT_FALSE(a.body().empty());
    ids.insert(a.article_id());
    bodies.insert(a.body());
  }
  EXPECT_EQ(ids.size(), 100u);  // the sink stores every copy
  EXPECT_EQ(bodies.size(), distinct);
  EXPECT_EQ(all[distinct].body(), all[0].body());
  EXPECT_NE(all[distinct].url(), all[0].url());
}

TEST(Corpus, NothingToReadIsAClearError) {
  size_t distinct = 0;
  try {
    load_corpus("/nonexistent/quotewire-corpus", 10, distinct);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/quotewire-corpus"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace quotewire::bench
