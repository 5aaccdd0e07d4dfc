#include "transport/retry_window.h"

#include <gtest/gtest.h>

namespace quotewire::transport {
namespace {

struct Sent {
  std::vector<std::string> frames;
  std::function<void(const std::string&)> sender() {
    return [this](const std::string& f) { frames.push_back(f); };
  }
};

TEST(RetryWindow, NothingIsResentBeforeItsTimeout) {
  RetryWindow window({.capacity = 10, .timeout_ms = 100, .max_timeout_ms = 1000});
  window.add("k1", "frame-1", 0);
  Sent sent;
  EXPECT_EQ(window.resend_due(99, sent.sender()), 0u);
  EXPECT_EQ(window.resend_due(100, sent.sender()), 1u);
  EXPECT_EQ(sent.frames, std::vector<std::string>{"frame-1"});
}

TEST(RetryWindow, AcknowledgedFramesAreNeverResent) {
  RetryWindow window({.capacity = 10, .timeout_ms = 100, .max_timeout_ms = 1000});
  window.add("k1", "frame-1", 0);
  window.add("k2", "frame-2", 0);
  EXPECT_TRUE(window.ack("k1"));
  EXPECT_FALSE(window.ack("k1"));  // a second ack for a re-sent copy is ignored
  Sent sent;
  window.resend_due(1000, sent.sender());
  EXPECT_EQ(sent.frames, std::vector<std::string>{"frame-2"});
}

TEST(RetryWindow, TimeoutDoublesUpToTheCeiling) {
  RetryWindow window({.capacity = 10, .timeout_ms = 100, .max_timeout_ms = 300});
  window.add("k", "f", 0);
  Sent sent;
  window.resend_due(100, sent.sender());  // next after 200
  EXPECT_EQ(window.resend_due(299, sent.sender()), 0u);
  EXPECT_EQ(window.resend_due(300, sent.sender()), 1u);  // next after min(400, 300)
  EXPECT_EQ(window.resend_due(599, sent.sender()), 0u);
  EXPECT_EQ(window.resend_due(600, sent.sender()), 1u);
  EXPECT_EQ(sent.frames.size(), 3u);
}

TEST(RetryWindow, IsBoundedAndRefusesDuplicateKeys) {
  RetryWindow window({.capacity = 2, .timeout_ms = 100, .max_timeout_ms = 100});
  EXPECT_TRUE(window.add("a", "1", 0));
  EXPECT_FALSE(window.add("a", "1 again", 0));
  EXPECT_FALSE(window.full());
  EXPECT_TRUE(window.add("b", "2", 0));
  EXPECT_TRUE(window.full());
  window.ack("a");
  EXPECT_FALSE(window.full());
}

TEST(RetryWindow, ReportsTimeUntilTheEarliestDeadline) {
  RetryWindow window({.capacity = 10, .timeout_ms = 100, .max_timeout_ms = 100});
  EXPECT_EQ(window.ms_until_due(0), -1);
  window.add("a", "1", 0);
  window.add("b", "2", 50);
  EXPECT_EQ(window.ms_until_due(30), 70);
  EXPECT_EQ(window.ms_until_due(500), 0);
}

}  // namespace
}  // namespace quotewire::transport
