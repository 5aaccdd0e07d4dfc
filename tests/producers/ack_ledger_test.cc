#include "producers/ack_ledger.h"

#include <gtest/gtest.h>

namespace quotewire::producers {
namespace {

TEST(AckLedger, AdvancesOnlyPastTheContiguousAcknowledgedPrefix) {
  AckLedger ledger;
  const auto s = ledger.open({10, 1});
  const auto a = ledger.read(s, {20, 2});
  const auto b = ledger.read(s, {30, 3});
  const auto c = ledger.read(s, {40, 4});
  ledger.acknowledge(c);
  ledger.acknowledge(b);
  EXPECT_EQ(ledger.committed(s), (Position{10, 1}));  // `a` is still in flight
  ledger.acknowledge(a);
  EXPECT_EQ(ledger.committed(s), (Position{40, 4}));
  EXPECT_TRUE(ledger.settled(s));
}

TEST(AckLedger, SkippedInputPassesOnceEverythingBeforeIsAcknowledged) {
  AckLedger ledger;
  const auto s = ledger.open({});
  const auto a = ledger.read(s, {5, 1});
  ledger.skip(s, {9, 2});  // a bad line
  EXPECT_EQ(ledger.committed(s), (Position{0, 0}));
  ledger.acknowledge(a);
  EXPECT_EQ(ledger.committed(s), (Position{9, 2}));
}

TEST(AckLedger, StreamsAreIndependentAndTicketsCountFromZero) {
  AckLedger ledger;
  const auto one = ledger.open({});
  const auto two = ledger.open({100, 0});
  EXPECT_EQ(ledger.read(one, {1, 0}), 0u);
  EXPECT_EQ(ledger.read(two, {101, 0}), 1u);
  EXPECT_EQ(ledger.read(one, {2, 0}), 2u);
  ledger.acknowledge(1);
  EXPECT_EQ(ledger.committed(two), (Position{101, 0}));
  EXPECT_EQ(ledger.committed(one), (Position{0, 0}));
  EXPECT_EQ(ledger.outstanding(), 2u);
}

TEST(AckLedger, AcknowledgementsForAClosedStreamAreIgnored) {
  AckLedger ledger;
  const auto s = ledger.open({});
  const auto t = ledger.read(s, {1, 0});
  ledger.close(s);
  ledger.acknowledge(t);
  ledger.acknowledge(12345);  // never issued
  EXPECT_EQ(ledger.committed(s), std::nullopt);
  EXPECT_EQ(ledger.outstanding(), 0u);
}

}  // namespace
}  // namespace quotewire::producers
