// Feeds as they come in the wild: CDATA, escaped and raw HTML, HTML entities XML never
// declared, relative links, missing dates, duplicate guids, and broken XML.
#include "producers/feed_format.h"

#include <gtest/gtest.h>

#include "producers/html_text.h"
#include "tests/support/process.h"

namespace quotewire::producers {
namespace {

const std::string kFeeds = QUOTEWIRE_SOURCE_DIR "/tests/producers/feeds/";

ParsedFeed parse_fixture(const std::string& name) {
  return parse_feed(testing::read_file(kFeeds + name));
}

TEST(HtmlText, KeepsParagraphsDecodesEntitiesAndDropsScripts) {
  EXPECT_EQ(html_to_text("<p>One &amp; <b>two</b>.</p><p>Three&nbsp;four<br>five</p>"
                         "<script>x()</script>"),
            "One & two.\n\nThree four\nfive");
  EXPECT_EQ(html_to_text("  no   markup,\n just text  "), "no markup, just text");
  EXPECT_EQ(html_to_text("First.\n\nSecond."), "First.\n\nSecond.");
  EXPECT_EQ(html_to_text("<div><p>Nested</p></div><ul><li>a</li><li>b</li></ul>"),
            "Nested\n\na\n\nb");
  EXPECT_EQ(html_to_text("Broken <p>tag soup <b>never closed"), "Broken\n\ntag soup never closed");
  EXPECT_EQ(plain_text("3 < 4 &amp; text"), "3 < 4 &amp; text");
}

TEST(FeedFormat, Rss2WithCdataEscapedHtmlRelativeLinksAndMissingDates) {
  const auto feed = parse_fixture("balkan_wire.rss");
  EXPECT_TRUE(feed.errors.empty()) << feed.errors.front().reason;
  ASSERT_EQ(feed.articles.size(), 4u);

  const auto& full = feed.articles[0];
  EXPECT_EQ(full.title(), "Analyst warns of “frozen” talks");
  EXPECT_EQ(full.url(), "https://balkanwire.example/politics/2024/03/frozen-talks");
  EXPECT_EQ(full.article_id(), "https://balkanwire.example/politics/2024/03/frozen-talks");
  EXPECT_EQ(full.published_unix_ms(), 1709549460000);
  EXPECT_EQ(full.byline(), "Jelena Petrović");
  EXPECT_EQ(full.source(), "Balkan Wire & Co");
  EXPECT_EQ(full.language(), "en-gb");
  // content:encoded wins over the teaser in <description>; scripts and styles are gone.
  EXPECT_EQ(full.body(),
            "“The talks are frozen,” said Dimitrije Milic, a political analyst.\n\n"
            "He added that nothing would move before the elections.\n"
            "Officials declined to comment.");

  const auto& relative = feed.articles[1];
  EXPECT_EQ(relative.title(), "Minister: budget will pass");
  EXPECT_EQ(relative.url(), "https://balkanwire.example/economy/2024/03/budget");
  EXPECT_EQ(relative.article_id(), "https://balkanwire.example/#48213");  // scoped by the feed
  EXPECT_EQ(relative.published_unix_ms(), 0);
  EXPECT_EQ(relative.byline(), "Ana Kovač");
  EXPECT_EQ(relative.body(),
            "The budget will pass, the minister said on Tuesday.\n\nOpposition MPs walked out.");

  // The same guid twice: the same article id, so the sink stores it once.
  EXPECT_EQ(feed.articles[2].article_id(), relative.article_id());
  EXPECT_EQ(feed.articles[2].published_unix_ms(), 1709629200000);

  const auto& plain = feed.articles[3];
  EXPECT_EQ(plain.title(), "Café owners protest");  // &nbsp; that XML never declared
  EXPECT_TRUE(plain.article_id().starts_with("url-")) << plain.article_id();
  EXPECT_EQ(plain.published_unix_ms(), 1709730900000);  // "08:15 EST"
  EXPECT_EQ(plain.body(), "Plain text first paragraph.\n\nSecond paragraph, after a blank line.");
}

TEST(FeedFormat, AtomWithXmlBaseHtmlXhtmlAndTextContent) {
  const auto feed = parse_fixture("city_desk.atom");
  EXPECT_TRUE(feed.errors.empty()) << feed.errors.front().reason;
  ASSERT_EQ(feed.articles.size(), 3u);

  const auto& html = feed.articles[0];
  EXPECT_EQ(html.title(), "Mayor defends tram plan");
  EXPECT_EQ(html.url(), "https://citydesk.example/news/2024/03/tram-plan");
  EXPECT_EQ(html.article_id(), "tag:citydesk.example,2024:tram-plan");
  EXPECT_EQ(html.published_unix_ms(), 1709544600000);
  EXPECT_EQ(html.byline(), "Saša Janković, Marko Ilić");
  EXPECT_EQ(html.source(), "City Desk");
  EXPECT_EQ(html.language(), "sr-Latn");
  EXPECT_EQ(html.body(), "“We will build it,” the mayor said.\n\nCritics disagreed.");

  const auto& xhtml = feed.articles[1];
  EXPECT_EQ(xhtml.url(), "https://citydesk.example/news/2024/03/council");
  EXPECT_EQ(xhtml.published_unix_ms(), 1709625600000);  // from <updated>
  EXPECT_EQ(xhtml.body(), "The council met on Tuesday.\n\n“No decision yet,” said the chairwoman.");

  const auto& text = feed.articles[2];
  EXPECT_EQ(text.url(), "");
  EXPECT_EQ(text.published_unix_ms(), 0);
  EXPECT_EQ(text.body(), "A 3 < 4 comparison in plain text.\n\nSecond paragraph.");
}

TEST(FeedFormat, ATruncatedFeedKeepsItsCompleteItemsAndNamesTheLine) {
  const auto feed = parse_fixture("truncated.rss");
  ASSERT_FALSE(feed.errors.empty());
  EXPECT_GE(feed.errors.front().line, 13);
  ASSERT_EQ(feed.articles.size(), 1u);
  EXPECT_EQ(feed.articles[0].title(), "Complete story");
}

TEST(FeedFormat, AnItemWithBrokenXmlIsLeftOutAndTheOthersGoThrough) {
  const auto feed = parse_fixture("bad_ampersand.rss");
  ASSERT_EQ(feed.errors.size(), 1u);
  EXPECT_EQ(feed.errors[0].line, 12);
  ASSERT_EQ(feed.articles.size(), 2u);
  EXPECT_EQ(feed.articles[0].title(), "First");
  EXPECT_EQ(feed.articles[1].title(), "Third");
}

TEST(FeedFormat, NotAFeedIsOneError) {
  EXPECT_EQ(parse_feed("<html><body>hi</body></html>").errors.at(0).reason,
            "not an RSS or Atom feed nor a sitemap (the root element is <html>)");
  EXPECT_FALSE(parse_feed("").errors.empty());
  EXPECT_TRUE(looks_like_feed("\xEF\xBB\xBF  <?xml version=\"1.0\"?><rss/>"));
  EXPECT_FALSE(looks_like_feed("Title: x\n\nbody"));
}

}  // namespace
}  // namespace quotewire::producers
