// Logistic regression over hashed features: it learns, and the same examples give the same model.
#include "train/logistic.h"

#include <gtest/gtest.h>

namespace quotewire::train {
namespace {

std::vector<Example> toy_examples() {
  // Positive when the word is "said", whatever the noise feature.
  std::vector<Example> out;
  for (int i = 0; i < 400; ++i) {
    extract::Features f;
    const bool positive = i % 3 == 0;
    f.add(1, positive ? "said" : (i % 2 ? "table" : "river"));
    f.add(2, static_cast<uint64_t>(i % 7));
    out.push_back({f.hashes(), positive});
  }
  return out;
}

TEST(Logistic, LearnsASeparableFeature) {
  const auto model = train_logistic(toy_examples(), {.bits = 12});
  extract::Features said, table;
  said.add(1, "said");
  table.add(1, "table");
  EXPECT_GT(model.score(said), 1.0f);
  EXPECT_LT(model.score(table), -1.0f);
}

TEST(Logistic, IsDeterministic) {
  const auto a = train_logistic(toy_examples(), {.bits = 12, .seed = 5});
  const auto b = train_logistic(toy_examples(), {.bits = 12, .seed = 5});
  EXPECT_EQ(extract::serialize_models({{"m", a}}), extract::serialize_models({{"m", b}}));
}

}  // namespace
}  // namespace quotewire::train
