// Following feeds from a news site on 127.0.0.1 written for these tests: RSS, Atom and a news
// sitemap; pages in several charsets; 304s, gzip, redirects, robots.txt, and the faults a real
// site has. Every wait has a deadline.
#include "producers/feed_follower.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "tests/support/news_site.h"
#include "tests/support/process.h"

namespace quotewire::producers {
namespace {

using quotewire::testing::NewsSite;
using quotewire::testing::SitePage;
using quotewire::testing::TempDir;

// Three paragraphs a main-text extractor takes for a story; `who` makes each story's text its own.
std::string story(const std::string& who) {
  return fmt::format(
      "<p>{0} said on Monday that the new cranes would arrive in May, two months later than "
      "planned, because the supplier had changed the design of the gantries.</p>"
      "<p>Dock workers, who had protested against the automation plan, said they would keep "
      "talking with the port, though the union warned that jobs were still at stake.</p>"
      "<p>Shipping lines have already moved some of their calls elsewhere, according to port "
      "figures, and analysts expect the number of containers to fall this year.</p>",
      who);
}

std::string page(const std::string& title, const std::string& body,
                 const std::string& head = "<meta charset=\"utf-8\">") {
  return "<!DOCTYPE html><html lang=\"en\"><head>" + head + "<title>" + title +
         "</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
         "<article><h1>" +
         title + "</h1>" + body +
         "</article><footer><p>Copyright 2025 The Test Ledger. All rights reserved.</p></footer>"
         "</body></html>";
}

struct RssItem {
  std::string guid, link, title, description, full_text;
};

std::string rss(const std::vector<RssItem>& items) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>The Test "
      "Ledger</title><link>http://127.0.0.1/</link>";
  for (const auto& i : items) {
    out += "<item><guid isPermaLink=\"false\">" + i.guid + "</guid><link>" + i.link +
           "</link><title>" + i.title + "</title><description>" + i.description + "</description>";
    if (!i.full_text.empty())
      out += "<content:encoded><![CDATA[" + i.full_text + "]]></content:encoded>";
    out += "</item>";
  }
  return out + "</channel></rss>";
}

SitePage feed(std::string body, std::string etag = "") {
  return {.body = std::move(body), .content_type = "application/rss+xml", .etag = std::move(etag)};
}

FollowerConfig config_for(std::vector<std::string> feeds, std::string state = "") {
  FollowerConfig config;
  config.feeds = std::move(feeds);
  config.state = std::move(state);
  config.fetch.per_host_delay_ms = 0;
  config.fetch.per_host_concurrency = 2;
  config.fetch.timeout_ms = 1500;
  config.retry_base_ms = 50;
  config.max_attempts = 3;
  config.robots.unavailable_ms = 100;
  return config;
}

struct Outcome {
  std::vector<pb::Article> articles;
  std::vector<InputError> errors;
};

// Runs the follower as the publisher does until it is exhausted (or the deadline passes),
// acknowledging each article unless it is one of the first `unacknowledged`.
void drive(FeedFollower& follower, Outcome& run, size_t unacknowledged = 0,
           std::chrono::milliseconds deadline = std::chrono::seconds(30)) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  uint64_t ordinal = 0;
  while (std::chrono::steady_clock::now() < until) {
    if (auto article = follower.next()) {
      if (ordinal >= unacknowledged) follower.acknowledged(ordinal);
      ++ordinal;
      run.articles.push_back(std::move(*article));
      continue;
    }
    if (follower.exhausted()) break;
    follower.sync(false);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_TRUE(follower.exhausted()) << "deadline passed";
  follower.sync(true);
}

Outcome follow(FollowerConfig config, size_t unacknowledged = 0) {
  Outcome run;
  FeedFollower follower(std::move(config), [&](const InputError& e) { run.errors.push_back(e); });
  drive(follower, run, unacknowledged);
  return run;
}

std::map<std::string, pb::Article> by_url(const std::vector<pb::Article>& articles) {
  std::map<std::string, pb::Article> out;
  for (const auto& a : articles) out[a.url()] = a;
  return out;
}

TEST(FeedFollower, PublishesEachItemsPageTextWithItsMetadata) {
  NewsSite site;
  site.put("/robots.txt",
           {.body = "User-agent: *\nDisallow: /private/\n", .content_type = "text/plain"});
  site.put("/news/cranes", {.body = page("Cranes late", story("The harbour authority"),
                                         "<meta charset=\"utf-8\"><meta name=\"author\" "
                                         "content=\"Ana Horvat\"><meta property=\"og:site_name\" "
                                         "content=\"Test Ledger\">"),
                            .gzip = true});
  site.put("/moved", {.status = 301, .headers = {{"Location", "/news/ferry"}}});
  site.put("/news/ferry", {.body = page("Ferry line", story("The ferry operator"))});
  site.put("/feed.xml", feed(rss({{"1", site.url("/news/cranes"), "Cranes (feed)", "Short."},
                                  {"2", site.url("/moved"), "Ferry (feed)", "Short too."}})));
  const Outcome run = follow(config_for({site.url("/feed.xml")}));
  ASSERT_EQ(run.articles.size(), 2u);
  const auto articles = by_url(run.articles);
  const auto& cranes = articles.at(site.url("/news/cranes"));
  EXPECT_EQ(cranes.title(), "Cranes late");  // the page's, not the feed's
  EXPECT_EQ(cranes.byline(), "Ana Horvat");
  EXPECT_EQ(cranes.source(), "Test Ledger");
  EXPECT_EQ(cranes.body().substr(0, 21), "The harbour authority");
  EXPECT_EQ(cranes.body().find("Home"), std::string::npos);
  EXPECT_EQ(cranes.body().find("Copyright"), std::string::npos);
  EXPECT_EQ(cranes.article_id(), cranes.version_of());
  EXPECT_EQ(cranes.version(), 1u);
  const auto& ferry = articles.at(site.url("/news/ferry"));  // known by where it ended up
  EXPECT_EQ(ferry.body().substr(0, 18), "The ferry operator");
  EXPECT_EQ(ferry.source(), "The Test Ledger");  // the page names no site: the feed's title
  EXPECT_EQ(site.requests("/robots.txt"), 1);
  EXPECT_TRUE(run.errors.empty());
}

TEST(FeedFollower, ReadsAtomAndNewsSitemapsAndEveryCharset) {
  NewsSite site;
  // windows-1252 declared in the HTTP header only: curly quotes are 0x93 and 0x94.
  site.put("/cp1252", {.body = page("Cafe",
                                    "<p>\x93We will not sell the caf\xE9,\x94 the owner said "
                                    "on Monday, adding that the building would stay "
                                    "open for as long as the lease allowed it.</p>" +
                                        story("The owner"),
                                    ""),
                       .content_type = "text/html; charset=windows-1252"});
  // ISO-8859-2 declared in a <meta>: Š is 0xA9, ž is 0xBE.
  site.put("/latin2", {.body = page("Zagreb", story("\xA9\xE1rka \xAEi\xBEkov\xE1"),
                                    "<meta http-equiv=\"Content-Type\" content=\"text/html; "
                                    "charset=iso-8859-2\">"),
                       .content_type = "text/html"});
  site.put("/utf8-declared", {.body = page("Declared", story("Saša Janković"))});
  site.put("/utf8-bare",
           {.body = page("Bare", story("Dragan Đilas"), ""), .content_type = "text/html"});
  site.put("/atom.xml",
           {.body = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>"
                    "Atom Ledger</title><entry><id>tag:x,1</id><title>A</title><link href=\"" +
                    site.url("/cp1252") +
                    "\"/><updated>2025-01-01T10:00:00Z</updated></entry>"
                    "<entry><id>tag:x,2</id><title>B</title><link href=\"" +
                    site.url("/latin2") +
                    "\"/><updated>2025-01-01T11:00:00Z</updated></entry>"
                    "</feed>",
            .content_type = "application/atom+xml"});
  site.put("/sitemap.xml",
           {.body = "<?xml version=\"1.0\"?><urlset "
                    "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                    "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
                    "<url><loc>" +
                    site.url("/utf8-declared") +
                    "</loc><news:news>"
                    "<news:publication><news:name>Sitemap Ledger</news:name><news:language>hr"
                    "</news:language></news:publication><news:publication_date>2025-02-03"
                    "</news:publication_date><news:title>Declared</news:title></news:news></url>"
                    "<url><loc>" +
                    site.url("/utf8-bare") +
                    "</loc><news:news><news:publication>"
                    "<news:name>Sitemap Ledger</news:name><news:language>sr</news:language>"
                    "</news:publication><news:publication_date>2025-02-04</news:publication_date>"
                    "<news:title>Bare</news:title></news:news></url>"
                    "<url><loc>" +
                    site.url("/about") + "</loc></url></urlset>",
            .content_type = "application/xml"});
  const Outcome run = follow(config_for({site.url("/atom.xml"), site.url("/sitemap.xml")}));
  ASSERT_EQ(run.articles.size(), 4u);
  const auto articles = by_url(run.articles);
  EXPECT_NE(articles.at(site.url("/cp1252")).body().find("“We will not sell the café,” the owner"),
            std::string::npos);
  EXPECT_TRUE(articles.at(site.url("/latin2")).body().starts_with("Šárka Žižková said"));
  EXPECT_TRUE(articles.at(site.url("/utf8-declared")).body().starts_with("Saša Janković said"));
  EXPECT_TRUE(articles.at(site.url("/utf8-bare")).body().starts_with("Dragan Đilas said"));
  EXPECT_EQ(articles.at(site.url("/utf8-bare")).language(), "en");  // <html lang> beats the sitemap
  EXPECT_GT(articles.at(site.url("/utf8-bare")).published_unix_ms(), 0);
  EXPECT_EQ(site.requests("/about"), 0);  // not a news URL
}

TEST(FeedFollower, OneArticlePerStoryAcrossFeedsAndTheFeedsFullTextWhenLonger) {
  NewsSite site;
  site.put("/news/a", {.body = page("A", story("Ivo Sanader"))});
  site.put("/copy-of-a", {.body = page("A again", story("Ivo Sanader"))});
  site.put("/news/teaser", {.body = page("Teaser",
                                         "<p>Only a teaser of the story, read it in "
                                         "print, where it goes on.</p>")});
  const std::string full = story("Vesna Pusić") +
                           "<p>A fourth paragraph that only the feed "
                           "carries, with more of what was said at the meeting.</p>";
  site.put("/one.xml", feed(rss({{"a1", site.url("/news/a"), "A", "."},
                                 {"t1", site.url("/news/teaser"), "Teaser", ".", full}})));
  // Another feed lists the same story twice: by its URL (with tracking) and at another URL.
  site.put("/two.xml", feed(rss({{"a2", site.url("/news/a?utm_source=rss"), "A", "."},
                                 {"a3", site.url("/copy-of-a"), "A", "."}})));
  const Outcome run = follow(config_for({site.url("/one.xml"), site.url("/two.xml")}));
  ASSERT_EQ(run.articles.size(), 2u);
  const auto articles = by_url(run.articles);
  const auto& teaser = articles.at(site.url("/news/teaser"));
  EXPECT_NE(teaser.body().find("A fourth paragraph"), std::string::npos);
}

TEST(FeedFollower, ARestartNeitherRefetchesNorRepublishes) {
  TempDir dir;
  NewsSite site;
  std::vector<RssItem> items;
  for (int i = 0; i < 6; ++i) {
    const std::string path = fmt::format("/news/{}", i);
    site.put(path, {.body = page(fmt::format("Story {}", i), story(fmt::format("Speaker {}", i)))});
    items.push_back({std::to_string(i), site.url(path), "t", "."});
  }
  site.put("/feed.xml", feed(rss(items), "\"e1\""));
  const auto config = config_for({site.url("/feed.xml")}, (dir / "feeds.state").string());
  // First run: two articles are handed out but never acknowledged (the process dies).
  const Outcome first = follow(config, 2);
  ASSERT_EQ(first.articles.size(), 6u);
  // Second run: the feed is fetched again (its items were not all settled), the two
  // unacknowledged articles come again under the same ids, nothing else does.
  const Outcome second = follow(config);
  ASSERT_EQ(second.articles.size(), 2u);
  std::set<std::string> lost, again;
  for (int i = 0; i < 2; ++i) {
    lost.insert(first.articles[i].article_id());
    again.insert(second.articles[i].article_id());
  }
  EXPECT_EQ(again, lost);
  for (const auto& a : first.articles) {
    const std::string path = a.url().substr(a.url().find("/news/"));
    EXPECT_EQ(site.requests(path), lost.contains(a.article_id()) ? 2 : 1) << path;
  }
  // Third run: a conditional GET, answered 304; nothing fetched, nothing published.
  const int before = site.total_requests();
  const Outcome third = follow(config);
  EXPECT_TRUE(third.articles.empty());
  EXPECT_EQ(site.not_modified(), 1);
  EXPECT_EQ(site.total_requests(), before + 2);  // robots.txt and the feed
}

TEST(FeedFollower, AChangedPageIsTheStorysNextVersion) {
  TempDir dir;
  NewsSite site;
  site.put("/news/a", {.body = page("A", story("Ivo Josipović"))});
  const auto atom = [&](const std::string& updated) {
    return SitePage{.body =
                        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                        "<entry><id>tag:x,1</id><title>A</title><link href=\"" +
                        site.url("/news/a") + "\"/><updated>" + updated +
                        "</updated></entry></feed>",
                    .content_type = "application/atom+xml"};
  };
  site.put("/atom.xml", atom("2025-01-01T10:00:00Z"));
  const auto config = config_for({site.url("/atom.xml")}, (dir / "state").string());
  const Outcome first = follow(config);
  ASSERT_EQ(first.articles.size(), 1u);
  // Updated without a change of text: nothing new.
  site.put("/atom.xml", atom("2025-01-01T11:00:00Z"));
  EXPECT_TRUE(follow(config).articles.empty());
  // A correction: version 2, under an id of its own that names the first.
  site.put("/news/a", {.body = page("A", story("Kolinda Grabar-Kitarović"))});
  site.put("/atom.xml", atom("2025-01-01T12:00:00Z"));
  const Outcome third = follow(config);
  ASSERT_EQ(third.articles.size(), 1u);
  const auto& v2 = third.articles[0];
  EXPECT_EQ(v2.version(), 2u);
  EXPECT_EQ(v2.version_of(), first.articles[0].article_id());
  EXPECT_EQ(v2.article_id(), first.articles[0].article_id() + "~v2");
  EXPECT_TRUE(v2.body().starts_with("Kolinda Grabar-Kitarović said"));
}

TEST(FeedFollower, FaultsAreRetriedCountedAndDeadLetteredNeverFatal) {
  NewsSite site, failing;
  site.put("/robots.txt",
           {.body = "User-agent: quotewire\nDisallow: /private/\n", .content_type = "text/plain"});
  site.put("/big", {.body = page("Big", story("X") + std::string(70000, ' '))});
  site.put("/binary",
           {.body = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(3000, '\0'),
            .content_type = "image/png"});
  site.put("/private/a", {.body = page("Private", story("Y"))});
  site.put("/loop-a", {.status = 302, .headers = {{"Location", "/loop-b"}}});
  site.put("/loop-b", {.status = 302, .headers = {{"Location", "/loop-a"}}});
  site.put("/slow", {.body = page("Slow", story("Z")), .delay_ms = 2500});
  site.put("/tagsoup", {.body = "<html><body><div><p>Ivica Račan said the talks would go on, "
                                "<b>whatever the <i>others decided</b> about the budget and the "
                                "ports</i>, and that he expected an answer by the end of May.<p>"
                                "The opposition said it would vote against the budget in any "
                                "case, because the plan, as it stood, cut too much."});
  failing.put("/robots.txt", {.status = 404});
  failing.put("/news/1", {.status = 500});
  site.put("/feed.xml", feed(rss({{"1", site.url("/big"), "Big", "."},
                                  {"2", site.url("/binary"), "Binary", "."},
                                  {"3", site.url("/private/a"), "Private", "."},
                                  {"4", site.url("/loop-a"), "Loop", "."},
                                  {"5", site.url("/slow"), "Slow", "."},
                                  {"6", site.url("/missing"), "Missing", "."},
                                  {"7", failing.url("/news/1"), "Failing", "."},
                                  {"8", site.url("/tagsoup"), "Tag soup", "."}})));
  site.put("/not-a-feed.xml", {.body = "<html><body>Hello</body></html>"});
  auto config = config_for(
      {site.url("/feed.xml"), site.url("/not-a-feed.xml"), "http://127.0.0.1:1/feed.xml"});
  config.fetch.max_bytes = 64 * 1024;
  config.fetch.timeout_ms = 500;
  Outcome run;
  FeedFollower follower(config, [&](const InputError& e) { run.errors.push_back(e); });
  drive(follower, run);
  std::map<std::string, std::string> dead;  // URL → reason
  std::vector<std::string> published;
  for (const auto& a : run.articles) {
    if (a.dead_letter_reason().empty()) {
      published.push_back(a.url());
    } else {
      dead[a.url()] = a.dead_letter_reason();
    }
  }
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0], site.url("/tagsoup"));
  ASSERT_EQ(dead.size(), 7u);
  EXPECT_TRUE(dead[site.url("/big")].starts_with("too_large ")) << dead[site.url("/big")];
  EXPECT_TRUE(dead[site.url("/binary")].starts_with("not_a_page "));
  EXPECT_TRUE(dead[site.url("/private/a")].starts_with("robots_disallowed "));
  EXPECT_TRUE(dead[site.url("/loop-a")].starts_with("redirect_loop "));
  EXPECT_TRUE(dead[site.url("/slow")].starts_with("timeout "));
  EXPECT_TRUE(dead[site.url("/missing")].starts_with("http_404 "));
  EXPECT_TRUE(dead[failing.url("/news/1")].starts_with("http_500 "));
  EXPECT_EQ(failing.requests("/news/1"), 3);  // retried with backoff, then given up
  EXPECT_EQ(site.requests("/missing"), 1);    // no retry: it will not pass
  EXPECT_EQ(site.requests("/private/a"), 0);
  // The feeds that failed are reported with their reason: the first report's, as retries of
  // the unreachable host may then wait on its robots.txt (robots_unavailable).
  std::map<std::string, std::string> errors;
  for (const auto& e : run.errors) errors.emplace(e.where, e.reason);
  EXPECT_NE(errors[site.url("/not-a-feed.xml")].find("not_a_feed"), std::string::npos);
  EXPECT_NE(errors["http://127.0.0.1:1/feed.xml"].find("connect"), std::string::npos);
  // Counted by reason for /metrics.
  const auto& probe = follower.probe();
  EXPECT_EQ(probe.errors("http_500"), 3u);
  EXPECT_EQ(probe.errors("timeout"), 3u);
  EXPECT_EQ(probe.errors("not_a_feed"), 1u);
  EXPECT_EQ(probe.dead_lettered, 7u);
  metrics::Exposition out;
  follower.export_to(out);
  EXPECT_NE(out.text().find("quotewire_follow_errors_total{reason=\"redirect_loop\"} 1"),
            std::string::npos);
  EXPECT_NE(out.text().find("quotewire_follow_fetch_seconds_count{host=\"127.0.0.1:"),
            std::string::npos);
}

TEST(FeedFollower, NoHostEverSeesMoreThanItsConcurrencyLimit) {
  constexpr int kHosts = 10, kFeeds = 1000;
  std::vector<std::unique_ptr<NewsSite>> hosts;
  for (int h = 0; h < kHosts; ++h) {
    hosts.push_back(std::make_unique<NewsSite>());
    hosts.back()->set_delay(2);
  }
  std::vector<std::string> feeds;
  for (int f = 0; f < kFeeds; ++f) {
    NewsSite& home = *hosts[f % kHosts];
    NewsSite& other = *hosts[(f * 7 + 3) % kHosts];  // the article lives on another host
    const std::string path = fmt::format("/a/{}", f);
    other.put(path, {.body = page("S", story(fmt::format("Speaker {}", f)))});
    home.put(fmt::format("/f/{}.xml", f),
             feed(rss({{std::to_string(f), other.url(path), "t", "."}})));
    feeds.push_back(home.url(fmt::format("/f/{}.xml", f)));
  }
  auto config = config_for(feeds);
  config.fetch.per_host_concurrency = 3;
  const Outcome run = follow(config);
  EXPECT_EQ(run.articles.size(), static_cast<size_t>(kFeeds));
  for (const auto& host : hosts) {
    EXPECT_LE(host->max_concurrent(), 3);
    EXPECT_EQ(host->requests("/robots.txt"), 1);
  }
}

}  // namespace
}  // namespace quotewire::producers
