#include "producers/robots.h"

#include <gtest/gtest.h>

namespace quotewire::producers {
namespace {

constexpr const char* kRobots = R"(# comments are ignored
User-agent: *
Disallow: /private/
Allow: /private/press/
Disallow: /*.pdf$
Crawl-delay: 2

User-agent: OtherBot
Disallow: /
)";

TEST(Robots, TheLongestMatchDecidesAndAllowWinsTies) {
  const auto rules = RobotsRules::parse(kRobots, "quotewire");
  EXPECT_TRUE(rules.allowed("/news/1"));
  EXPECT_FALSE(rules.allowed("/private/x"));
  EXPECT_TRUE(rules.allowed("/private/press/release"));
  EXPECT_FALSE(rules.allowed("/files/report.pdf"));
  EXPECT_TRUE(rules.allowed("/files/report.pdf?page=2"));
  EXPECT_TRUE(rules.allowed("/robots.txt"));
  EXPECT_EQ(rules.crawl_delay_ms(), 2000);
  const auto both = RobotsRules::parse("User-agent: *\nDisallow: /a\nAllow: /a\n", "quotewire");
  EXPECT_TRUE(both.allowed("/a"));
}

TEST(Robots, OurGroupReplacesTheGeneralOne) {
  const std::string text =
      std::string(kRobots) + "\nUser-agent: QuoteWire/2.0\nUser-agent: x\n" + "Disallow: /news/\n";
  const auto rules = RobotsRules::parse(text, "quotewire");
  EXPECT_FALSE(rules.allowed("/news/1"));
  EXPECT_TRUE(rules.allowed("/private/x"));  // only our group's rules apply
  EXPECT_FALSE(RobotsRules::parse(kRobots, "otherbot").allowed("/news/1"));
}

TEST(Robots, MissingFilesAllowAndUnreachableOnesForbidUntilTriedAgain) {
  RobotsCache cache("quotewire", {.ttl_ms = 1000, .unavailable_ms = 100});
  const std::string host = "example.org:80";
  const std::string url = "http://example.org/news/1";
  EXPECT_EQ(cache.check(host, url, 0), RobotsCache::Verdict::unknown);
  cache.store(host, 404, "", 0);
  EXPECT_EQ(cache.check(host, url, 10), RobotsCache::Verdict::allowed);
  EXPECT_EQ(cache.check(host, url, 1000), RobotsCache::Verdict::unknown);  // expired
  cache.store(host, 503, "", 1000);
  EXPECT_EQ(cache.check(host, url, 1010), RobotsCache::Verdict::disallowed);
  EXPECT_TRUE(cache.unavailable(host));
  EXPECT_EQ(cache.check(host, url, 1100), RobotsCache::Verdict::unknown);
  EXPECT_EQ(cache.store(host, 200, kRobots, 1100), 2000);
  EXPECT_EQ(cache.check(host, "http://example.org/private/1", 1110),
            RobotsCache::Verdict::disallowed);
  EXPECT_FALSE(cache.unavailable(host));
}

TEST(Robots, PathsAndTokens) {
  EXPECT_EQ(path_of("https://example.org"), "/");
  EXPECT_EQ(path_of("https://example.org?x=1"), "/?x=1");
  EXPECT_EQ(path_of("https://example.org/a/b?x=1#top"), "/a/b?x=1");
  EXPECT_EQ(product_token("QuoteWire/0.1 (+https://x)"), "quotewire");
  EXPECT_EQ(RobotsCache::robots_url("https://example.org:8443/a/b?c"),
            "https://example.org:8443/robots.txt");
}

}  // namespace
}  // namespace quotewire::producers
