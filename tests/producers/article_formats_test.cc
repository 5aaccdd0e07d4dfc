#include "producers/article_formats.h"

#include <gtest/gtest.h>

#include "producers/article_id.h"
#include "producers/dates.h"
#include "producers/utf8_repair.h"

namespace quotewire::producers {
namespace {

TEST(TextArticle, HeaderLinesThenBlankLineThenBody) {
  auto a = parse_text_article(
      "Title: Port strike ends\nURL: https://example.org/a\nDate: 2025-02-11T08:30:00Z\n"
      "Source: Adriatic Ledger\n\nDock workers returned on Monday.\n\nSecond paragraph.\n");
  EXPECT_EQ(a.title(), "Port strike ends");
  EXPECT_EQ(a.url(), "https://example.org/a");
  EXPECT_EQ(a.source(), "Adriatic Ledger");
  EXPECT_EQ(a.published_unix_ms(), 1739262600000);
  EXPECT_EQ(a.body(), "Dock workers returned on Monday.\n\nSecond paragraph.\n");
}

TEST(TextArticle, WithoutHeadersTheWholeFileIsTheBody) {
  const std::string text = "March 4. 2024. 11:51\n\nThe Daily\n\nSomething happened.";
  auto a = parse_text_article(text);
  EXPECT_EQ(a.body(), text);
  EXPECT_TRUE(a.title().empty());
}

TEST(TextArticle, ABodyLineWithAColonIsNotTakenForAHeader) {
  const std::string text = "Minister: we will not resign\n\nThe minister said so.";
  auto a = parse_text_article(text);
  EXPECT_EQ(a.body(), text);
}

TEST(JsonArticle, ReadsKnownFieldsAndKeepsTheRestAsMetadata) {
  auto parsed = parse_json_article(
      R"({"id":"x1","title":"T","link":"https://e.org/1","content":"Body.","author":"A. B.",)"
      R"("published":"2025-05-02T07:15:00Z","section":"politics","lang":"en"})");
  ASSERT_TRUE(std::holds_alternative<pb::Article>(parsed));
  const auto& a = std::get<pb::Article>(parsed);
  EXPECT_EQ(a.article_id(), "x1");
  EXPECT_EQ(a.url(), "https://e.org/1");
  EXPECT_EQ(a.body(), "Body.");
  EXPECT_EQ(a.byline(), "A. B.");
  EXPECT_EQ(a.language(), "en");
  EXPECT_EQ(a.published_unix_ms(), 1746170100000);
  EXPECT_EQ(a.metadata().at("section"), "politics");
}

TEST(JsonArticle, MalformedJsonNamesTheByte) {
  auto parsed = parse_json_article(R"({"body": "unterminated)");
  ASSERT_TRUE(std::holds_alternative<FormatError>(parsed));
  EXPECT_NE(std::get<FormatError>(parsed).reason.find("malformed JSON at byte"), std::string::npos);
}

TEST(JsonArticle, ANumberTooLargeForADoubleIsAnErrorNotACrash) {
  auto parsed = parse_json_article(R"({"body": "x", "score": 1E999999})");
  ASSERT_TRUE(std::holds_alternative<FormatError>(parsed));
  EXPECT_NE(std::get<FormatError>(parsed).reason.find("unusable JSON"), std::string::npos);
}

TEST(JsonArticle, AnObjectWithoutABodyIsAnError) {
  auto parsed = parse_json_article(R"({"title": "no body"})");
  ASSERT_TRUE(std::holds_alternative<FormatError>(parsed));
  EXPECT_NE(std::get<FormatError>(parsed).reason.find("body"), std::string::npos);
}

TEST(JsonArticle, ANonStringBodyIsAnError) {
  EXPECT_TRUE(std::holds_alternative<FormatError>(parse_json_article(R"({"body": 12})")));
  EXPECT_TRUE(std::holds_alternative<FormatError>(parse_json_article(R"([1, 2])")));
}

TEST(ArticleId, FeedIdWinsThenUrlThenContent) {
  pb::Article with_id;
  with_id.set_article_id("feed-7");
  with_id.set_url("https://e.org/1");
  ensure_article_id(with_id);
  EXPECT_EQ(with_id.article_id(), "feed-7");

  pb::Article a, b;
  a.set_url("https://e.org/1");
  a.set_body("one");
  b.set_url("https://e.org/1");
  b.set_body("two");
  ensure_article_id(a);
  ensure_article_id(b);
  EXPECT_EQ(a.article_id(), b.article_id());  // same URL, same article
  EXPECT_TRUE(a.article_id().starts_with("url-"));

  pb::Article c, d;
  c.set_body("same text");
  d.set_body("same text");
  ensure_article_id(c);
  ensure_article_id(d);
  EXPECT_EQ(c.article_id(), d.article_id());
  pb::Article e;
  e.set_body("other text");
  ensure_article_id(e);
  EXPECT_NE(c.article_id(), e.article_id());
}

TEST(JsonLines, InvalidUtf8ReachesTheWorkerAsInATextFile) {
  // Not "malformed JSON": the bytes go through as they are, so the worker dead-letters the
  // article with "invalid UTF-8 at byte N", as for the same body in a .txt file.
  const auto parsed = parse_json_article(
      "{\"id\":\"x\",\"title\":\"Peri\xc4\",\"body\":\"Valid \xc3\x28 and \xff end\","
      "\"tags\":[\"a\xfe\"]}");
  ASSERT_TRUE(std::holds_alternative<pb::Article>(parsed));
  const auto& a = std::get<pb::Article>(parsed);
  EXPECT_EQ(a.body(), "Valid \xc3\x28 and \xff end");
  EXPECT_EQ(a.title(), "Peri\xc4");  // the publisher repairs metadata (U+FFFD), as for text files
  // Truly malformed JSON keeps its reason, broken bytes or not.
  const auto bad = parse_json_article("{\"body\": \"x\xff\"");
  ASSERT_TRUE(std::holds_alternative<FormatError>(bad));
  EXPECT_TRUE(std::get<FormatError>(bad).reason.starts_with("malformed JSON"));
  // A character from the escape's own range already in the text: the line cannot be carried
  // through, and says why.
  const auto kept = parse_json_article("{\"body\": \"\xF4\x8F\xBC\x80 \xff\"}");
  ASSERT_TRUE(std::holds_alternative<FormatError>(kept));
  EXPECT_EQ(std::get<FormatError>(kept).reason, "invalid UTF-8 at byte 15");
}

TEST(ArticleId, NormalizedUrlsCompareEqualForOnePage) {
  EXPECT_EQ(normalize_url("HTTPS://News.Example.org:443/a/b?utm_source=rss&id=3#top"),
            "https://news.example.org/a/b?id=3");
  EXPECT_EQ(normalize_url("http://example.org"), "http://example.org/");
  EXPECT_EQ(normalize_url("http://example.org:8080/x?fbclid=1"), "http://example.org:8080/x");
  EXPECT_EQ(normalize_url("http://example.org/Case/Kept"), "http://example.org/Case/Kept");
}

TEST(ArticleId, HashIsStableAcrossRuns) {
  // A changed hash would re-store every article already in users' databases.
  EXPECT_EQ(content_hash(""), "6c62272e07bb014262b821756295c58d");
  EXPECT_EQ(content_hash("a").size(), 32u);
}

TEST(Dates, CommonFeedFormats) {
  EXPECT_EQ(parse_date("2025-02-11"), 1739232000000);
  EXPECT_EQ(parse_date("2025-02-11T08:30:00Z"), 1739262600000);
  EXPECT_EQ(parse_date("2025-02-11T10:30:00+02:00"), 1739262600000);
  EXPECT_EQ(parse_date("2025-02-11T08:30:00.250Z"), 1739262600000);
  EXPECT_EQ(parse_date("Tue, 11 Feb 2025 08:30:00 +0000"), 1739262600000);
  EXPECT_EQ(parse_date("Tue, 11 Feb 2025 08:30:00 GMT"), 1739262600000);
  EXPECT_EQ(parse_date("1739262600000"), 1739262600000);
  EXPECT_FALSE(parse_date("last Tuesday"));
  EXPECT_FALSE(parse_date(""));
}

TEST(Utf8Repair, InvalidBytesInMetadataBecomeReplacementCharactersBodyIsUntouched) {
  pb::Article a;
  a.set_title("Ministar Peri\xc4 said");
  a.set_body("Body \xff stays as it is");
  (*a.mutable_metadata())["section\xfe"] = "ok";
  const auto repaired = repair_metadata_utf8(a);
  EXPECT_EQ(repaired, (std::vector<std::string>{"title", "metadata"}));
  EXPECT_EQ(a.title(), "Ministar Peri\xEF\xBF\xBD said");
  EXPECT_EQ(a.body(), "Body \xff stays as it is");
  EXPECT_TRUE(a.metadata().contains("section\xEF\xBF\xBD"));
  std::string clean = "Saša Janković";
  EXPECT_FALSE(repair_utf8(clean));
  EXPECT_EQ(clean, "Saša Janković");
}

}  // namespace
}  // namespace quotewire::producers
