// The bench's ceiling: the most a pipeline can carry on N cores given each role's CPU per
// article, and which constraint sets it.
#include <gtest/gtest.h>

#include "bench/pipeline_bench.h"

namespace quotewire::bench {
namespace {

TEST(Ceiling, AllCoresBusyBoundsItWhenNoSingleRoleDoes) {
  // 200 µs per article in all on 2 cores: 10,000/s; one worker alone could do 16,667/s.
  const auto c = ceiling({{"workers", 60}, {"sink", 90}, {"broker", 30}, {"producer", 20}}, 1, 2);
  EXPECT_EQ(c.bound_by, "cores");
  EXPECT_NEAR(c.per_second, 10000, 1);
}

TEST(Ceiling, ASingleThreadedRoleBoundsItWhateverTheWorkers) {
  // The sink's 125 µs allow 8,000/s even on 16 cores and with 8 workers.
  const auto c = ceiling({{"workers", 60}, {"sink", 125}, {"broker", 10}}, 8, 16);
  EXPECT_EQ(c.bound_by, "sink");
  EXPECT_NEAR(c.per_second, 8000, 1);
}

TEST(Ceiling, TheWorkersBoundItWhenTheyAreTooFew) {
  const std::map<std::string, double> cpu{{"workers", 100}, {"sink", 20}, {"broker", 5}};
  const auto one = ceiling(cpu, 1, 8);
  EXPECT_EQ(one.bound_by, "workers");
  EXPECT_NEAR(one.per_second, 10000, 1);
  const auto four = ceiling(cpu, 4, 8);
  EXPECT_EQ(four.bound_by, "workers");
  EXPECT_NEAR(four.per_second, 40000, 1);
  // Threads that serve no single role (ZeroMQ's I/O) count only against the cores.
  EXPECT_EQ(ceiling({{"workers", 10}, {"zeromq io", 1000}}, 1, 1).bound_by, "cores");
}

}  // namespace
}  // namespace quotewire::bench
