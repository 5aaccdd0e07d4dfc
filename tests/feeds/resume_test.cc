// `publish --checkpoint` killed mid-file and restarted: it resumes where the acknowledged
// prefix ended (never past an article that was not stored), and every article ends up stored
// exactly once.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "sink/database.h"
#include "tests/feeds/pipeline_processes.h"
#include "tests/support/corpus.h"

namespace quotewire::testing {
namespace {

using namespace std::chrono_literals;

constexpr size_t kArticles = 4000;

// The ids of the articles in the first `bytes` bytes of a JSON Lines file.
std::vector<std::string> ids_before(const std::filesystem::path& jsonl, int64_t bytes) {
  std::ifstream in(jsonl, std::ios::binary);
  std::vector<std::string> ids;
  int64_t offset = 0;
  for (std::string line; offset < bytes && std::getline(in, line);) {
    offset += static_cast<int64_t>(line.size()) + 1;
    ids.push_back(nlohmann::json::parse(line)["id"].get<std::string>());
  }
  EXPECT_EQ(offset, bytes) << "a checkpoint offset must fall on a line boundary";
  return ids;
}

int64_t published(const std::string& report) {
  std::smatch m;
  EXPECT_TRUE(std::regex_search(report, m, std::regex("published (\\d+) article"))) << report;
  return m.empty() ? -1 : std::stoll(m[1]);
}

TEST(Resume, PublishKilledMidFileResumesFromItsCheckpointAndStoresEveryArticleOnce) {
  TempDir dir;
  const auto corpus = dir / "corpus.jsonl";
  write_jsonl(sample_corpus(kArticles), corpus);
  const auto checkpoint = dir / "checkpoint.json";
  PipelineProcesses pipeline(dir);
  const std::vector<std::string> publish{
      "publish",  "--broker", pipeline.frontend(), "--producer-id",     "resume-test",
      "--window", "20",       "--checkpoint",      checkpoint.string(), corpus.string()};

  {
    Process first(publish, dir / "publish-1.log");
    // Killed as soon as the checkpoint has moved: mid-file, with articles in flight.
    ASSERT_TRUE(wait_until(
        [&] {
          try {
            const auto saved = nlohmann::json::parse(read_file(checkpoint));
            for (const auto& [input, p] : saved["inputs"].items()) {
              if (p["offset"].get<int64_t>() > 0) return true;
            }
            return false;
          } catch (const nlohmann::json::exception&) {
            return false;  // not written yet
          }
        },
        60s))
        << read_file(dir / "publish-1.log");
    first.signal(SIGKILL);
    ASSERT_EQ(first.wait(5s), 128 + SIGKILL);
  }
  const int64_t stored_at_kill = pipeline.stored_articles();
  ASSERT_LT(stored_at_kill, static_cast<int64_t>(kArticles)) << "killed after the end";

  const auto saved = nlohmann::json::parse(read_file(checkpoint));
  const auto& position = saved["inputs"][std::filesystem::absolute(corpus).string()];
  const int64_t offset = position["offset"].get<int64_t>();
  const auto resumed_after = ids_before(corpus, offset);
  ASSERT_GT(resumed_after.size(), 0u) << saved.dump();
  // Never skips: everything before the checkpoint was stored before the kill.
  {
    sink::Database db(pipeline.db(), sink::Database::Mode::read_only);
    auto stored = db.prepare("SELECT count(*) FROM articles WHERE article_id = ?1");
    for (const auto& id : resumed_after) {
      stored.bind(1, id);
      ASSERT_TRUE(stored.step());
      EXPECT_EQ(stored.int64(0), 1) << id << " is before the checkpoint but was not stored";
      stored.reset();
    }
  }

  std::string out, err;
  ASSERT_EQ(run_quotewire(publish, &out, &err, 120s), 0) << err;
  // Exactly the articles after the checkpoint were read again.
  EXPECT_EQ(published(out), static_cast<int64_t>(kArticles - resumed_after.size())) << out;
  pipeline.stop_sink();
  EXPECT_EQ(sink::Queries(pipeline.db()).totals().articles, static_cast<int64_t>(kArticles));

  // A third run has nothing left to do.
  ASSERT_EQ(run_quotewire(publish, &out, &err, 30s), 0) << err;
  EXPECT_EQ(published(out), 0) << out;
}

}  // namespace
}  // namespace quotewire::testing
