#include "producers/article_source.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace quotewire::producers
