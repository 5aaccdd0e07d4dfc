// A page's article text and metadata, on pages written for these tests: what is boilerplate
// stays out, split articles come whole, charsets are read as declared or sniffed.
#include "web/page.h"

#include <gtest/gtest.h>

namespace quotewire::web {
namespace {

const std::string kStory =
    "<p>The harbour authority in Rijeka said on Monday that the new cranes would arrive in May, "
    "two months later than planned, because the supplier had changed the design.</p>"
    "<p>Dock workers, who had protested against the automation plan, said they would keep "
    "talking with the port, though the union warned that jobs were still at stake.</p>"
    "<p>Shipping lines have already moved some of their calls to Koper, according to port "
    "figures, and analysts expect the number of containers to fall this year.</p>";

std::string page(const std::string& head, const std::string& body) {
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" + head +
         "</head><body>" + body + "</body></html>";
}

TEST(Page, TheStoryWithoutNavigationShareBarsRelatedLinksCommentsOrFooter) {
  const std::string html = page(
      "<title>Cranes late | Adriatic Ledger</title>",
      "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
      "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div>"
      "<article><h1>Cranes late</h1>"
      "<figure><img src=\"c.jpg\"><figcaption>A crane in Rijeka.</figcaption></figure>" +
          kStory +
          "</article>"
          "<div class=\"related-stories\"><h3>Read more</h3><ul><li><a href=\"/a\">Strike "
          "ends at the port of Split after three weeks of talks</a></li><li><a "
          "href=\"/b\">New ferry line to Ancona opens in June with two ships</a></li></ul></div>"
          "<section id=\"comments\"><p>This is outrageous, the port should have known better "
          "and told everyone much earlier, really.</p></section>"
          "<footer><p>Copyright 2025 Adriatic Ledger. All rights reserved worldwide.</p></footer>");
  const PageArticle a = read_page(html);
  ASSERT_EQ(a.paragraphs.size(), 3u) << a.body();
  EXPECT_EQ(a.paragraphs[0].substr(0, 20), "The harbour authorit");
  EXPECT_EQ(a.paragraphs[2].substr(0, 13), "Shipping line");
  EXPECT_EQ(a.body().find("Share"), std::string::npos);
  EXPECT_EQ(a.body().find("A crane in Rijeka"), std::string::npos);
  EXPECT_EQ(a.title, "Cranes late | Adriatic Ledger");
  EXPECT_EQ(a.language, "en");
}

TEST(Page, AnArticleSplitIntoSeveralBlocksComesWhole) {
  // One <div> per group of paragraphs, as some sites write them, an aside between two.
  const std::string html = page(
      "", "<main><section class=\"story\"><div class=\"col\"><p>" + std::string(200, 'a') +
              ", and more.</p><p>Second paragraph of the first block, with a comma, and text "
              "long enough to count as a paragraph of the story.</p></div>"
              "<aside><p>Subscribe to our newsletter for the best stories every day.</p></aside>"
              "<div class=\"col\"><p>Third paragraph, in the second block, which continues the "
              "story after the aside with enough words.</p><p>Fourth and last paragraph, also "
              "in the second block, ending the story here.</p></div></section></main>");
  const PageArticle a = read_page(html);
  ASSERT_EQ(a.paragraphs.size(), 4u) << a.body();
  EXPECT_EQ(a.paragraphs[3].substr(0, 6), "Fourth");
}

TEST(Page, APageWrappedInOneFormIsReadToo) {
  const PageArticle a = read_page(page("",
                                       "<form method=\"post\"><input type=\"hidden\" "
                                       "value=\"x\"><div class=\"body\">" +
                                           kStory + "</div></form>"));
  EXPECT_EQ(a.paragraphs.size(), 3u) << a.body();
}

TEST(Page, MetadataFromJsonLdThenOpenGraph) {
  const std::string html = page(
      "<link rel=\"canonical\" href=\"https://example.org/cranes\">"
      "<meta property=\"og:site_name\" content=\"Adriatic Ledger\">"
      "<meta property=\"og:title\" content=\"OG title\">"
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{"
      "\"@type\":\"WebPage\"},{\"@type\":\"NewsArticle\",\"headline\":\"Cranes arrive late\","
      "\"datePublished\":\"2025-02-11T08:30:00Z\",\"author\":[{\"@type\":\"Person\",\"name\":"
      "\"Marta Kovačić\"},{\"@type\":\"Person\",\"name\":\"Ivo Perić\"}]}]}</script>",
      kStory);
  const PageArticle a = read_page(html);
  EXPECT_EQ(a.title, "Cranes arrive late");
  EXPECT_EQ(a.published, "2025-02-11T08:30:00Z");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Marta Kovačić", "Ivo Perić"}));
  EXPECT_EQ(a.site, "Adriatic Ledger");
  EXPECT_EQ(a.url, "https://example.org/cranes");
}

TEST(Page, CharsetsAsDeclaredOrSniffed) {
  // ISO-8859-2 declared in a meta tag: "Perić" is "Peri\xE6".
  const std::string latin2 =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=iso-8859-2\"></head><body><p>Ivo Peri\xE6 said the harbour authority in Rijeka "
      "would publish the study within two weeks, and no sooner.</p><p>He added, after a long "
      "pause, that the dockers had a point about the night shifts.</p></body></html>";
  EXPECT_NE(read_page(latin2).body().find("Perić"), std::string::npos);
  // No declaration, not UTF-8: windows-1252 ("\x93quoted\x94" are curly quotes).
  const std::string cp1252 =
      "<html><body><p>He said \x93the port stays open\x94 and that, in his view, the strike "
      "would end before the summer season.</p><p>The union disagreed, saying the talks had not "
      "even started, and called another meeting.</p></body></html>";
  EXPECT_NE(read_page(cp1252).body().find("\u201Cthe port stays open\u201D"), std::string::npos);
  // The HTTP header wins over the page's own declaration.
  PageOptions options;
  options.content_type = "text/html; charset=windows-1250";
  EXPECT_NE(read_page(latin2, options).body().find("Peri"), std::string::npos);
  // UTF-8 with a byte-order mark.
  EXPECT_EQ(read_page("\xEF\xBB\xBF" + page("", kStory)).paragraphs.size(), 3u);
}

TEST(Page, WhatIsNoPageIsRefusedWithTheReason) {
  EXPECT_THROW(read_page(std::string("\x89PNG\r\n\x1a\n\0\0\0", 11)), NotAPage);
  PageOptions small;
  small.max_bytes = 100;
  try {
    read_page(page("", kStory), small);
    FAIL() << "a page over the limit was read";
  } catch (const NotAPage& e) {
    EXPECT_NE(std::string(e.what()).find("over the limit"), std::string::npos) << e.what();
  }
}

TEST(Page, LooksLikeHtml) {
  EXPECT_TRUE(looks_like_html("\n  <!DOCTYPE html><html>"));
  EXPECT_TRUE(looks_like_html("\xEF\xBB\xBF<html lang=\"en\">"));
  EXPECT_TRUE(looks_like_html("<HEAD><TITLE>x</TITLE>"));
  EXPECT_FALSE(looks_like_html("Title: Dock workers walk out\n\nDock workers in Rijeka ..."));
  EXPECT_FALSE(looks_like_html("<rss version=\"2.0\"><channel>"));
}

}  // namespace
}  // namespace quotewire::web
