// Following feeds from a news site on 127.0.0.1 into the whole pipeline, across a restart that
// cut the first run short: every article is stored once and every statement once, the same as
// one uninterrupted run gives, and a third run fetches and publishes nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <stop_token>
#include <thread>

#include "pipeline/embedded_pipeline.h"
#include "producers/feed_follower.h"
#include "producers/publisher.h"
#include "sink/database.h"
#include "sink/queries.h"
#include "tests/support/corpus.h"
#include "tests/support/news_site.h"
#include "tests/support/process.h"
#include "tests/support/prometheus.h"

namespace quotewire::pipeline {
namespace {

using quotewire::testing::NewsSite;
using quotewire::testing::TempDir;

constexpr int kPages = 30;
constexpr int kHeld = 3;  // the last pages: held by the site until the test releases them

// The samples' bodies as pages, each made its own by a last sentence, in two feeds that share
// a third of their items. The last kHeld pages are held, so a run cut short cannot have
// published everything.
void serve(NewsSite& site) {
  const auto corpus = testing::sample_corpus(kPages);
  std::string one = "<rss version=\"2.0\"><channel><title>One</title>";
  std::string two = "<rss version=\"2.0\"><channel><title>Two</title>";
  for (int i = 0; i < kPages; ++i) {
    std::string paragraphs;
    std::string_view body = corpus[i].body();
    for (size_t start = 0; start < body.size();) {
      size_t end = body.find("\n\n", start);
      if (end == std::string_view::npos) end = body.size();
      if (end > start) paragraphs += "<p>" + std::string(body.substr(start, end - start)) + "</p>";
      start = end + 2;
    }
    paragraphs += fmt::format("<p>This is the end of story number {}, as filed.</p>", i);
    const std::string path = fmt::format("/news/{}", i);
    site.put(path,
             {.body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                      corpus[i].title() +
                      "</title></head><body><nav><a href=\"/\">Home</a>"
                      "</nav><article>" +
                      paragraphs + "</article></body></html>",
              .held = i >= kPages - kHeld});
    const std::string item = fmt::format(
        "<item><guid>{}</guid><link>{}</link><title>t</title></item>", i, site.url(path));
    if (i % 3 != 0) one += item;
    if (i % 3 != 1) two += item;
  }
  site.put("/one.xml", {.body = one + "</channel></rss>", .content_type = "application/rss+xml"});
  site.put("/two.xml", {.body = two + "</channel></rss>", .content_type = "application/rss+xml"});
}

producers::FollowerConfig follower_config(const NewsSite& site, std::string state) {
  producers::FollowerConfig config;
  config.feeds = {site.url("/one.xml"), site.url("/two.xml")};
  config.state = std::move(state);
  config.fetch.per_host_delay_ms = 0;
  return config;
}

// Follows the feeds into a pipeline on `db` until every article is acknowledged, or, when
// `stop_after` is given, stops (with no grace for outstanding acknowledgements) as soon as that
// many are stored, after reading the pipeline's /metrics. Returns the publisher's figures.
struct Figures {
  uint64_t stored, duplicates, dead_lettered;
  bool complete;
  // With `stop_after`: the pipeline's /metrics, its /api/stats and `quotewire top`'s screen.
  std::string metrics_at_stop, stats_at_stop, top_at_stop;
};
Figures follow(const NewsSite& site, const std::string& db, const std::string& state,
               uint64_t stop_after = 0) {
  EmbeddedPipeline pipeline({.workers = 1, .db = db, .http = metrics::HttpSettings{}});
  producers::Publisher publisher(
      pipeline.context(),
      {.broker = pipeline.broker_endpoint(), .producer_id = "follow", .stop_grace_ms = 0});
  const auto shown = pipeline.show_producer(publisher);
  producers::FeedFollower follower(
      follower_config(site, state),
      [](const producers::InputError& e) { ADD_FAILURE() << e.where << ": " << e.reason; });
  std::stop_source stop;
  std::string metrics_at_stop, stats_at_stop, top_at_stop;
  // Stops the run at `stop_after`, or at the deadline (the run is then not complete).
  std::jthread watchdog([&](std::stop_token done) {
    const bool reached = testing::wait_until(
        [&] {
          return done.stop_requested() ||
                 (stop_after > 0 && publisher.probe().stored >= stop_after);
        },
        std::chrono::seconds(60));
    if (reached && stop_after > 0) {
      httplib::Client client(pipeline.http_url());
      if (const auto response = client.Get("/metrics")) metrics_at_stop = response->body;
      if (const auto response = client.Get("/api/stats")) stats_at_stop = response->body;
      testing::run_quotewire({"top", "-n", "1", "--sink-http", pipeline.http_url()}, &top_at_stop);
    }
    stop.request_stop();
  });
  const bool complete = publisher.run(follower, stop.get_token());
  watchdog.request_stop();
  pipeline.stop();
  const auto& p = publisher.probe();
  return {p.stored,        p.duplicates,  p.dead_lettered, complete,
          metrics_at_stop, stats_at_stop, top_at_stop};
}

TEST(FollowPipeline, ARestartStoresEveryArticleAndStatementOnce) {
  TempDir dir;
  NewsSite site;
  serve(site);
  const std::string db = (dir / "cut.db").string(), state = (dir / "cut.state").string();

  // Cut short after a few articles, while the held pages are still being fetched.
  const auto cut = follow(site, db, state, 5);
  EXPECT_FALSE(cut.complete);
  EXPECT_GE(cut.stored, 5u);
  EXPECT_LE(cut.stored, static_cast<uint64_t>(kPages - kHeld));
  // The follower's figures were in the pipeline's /metrics while it ran.
  EXPECT_EQ(testing::prometheus_errors(cut.metrics_at_stop), std::vector<std::string>{});
  auto m = testing::prometheus_samples(cut.metrics_at_stop);
  EXPECT_EQ(m["quotewire_follow_feeds"], 2);
  EXPECT_EQ(m["quotewire_follow_feeds_polled_total{outcome=\"fetched\"}"], 2);
  EXPECT_EQ(m["quotewire_follow_robots_fetched_total"], 1);
  EXPECT_GE(m["quotewire_follow_pages_fetched_total"], 5);
  EXPECT_GE(m["quotewire_follow_items_total{outcome=\"published\"}"], 5);
  EXPECT_GE(m["quotewire_producer_acknowledged_total{status=\"stored\"}"], 5);
  // And in the dashboard's stats and `quotewire top`: the follower's polls, pages and hosts.
  const auto stats = nlohmann::json::parse(cut.stats_at_stop, nullptr, false);
  ASSERT_TRUE(stats.is_object()) << cut.stats_at_stop;
  ASSERT_EQ(stats["producers"].size(), 1u) << stats.dump();
  const auto& producer = stats["producers"][0];
  EXPECT_EQ(producer["id"], "follow");
  EXPECT_GE(producer["stored"].get<int>(), 5);
  const auto& feeds = producer["feeds"];
  EXPECT_EQ(feeds["feeds"], 2);
  EXPECT_EQ(feeds["polled"]["fetched"], 2);
  EXPECT_GE(feeds["pages_fetched"].get<int>(), 5);
  EXPECT_GE(feeds["items"]["published"].get<int>(), 5);
  const std::string host = fmt::format("127.0.0.1:{}", site.port());
  ASSERT_EQ(feeds["slowest_hosts"].size(), 1u);  // the one site
  EXPECT_EQ(feeds["slowest_hosts"][0]["host"], host);
  EXPECT_GE(feeds["slowest_hosts"][0]["fetches"].get<int>(), 8);  // robots, 2 feeds, 5 pages
  EXPECT_NE(cut.top_at_stop.find("producer  follow"), std::string::npos) << cut.top_at_stop;
  EXPECT_NE(cut.top_at_stop.find("feeds     2 followed   polls 2 new"), std::string::npos)
      << cut.top_at_stop;
  EXPECT_NE(cut.top_at_stop.find("slowest   " + host), std::string::npos) << cut.top_at_stop;

  // Resumed: what the sink acknowledged is not published again; everything else is, and the sink
  // stores once what it had stored without the acknowledgement reaching the publisher.
  site.release();
  const auto resumed = follow(site, db, state);
  ASSERT_TRUE(resumed.complete);
  EXPECT_EQ(resumed.stored + resumed.duplicates, kPages - cut.stored);
  EXPECT_EQ(cut.dead_lettered + resumed.dead_lettered, 0u);
  const auto totals = sink::Queries(db).totals();
  EXPECT_EQ(totals.articles, kPages);
  EXPECT_EQ(totals.dead_letters, 0);

  // Once more: nothing new is fetched or published.
  const int before = site.total_requests();
  const auto again = follow(site, db, state);
  EXPECT_TRUE(again.complete);
  EXPECT_EQ(again.stored + again.duplicates, 0u);
  EXPECT_EQ(site.total_requests(), before + 3);  // robots.txt and the feeds, items all known

  // One uninterrupted run stores the same statements and actors.
  const auto once = follow(site, (dir / "once.db").string(), (dir / "once.state").string());
  ASSERT_TRUE(once.complete);
  EXPECT_EQ(once.stored, static_cast<uint64_t>(kPages));
  const auto reference = sink::Queries((dir / "once.db").string()).totals();
  ASSERT_GT(reference.statements, 0);
  EXPECT_EQ(totals.statements, reference.statements);
  EXPECT_EQ(totals.attributed, reference.attributed);
  EXPECT_EQ(totals.actors, reference.actors);
}

// A page corrected after it was stored comes back as its story's next version (its feed item
// says it changed), and the sink keeps the corrected statements in place of the first ones.
TEST(FollowPipeline, ACorrectedPageReplacesItsStatementsInTheSink) {
  TempDir dir;
  NewsSite site;
  auto publish = [&](const std::string& title, const std::string& statement) {
    site.put("/news/1", {.body = "<html><head><title>" + title +
                                 "</title></head><body><article><p>The port of Rijeka reopened "
                                 "on Monday after a week-long strike.</p><p>" +
                                 statement + "</p></article></body></html>"});
    site.put("/one.xml", {.body = "<rss version=\"2.0\"><channel><title>One</title><item><guid>1"
                                  "</guid><link>" +
                                  site.url("/news/1") + "</link><title>" + title +
                                  "</title></item></channel></rss>",
                          .content_type = "application/rss+xml"});
    site.put("/two.xml",
             {.body = "<rss version=\"2.0\"><channel><title>Two</title></channel></rss>",
              .content_type = "application/rss+xml"});
  };
  const std::string db = (dir / "sink.db").string(), state = (dir / "state").string();
  publish(
      "Port reopens",
      "\u201cWe will not strike again this year,\u201d said Zoran Peri\u0107, head of the union.");
  ASSERT_TRUE(follow(site, db, state).complete);
  publish(
      "Port reopens (corrected)",
      "\u201cWe may strike again in May,\u201d said Ivana Horvat, the port authority's director.");
  const auto corrected = follow(site, db, state);
  ASSERT_TRUE(corrected.complete);
  EXPECT_EQ(corrected.stored, 1u);

  sink::Database read(db, sink::Database::Mode::read_only);
  auto speakers = read.prepare("SELECT group_concat(speaker) FROM statements");
  ASSERT_TRUE(speakers.step());
  EXPECT_EQ(speakers.text(0), "Ivana Horvat");
  auto actors = read.prepare("SELECT group_concat(actor_id) FROM actors");
  ASSERT_TRUE(actors.step());
  EXPECT_EQ(actors.text(0), "ivana-horvat");
}

}  // namespace
}  // namespace quotewire::pipeline
