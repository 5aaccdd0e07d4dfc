#include "producers/http_fetcher.h"

#include <gtest/gtest.h>

#include <chrono>

#include "tests/support/news_site.h"

namespace quotewire::producers {
namespace {

using quotewire::testing::NewsSite;
using quotewire::testing::SitePage;

// Every result for `count` requests, or what came before the deadline.
std::vector<FetchResult> collect(HttpFetcher& fetcher, size_t count,
                                 std::chrono::milliseconds deadline = std::chrono::seconds(20)) {
  std::vector<FetchResult> out;
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (out.size() < count && std::chrono::steady_clock::now() < until) {
    fetcher.wait(50);
    for (auto& r : fetcher.take()) out.push_back(std::move(r));
  }
  return out;
}

FetchResult fetch_one(HttpFetcher& fetcher, FetchRequest request) {
  fetcher.submit(std::move(request));
  auto results = collect(fetcher, 1);
  EXPECT_EQ(results.size(), 1u);
  return results.empty() ? FetchResult{} : std::move(results.front());
}

FetchSettings quick() {
  return {.per_host_concurrency = 4, .per_host_delay_ms = 0, .timeout_ms = 3000};
}

TEST(HttpFetcher, AnswersAConditionalGetWithNotModified) {
  NewsSite site;
  site.put("/feed.xml",
           {.body = "<rss/>", .content_type = "application/rss+xml", .etag = "\"v1\""});
  HttpFetcher fetcher(quick());
  const auto first = fetch_one(fetcher, {.url = site.url("/feed.xml"), .tag = 7});
  EXPECT_TRUE(first.ok());
  EXPECT_EQ(first.tag, 7u);
  EXPECT_EQ(first.body, "<rss/>");
  EXPECT_EQ(first.etag, "\"v1\"");
  EXPECT_EQ(first.content_type, "application/rss+xml");
  const auto second = fetch_one(fetcher, {.url = site.url("/feed.xml"), .etag = first.etag});
  EXPECT_EQ(second.status, FetchStatus::not_modified);
  EXPECT_EQ(site.not_modified(), 1);
}

TEST(HttpFetcher, DecodesGzipAndFollowsRedirects) {
  NewsSite site;
  const std::string text(20000, 'x');
  site.put("/page", {.body = text, .gzip = true});
  site.put("/old", {.status = 301, .headers = {{"Location", "/page"}}});
  HttpFetcher fetcher(quick());
  const auto result = fetch_one(fetcher, {.url = site.url("/old")});
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.body, text);
  EXPECT_EQ(result.final_url, site.url("/page"));
  EXPECT_LT(result.received, 20000);  // compressed on the wire
}

TEST(HttpFetcher, NamesRedirectLoopsTimeoutsServerErrorsAndOversizedResponses) {
  NewsSite site;
  site.put("/a", {.status = 302, .headers = {{"Location", "/b"}}});
  site.put("/b", {.status = 302, .headers = {{"Location", "/a"}}});
  site.put("/slow", {.body = "late", .delay_ms = 1500});
  site.put("/broken", {.status = 503, .headers = {{"Retry-After", "7"}}});
  site.put("/big", {.body = std::string(5000, 'y')});
  auto settings = quick();
  settings.timeout_ms = 500;
  settings.max_bytes = 4096;
  HttpFetcher fetcher(settings);
  const auto loop = fetch_one(fetcher, {.url = site.url("/a")});
  EXPECT_EQ(loop.status, FetchStatus::redirect_loop);
  EXPECT_EQ(loop.reason(), "redirect_loop");
  EXPECT_FALSE(loop.retryable());
  const auto slow = fetch_one(fetcher, {.url = site.url("/slow")});
  EXPECT_EQ(slow.reason(), "timeout");
  EXPECT_TRUE(slow.retryable());
  const auto broken = fetch_one(fetcher, {.url = site.url("/broken")});
  EXPECT_EQ(broken.reason(), "http_503");
  EXPECT_TRUE(broken.retryable());
  EXPECT_EQ(broken.retry_after_ms, 7000);
  const auto missing = fetch_one(fetcher, {.url = site.url("/missing")});
  EXPECT_EQ(missing.reason(), "http_404");
  EXPECT_FALSE(missing.retryable());
  const auto big = fetch_one(fetcher, {.url = site.url("/big")});
  EXPECT_EQ(big.reason(), "too_large");
  EXPECT_FALSE(big.retryable());
}

TEST(HttpFetcher, AClosedPortIsAConnectionFailure) {
  int port;
  {
    NewsSite gone;
    port = gone.port();
  }
  HttpFetcher fetcher(quick());
  const auto result =
      fetch_one(fetcher, {.url = "http://127.0.0.1:" + std::to_string(port) + "/feed"});
  EXPECT_EQ(result.reason(), "connect");
  EXPECT_TRUE(result.retryable());
}

TEST(HttpFetcher, KeepsEachHostToItsConcurrencyAndDelay) {
  NewsSite a, b;
  a.set_delay(20);
  b.set_delay(20);
  for (int i = 0; i < 12; ++i) {
    a.put("/p" + std::to_string(i), {.body = "a"});
    b.put("/p" + std::to_string(i), {.body = "b"});
  }
  HttpFetcher fetcher({.per_host_concurrency = 2, .per_host_delay_ms = 0, .max_transfers = 64});
  for (int i = 0; i < 12; ++i) {
    fetcher.submit({.url = a.url("/p" + std::to_string(i))});
    fetcher.submit({.url = b.url("/p" + std::to_string(i))});
  }
  const auto results = collect(fetcher, 24);
  ASSERT_EQ(results.size(), 24u);
  for (const auto& r : results) EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(a.max_concurrent(), 2);
  EXPECT_EQ(b.max_concurrent(), 2);

  NewsSite paced;
  for (int i = 0; i < 5; ++i) paced.put("/p" + std::to_string(i), {.body = "c"});
  HttpFetcher polite({.per_host_concurrency = 4, .per_host_delay_ms = 100});
  for (int i = 0; i < 5; ++i) polite.submit({.url = paced.url("/p" + std::to_string(i))});
  ASSERT_EQ(collect(polite, 5).size(), 5u);
  const auto times = paced.request_times();
  ASSERT_EQ(times.size(), 5u);
  for (size_t i = 1; i < times.size(); ++i) EXPECT_GE(times[i] - times[i - 1], 90);
}

TEST(HostKey, IsHostAndPortLowercased) {
  EXPECT_EQ(host_key("https://News.Example.org/a?b"), "news.example.org:443");
  EXPECT_EQ(host_key("http://example.org"), "example.org:80");
  EXPECT_EQ(host_key("http://user@127.0.0.1:8080/x"), "127.0.0.1:8080");
}

}  // namespace
}  // namespace quotewire::producers
