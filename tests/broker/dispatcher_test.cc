#include "broker/dispatcher.h"

#include <gtest/gtest.h>

#include "transport/envelope.h"

namespace quotewire::broker {
namespace {

pb::Article article(uint64_t sequence, const std::string& producer = "p") {
  pb::Article a;
  a.set_producer_id(producer);
  a.set_sequence(sequence);
  a.set_article_id("art-" + std::to_string(sequence));
  return a;
}

std::string key(uint64_t sequence) {
  return transport::delivery_key("p", sequence);
}

TEST(Dispatcher, HandsOutInLeastRecentlyUsedOrder) {
  Dispatcher d({.queue_limit = 100, .max_attempts = 3});
  d.worker_ready("w1", 10, 0);
  d.worker_ready("w2", 10, 0);
  d.worker_ready("w3", 10, 0);
  for (uint64_t i = 0; i < 6; ++i) d.offer(article(i));
  std::vector<std::string> order;
  while (auto a = d.next()) order.push_back(a->worker_id);
  EXPECT_EQ(order, (std::vector<std::string>{"w1", "w2", "w3", "w1", "w2", "w3"}));
}

TEST(Dispatcher, NeverExceedsAWorkersCredit) {
  Dispatcher d({.queue_limit = 100, .max_attempts = 3});
  d.worker_ready("w1", 2, 0);
  for (uint64_t i = 0; i < 5; ++i) d.offer(article(i));
  ASSERT_TRUE(d.next());
  ASSERT_TRUE(d.next());
  EXPECT_FALSE(d.next());  // credit exhausted
  EXPECT_EQ(d.in_flight(), 2u);
  EXPECT_EQ(d.queued(), 3u);
  EXPECT_TRUE(d.done("w1", key(0)));
  auto third = d.next();  // credit returned by done
  ASSERT_TRUE(third);
  EXPECT_EQ(third->article.sequence(), 2u);
}

TEST(Dispatcher, SkipsBusyWorkersForOnesWithCredit) {
  Dispatcher d({.queue_limit = 100, .max_attempts = 3});
  d.worker_ready("slow", 1, 0);
  d.worker_ready("fast", 5, 0);
  for (uint64_t i = 0; i < 4; ++i) d.offer(article(i));
  std::vector<std::string> order;
  while (auto a = d.next()) order.push_back(a->worker_id);
  EXPECT_EQ(order, (std::vector<std::string>{"slow", "fast", "fast", "fast"}));
}

TEST(Dispatcher, ADeadWorkersArticlesGoFirstToTheNextWorker) {
  Dispatcher d({.queue_limit = 100, .max_attempts = 5});
  d.worker_ready("w1", 2, 0);
  for (uint64_t i = 0; i < 3; ++i) d.offer(article(i));
  d.next();
  d.next();
  d.worker_ready("w2", 10, 500);
  d.worker_seen("w1", 100);
  const auto dead = d.expire(/*deadline_ms=*/400);  // w1 last seen at 100
  EXPECT_EQ(dead, std::vector<std::string>{"w1"});
  EXPECT_EQ(d.workers(), 1u);
  EXPECT_EQ(d.in_flight(), 0u);
  EXPECT_EQ(d.queued(), 3u);
  EXPECT_EQ(d.requeued_total(), 2u);
  std::vector<uint64_t> order;
  while (auto a = d.next()) order.push_back(a->article.sequence());  // all to w2 at once
  EXPECT_EQ(order, (std::vector<uint64_t>{0, 1, 2}));
}

TEST(Dispatcher, ArticlesThatFailedTwiceGoOneAtATimeToAnIdleWorkerBeforeFreshWork) {
  Dispatcher d({.queue_limit = 100, .max_attempts = 5});
  d.worker_ready("w1", 8, 0);
  d.offer(article(0));
  d.offer(article(1));
  d.next();
  d.next();
  d.remove_worker("w1");  // first failure: both go first, together
  d.worker_ready("w2", 8, 0);
  d.next();
  d.next();
  d.remove_worker("w2");  // second failure: both are suspects now
  d.offer(article(2));
  d.worker_ready("w3", 8, 0);
  std::vector<uint64_t> order;
  for (int round = 0; round < 3; ++round) {
    auto a = d.next();
    ASSERT_TRUE(a) << round;
    order.push_back(a->article.sequence());
    // w3 holds a suspect: nothing else until it is done, fresh work included.
    if (round < 2) {
      EXPECT_FALSE(d.next()) << round;
    }
    d.done("w3", key(a->article.sequence()));
  }
  EXPECT_EQ(order, (std::vector<uint64_t>{0, 1, 2}));
}

TEST(Dispatcher, AnInnocentArticleIsCaughtAtMostTwiceWithAPoisonOne) {
  Dispatcher d({.queue_limit = 100, .max_attempts = 5});
  d.offer(article(1));                       // the poison
  d.offer(article(2));                       // innocent, held beside it
  for (const char* worker : {"w1", "w2"}) {  // two workers die with both
    d.worker_ready(worker, 8, 0);
    d.next();
    d.next();
    d.remove_worker(worker);
  }
  d.worker_ready("w3", 8, 0);
  auto poison = d.next();
  ASSERT_TRUE(poison);
  EXPECT_EQ(poison->article.sequence(), 1u);
  EXPECT_FALSE(d.next());  // the innocent one waits: it will not share w3's fate
  d.remove_worker("w3");   // the poison crashes w3 too
  d.worker_ready("w4", 8, 0);
  auto next = d.next();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->article.sequence(), 2u);
  EXPECT_EQ(next->article.attempt(), 3u);  // two failed deliveries, not three
  EXPECT_TRUE(next->article.dead_letter_reason().empty());
}

TEST(Dispatcher, CountsAttemptsAndMarksForTheDeadLetterStoreAfterTheLimit) {
  Dispatcher d({.queue_limit = 100, .max_attempts = 2});
  d.offer(article(7));
  d.worker_ready("w1", 1, 0);
  auto first = d.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->article.attempt(), 1u);
  EXPECT_TRUE(first->article.dead_letter_reason().empty());
  d.remove_worker("w1");
  d.worker_ready("w2", 1, 0);
  auto second = d.next();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->article.attempt(), 2u);
  EXPECT_TRUE(second->article.dead_letter_reason().empty());
  d.remove_worker("w2");  // two deliveries failed: the limit
  d.worker_ready("w3", 1, 0);
  auto third = d.next();
  ASSERT_TRUE(third);
  EXPECT_NE(third->article.dead_letter_reason().find("delivered 2 times"), std::string::npos);
}

TEST(Dispatcher, AResentArticleIsNotQueuedTwice) {
  Dispatcher d({.queue_limit = 100, .max_attempts = 3});
  EXPECT_EQ(d.offer(article(1)), Dispatcher::Offer::queued);
  EXPECT_EQ(d.offer(article(1)), Dispatcher::Offer::duplicate);  // still queued
  d.worker_ready("w1", 1, 0);
  d.next();
  EXPECT_EQ(d.offer(article(1)), Dispatcher::Offer::duplicate);  // held by w1
  d.done("w1", key(1));
  EXPECT_EQ(d.offer(article(1)), Dispatcher::Offer::queued);  // finished: a new delivery
}

TEST(Dispatcher, RefusesWhenFull) {
  Dispatcher d({.queue_limit = 2, .max_attempts = 3});
  EXPECT_EQ(d.offer(article(1)), Dispatcher::Offer::queued);
  EXPECT_EQ(d.offer(article(2)), Dispatcher::Offer::queued);
  EXPECT_TRUE(d.full());
  EXPECT_EQ(d.offer(article(3)), Dispatcher::Offer::full);
  EXPECT_EQ(d.queued(), 2u);
}

TEST(Dispatcher, ALateDoneFromADeadWorkerRemovesTheRequeuedCopy) {
  Dispatcher d({.queue_limit = 100, .max_attempts = 3});
  d.worker_ready("w1", 1, 0);
  d.offer(article(1));
  d.next();
  d.expire(10);  // w1 silent: its article is queued again
  EXPECT_EQ(d.queued(), 1u);
  // w1 was only paused: its result reached the sink after all.
  EXPECT_FALSE(d.done("w1", key(1)));
  EXPECT_EQ(d.queued(), 0u);  // not extracted a second time
}

TEST(Dispatcher, AWorkerCanReannounceItselfWithoutLosingItsArticles) {
  Dispatcher d({.queue_limit = 100, .max_attempts = 3});
  d.worker_ready("w1", 1, 0);
  d.offer(article(1));
  d.next();
  d.worker_ready("w1", 3, 100);
  EXPECT_EQ(d.in_flight(), 1u);
  EXPECT_TRUE(d.done("w1", key(1)));
}

TEST(Dispatcher, AWorkerInANewSessionHandsBackWhatItHeld) {
  Dispatcher d({.queue_limit = 100, .max_attempts = 3});
  d.worker_ready("w1", 2, 0, 7);
  d.offer(article(1));
  d.offer(article(2));
  d.next();
  d.next();
  EXPECT_EQ(d.worker_ready("w1", 2, 50, 7), 0u);  // its heartbeat, same connection
  EXPECT_EQ(d.in_flight(), 2u);
  // It reconnected: what was sent on the old connection may be lost, so it goes out again.
  EXPECT_EQ(d.worker_ready("w1", 2, 100, 8), 2u);
  EXPECT_EQ(d.in_flight(), 0u);
  EXPECT_EQ(d.queued(), 2u);
  auto again = d.next();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->worker_id, "w1");
  EXPECT_EQ(again->article.sequence(), 1u);
  EXPECT_EQ(again->article.attempt(), 2u);
}

}  // namespace
}  // namespace quotewire::broker
