#include "metrics/exposition.h"

#include <gtest/gtest.h>

#include "tests/support/prometheus.h"

namespace quotewire::metrics {
namespace {

TEST(Exposition, WritesFamiliesOnceAndValidText) {
  Exposition out;
  out.counter("quotewire_x_total", "X things", 3, {{"worker", "w\"1"}});
  out.counter("quotewire_x_total", "X things", 4, {{"worker", "w2"}});
  out.gauge("quotewire_depth", "Depth", 7);
  Histogram h({0.1, 1, 10});
  for (double v : {0.05, 0.5, 0.5, 5.0, 50.0}) h.observe(v);
  out.histogram("quotewire_latency_seconds", "Latency", h);
  const std::string& text = out.text();
  EXPECT_EQ(testing::prometheus_errors(text), std::vector<std::string>{}) << text;
  EXPECT_NE(text.find("quotewire_x_total{worker=\"w\\\"1\"} 3\n"), std::string::npos) << text;
  auto samples = testing::prometheus_samples(text);
  EXPECT_EQ(samples["quotewire_latency_seconds_bucket{le=\"1\"}"], 3);
  EXPECT_EQ(samples["quotewire_latency_seconds_bucket{le=\"+Inf\"}"], 5);
  EXPECT_EQ(samples["quotewire_latency_seconds_count"], 5);
  EXPECT_DOUBLE_EQ(samples["quotewire_latency_seconds_sum"], 56.05);
  EXPECT_EQ(testing::metric_sum(samples, "quotewire_x_total"), 7);
}

TEST(Exposition, TheValidatorCatchesBrokenText) {
  EXPECT_FALSE(testing::prometheus_errors("x_total 1\n").empty());  // no TYPE
  EXPECT_FALSE(testing::prometheus_errors("# TYPE 9bad counter\n9bad 1\n").empty());
  EXPECT_FALSE(testing::prometheus_errors("# TYPE a counter\na 1\n# TYPE a counter\n").empty());
  EXPECT_FALSE(testing::prometheus_errors("# TYPE a counter\na -1\n").empty());
  EXPECT_FALSE(testing::prometheus_errors("# TYPE a gauge\na{x=\"1\" 2\n").empty());
  EXPECT_FALSE(testing::prometheus_errors("# TYPE h histogram\nh_bucket{le=\"1\"} 5\n"
                                          "h_bucket{le=\"+Inf\"} 4\nh_count 4\nh_sum 1\n")
                   .empty());
}

TEST(Histogram, QuantilesInterpolateInsideBuckets) {
  Histogram h({1, 2, 4});
  for (int i = 0; i < 50; ++i) h.observe(0.5);
  for (int i = 0; i < 50; ++i) h.observe(3);
  auto s = h.snapshot();
  EXPECT_DOUBLE_EQ(s.quantile(0.5), 1.0);
  EXPECT_NEAR(s.quantile(0.99), 3.96, 1e-9);
  EXPECT_EQ(Histogram({1}).snapshot().quantile(0.5), 0);
}

}  // namespace
}  // namespace quotewire::metrics
