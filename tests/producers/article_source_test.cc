#include "producers/article_source.h"

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fstream>

#include "tests/support/process.h"

namespace quotewire::producers {
namespace {

using quotewire::testing::TempDir;

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::vector<pb::Article> drain(FileSource& source) {
  std::vector<pb::Article> out;
  while (auto a = source.next()) out.push_back(std::move(*a));
  return out;
}

const std::filesystem::path kFeeds = QUOTEWIRE_SOURCE_DIR "/tests/producers/feeds";

std::string jsonl(int from, int to) {
  std::string out;
  for (int i = from; i < to; ++i) {
    out += fmt::format(R"({{"id":"a{}","body":"Body {}"}})"
                       "\n",
                       i, i);
  }
  return out;
}

TEST(FileSource, ReadsDirectoriesInNameOrderAndJsonLinesLineByLine) {
  TempDir dir;
  std::filesystem::create_directories(dir / "feed");
  write(dir / "feed" / "b.txt", "Title: B\n\nBody B.");
  write(dir / "feed" / "a.txt", "Body A.");
  write(dir / "feed" / "c.jsonl",
        "{\"id\":\"c1\",\"body\":\"C1\"}\n\n{\"id\":\"c2\",\"body\":\"C2\"}\n");
  std::vector<InputError> errors;
  FileSource source({(dir / "feed").string()}, [&](const InputError& e) { errors.push_back(e); });
  auto articles = drain(source);
  ASSERT_EQ(articles.size(), 4u);
  EXPECT_EQ(articles[0].body(), "Body A.");
  EXPECT_EQ(articles[1].title(), "B");
  EXPECT_EQ(articles[2].article_id(), "c1");
  EXPECT_EQ(articles[3].article_id(), "c2");
  EXPECT_TRUE(errors.empty());
  for (const auto& a : articles) EXPECT_FALSE(a.article_id().empty());
}

TEST(FileSource, ABadLineIsReportedByFileAndLineAndTheRestGoesThrough) {
  TempDir dir;
  const auto path = dir / "feed.jsonl";
  write(path,
        "{\"id\":\"1\",\"body\":\"one\"}\n{\"id\":\"2\",\"body\":\n{\"id\":\"3\",\"body\":"
        "\"three\"}\n");
  std::vector<InputError> errors;
  FileSource source({path.string()}, [&](const InputError& e) { errors.push_back(e); });
  auto articles = drain(source);
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[1].article_id(), "3");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where, path.string() + ":2");
  EXPECT_NE(errors[0].reason.find("malformed JSON"), std::string::npos);
}

TEST(FileSource, AMissingFileIsReportedAndTheOthersAreRead) {
  TempDir dir;
  write(dir / "ok.txt", "Fine.");
  std::vector<InputError> errors;
  FileSource source({(dir / "missing.txt").string(), (dir / "ok.txt").string()},
                    [&](const InputError& e) { errors.push_back(e); });
  auto articles = drain(source);
  ASSERT_EQ(articles.size(), 1u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where, (dir / "missing.txt").string());
  EXPECT_EQ(errors[0].reason, "no such file");
}

TEST(FileSource, ADirectoryOfFeedsYieldsEveryGoodItemAndNamesBrokenFilesByLine) {
  TempDir dir;
  std::filesystem::copy(kFeeds, dir / "feeds");
  std::vector<InputError> errors;
  FileSource source({(dir / "feeds").string()}, [&](const InputError& e) { errors.push_back(e); });
  const auto articles = drain(source);
  // bad_ampersand 2 of 3, balkan_wire 4, city_desk 3, truncated 1 of 2.
  ASSERT_EQ(articles.size(), 10u);
  EXPECT_EQ(articles[0].title(), "First");
  EXPECT_EQ(articles[2].source(), "Balkan Wire & Co");
  EXPECT_EQ(articles[6].source(), "City Desk");
  ASSERT_GE(errors.size(), 2u);
  EXPECT_EQ(errors.front().where, (dir / "feeds" / "bad_ampersand.rss").string() + ":12");
  EXPECT_TRUE(errors.back().where.starts_with((dir / "feeds" / "truncated.rss").string() + ":"))
      << errors.back().where;
}

TEST(FileSource, JsonLinesFieldsAreReadThroughTheMapping) {
  TempDir dir;
  write(dir / "newsml.jsonl",
        R"({"uri":"https://wire.example/1","headline":"Talks","body_text":"“Yes,” she said.",)"
        R"("versioncreated":"2024-03-04T10:00:00Z","provider":{"name":"Wire"},"content":"x"})"
        "\n");
  FileSource source({(dir / "newsml.jsonl").string()}, [](const InputError&) {},
                    {.map = FieldMap::parse({"body=body_text", "url=uri", "title=headline",
                                             "published=versioncreated", "source=provider.name"})});
  const auto articles = drain(source);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].body(), "“Yes,” she said.");
  EXPECT_EQ(articles[0].url(), "https://wire.example/1");
  EXPECT_EQ(articles[0].title(), "Talks");
  EXPECT_EQ(articles[0].source(), "Wire");
  EXPECT_EQ(articles[0].published_unix_ms(), 1709546400000);
  EXPECT_THROW(FieldMap::parse({"bodey=text"}), std::invalid_argument);
  EXPECT_THROW(FieldMap::parse({"body"}), std::invalid_argument);
}

TEST(FileSource, ACheckpointResumesAfterTheAcknowledgedPrefixOnly) {
  TempDir dir;
  write(dir / "a.jsonl", jsonl(0, 10));
  std::filesystem::copy(kFeeds / "city_desk.atom", dir / "b.atom");
  const FileSourceOptions options{.checkpoint = (dir / "checkpoint.json").string()};
  {
    FileSource source(
        {(dir / "a.jsonl").string(), (dir / "b.atom").string()}, [](const InputError&) {}, options);
    ASSERT_EQ(drain(source).size(), 13u);
    // Acknowledged out of order: 0-3 and 5-6 of the JSON Lines, all of the feed; 4 is lost.
    for (uint64_t i : {3, 1, 0, 2, 6, 5, 10, 11, 12}) source.acknowledged(i);
    source.sync(true);
  }
  FileSource resumed(
      {(dir / "a.jsonl").string(), (dir / "b.atom").string()}, [](const InputError&) {}, options);
  const auto again = drain(resumed);
  ASSERT_EQ(again.size(), 6u);  // a4..a9; the feed is complete
  EXPECT_EQ(again.front().article_id(), "a4");
  EXPECT_EQ(again.back().article_id(), "a9");
}

TEST(FileSource, AFileReplacedSinceTheCheckpointIsReadFromTheStart) {
  TempDir dir;
  const auto feed = dir / "feed.rss";
  std::filesystem::copy(kFeeds / "balkan_wire.rss", feed);
  const FileSourceOptions options{.checkpoint = (dir / "checkpoint.json").string()};
  {
    FileSource source(
        {feed.string()}, [](const InputError&) {}, options);
    ASSERT_EQ(drain(source).size(), 4u);
    source.acknowledged(0);
    source.acknowledged(1);
    source.sync(true);
  }
  // The outlet rewrote its feed: resuming at item 2 of the new file could skip new items.
  std::filesystem::remove(feed);
  std::filesystem::copy(kFeeds / "city_desk.atom", feed);
  FileSource resumed(
      {feed.string()}, [](const InputError&) {}, options);
  EXPECT_EQ(drain(resumed).size(), 3u);
}

TEST(FileSource, FollowingPicksUpLinesAppendedLaterButNotHalfWrittenOnes) {
  TempDir dir;
  const auto path = dir / "growing.jsonl";
  write(path, jsonl(0, 2));
  FileSource source({path.string()}, [](const InputError&) {}, {.follow = true});
  EXPECT_EQ(drain(source).size(), 2u);
  EXPECT_FALSE(source.exhausted());
  std::ofstream(path, std::ios::app) << jsonl(2, 3) << R"({"id":"a3","bo)";
  auto more = drain(source);
  ASSERT_EQ(more.size(), 1u);
  EXPECT_EQ(more[0].article_id(), "a2");
  std::ofstream(path, std::ios::app) << R"(dy":"Body 3"})"
                                     << "\n";
  more = drain(source);
  ASSERT_EQ(more.size(), 1u);
  EXPECT_EQ(more[0].article_id(), "a3");
}

TEST(FileSource, FollowingReadsARotatedFileFromItsStart) {
  TempDir dir;
  const auto path = dir / "log.jsonl";
  write(path, jsonl(0, 3));
  FileSource source({path.string()}, [](const InputError&) {}, {.follow = true});
  EXPECT_EQ(drain(source).size(), 3u);
  std::filesystem::rename(path, dir / "log.jsonl.1");
  write(path, jsonl(10, 12));
  drain(source);  // notices the rotation
  const auto after = drain(source);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].article_id(), "a10");
}

TEST(FileSource, WatchingADirectoryPublishesFilesAsTheyLand) {
  TempDir dir;
  std::filesystem::create_directories(dir / "inbox");
  write(dir / "inbox" / "early.txt", "Early.");
  FileSource source({(dir / "inbox").string()}, [](const InputError&) {}, {.watch = true});
  EXPECT_EQ(drain(source).size(), 1u);
  EXPECT_FALSE(source.exhausted());
  // Written elsewhere, then moved in: the way to drop a file into a watched directory.
  write(dir / "late.rss", testing::read_file(kFeeds / "city_desk.atom"));
  std::filesystem::rename(dir / "late.rss", dir / "inbox" / "late.rss");
  write(dir / "inbox" / ".partial", "hidden files are ignored");
  std::vector<pb::Article> late;
  ASSERT_TRUE(testing::wait_until(
      [&] {
        for (auto& a : drain(source)) late.push_back(std::move(a));
        return late.size() >= 3;
      },
      std::chrono::seconds(5)));
  EXPECT_EQ(late[0].source(), "City Desk");
}

}  // namespace
}  // namespace quotewire::producers
