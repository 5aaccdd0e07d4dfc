// A corrected page is a new version of its story: the sink keeps the statements of the highest
// version only, whatever order the versions arrive in and however often, and the aggregates end
// exactly as if only that version had been stored.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "extract/extractor.h"
#include "sink/database.h"
#include "sink/store.h"
#include "tests/sink/store_backends.h"
#include "tests/support/process.h"
#include "workers/extraction_codec.h"

namespace quotewire::sink {
namespace {

std::string seed_text() {
  std::ifstream in(QUOTEWIRE_SOURCE_DIR "/samples/000_fd82fa2dbaf82b53.txt");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Version `n` of the seed story: the text as published, then corrected (Andjelkovic's quote
// taken out, a spokeswoman's statement added), then corrected again (a statement dropped).
pb::Envelope version(int n) {
  std::string text = seed_text();
  if (n >= 2) {
    const auto quote = text.find("\u201cRealistically");
    text.erase(quote, text.find("\n\n", quote) + 2 - quote);
    text +=
        "\n\nAna Kovač, a spokeswoman for the European Commission, said on Tuesday that the "
        "talks would resume in April.\n";
  }
  if (n >= 3) {
    const auto paragraph = text.find("According to Saša Janković");
    text.erase(paragraph, text.find("\n\n", paragraph) + 2 - paragraph);
  }
  static const extract::Extractor extractor;
  pb::Envelope envelope;
  pb::Extraction& x = *envelope.mutable_extraction();
  workers::fill(x, extractor.extract(text));
  x.set_article_id(n == 1 ? "story" : fmt::format("story~v{}", n));
  x.set_version_of("story");
  x.set_version(static_cast<uint32_t>(n));
  x.set_producer_id("follow");
  x.set_published_unix_ms(1709553060000);
  return envelope;
}

// What a reader can see of the statements and aggregates, without sequences and storage times
// (they differ between two databases by construction).
std::vector<std::string> contents(const std::string& db_path) {
  Database db(db_path, Database::Mode::read_only);
  std::vector<std::string> out;
  auto dump = [&](std::string_view table, const std::string& sql) {
    auto rows = db.prepare(sql);
    const int columns = rows.columns();
    std::vector<std::string> lines;
    while (rows.step()) {
      std::string line(table);
      for (int c = 0; c < columns; ++c) line += " | " + (rows.is_null(c) ? "NULL" : rows.text(c));
      lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end());
    out.insert(out.end(), lines.begin(), lines.end());
  };
  dump("statement",
       "SELECT actor_id, speaker, role, text, kind, cue, start, \"end\", links "
       "FROM statements");
  dump("actor",
       "SELECT actor_id, name, type, statement_count, first_seen_ms, last_seen_ms "
       "FROM actors");
  dump("role", "SELECT * FROM actor_roles");
  dump("topic", "SELECT * FROM actor_topics");
  dump("link",
       "SELECT l.kind, l.actor_id, s.text FROM statement_links l "
       "JOIN statements s ON s.seq = l.seq");
  dump("linked", "SELECT actor_id, name, type, for_count, about_count FROM linked_actors");
  dump("affiliation", "SELECT person_id, actor_id, relation, confidence, count FROM affiliations");
  return out;
}

size_t statements_of(const pb::Envelope& v) {
  return v.extraction().quotes_size();
}

class StoryVersions : public StoreBackends {
 protected:
  void SetUp() override {
    StoreBackends::SetUp();
    if (IsSkipped()) return;
    db = fresh_database();
    store.emplace(StoreSettings{.path = db});
  }

  // What a database holds after storing version `n` alone.
  std::vector<std::string> only(int n) {
    const auto path = fresh_database();
    Store alone({.path = path});
    auto v = version(n);
    alone.apply({&v});
    return contents(path);
  }

  std::string db;
  std::optional<Store> store;
};
QW_INSTANTIATE_STORE_BACKENDS(StoryVersions);

TEST_P(StoryVersions, ALaterVersionReplacesTheEarlierStatementsExactlyOnce) {
  auto v1 = version(1), v2 = version(2);
  const size_t v1_statements = statements_of(v1);
  ASSERT_GT(v1_statements, 5u);
  ASSERT_TRUE(store->apply({&v1}).retractions.empty());
  const auto applied = store->apply({&v2});
  EXPECT_EQ(applied.acks[0].status(), pb::STORED);
  // Every statement of version 1 is withdrawn, on its own sequence, naming its replacement.
  ASSERT_EQ(applied.retractions.size(), v1_statements);
  for (size_t i = 0; i < v1_statements; ++i) {
    EXPECT_TRUE(applied.retractions[i].retracted());
    EXPECT_EQ(applied.retractions[i].sequence(), i + 1);
    EXPECT_EQ(applied.retractions[i].replaced_by(), "story~v2");
    EXPECT_EQ(applied.retractions[i].article_id(), "story");
  }
  EXPECT_EQ(applied.updates.size(), statements_of(version(2)));
  const auto expected = only(2);
  EXPECT_EQ(contents(db), expected);
  // The comparison covers the roll-up, and the versions differ in it.
  auto has = [&](std::string_view table) {
    return std::any_of(expected.begin(), expected.end(),
                       [&](const std::string& line) { return line.starts_with(table); });
  };
  EXPECT_TRUE(has("link | for | russia") && has("link | about") && has("affiliation") &&
              has("topic") && has("role"));
  EXPECT_NE(only(1), expected);

  // Delivered again, either version changes nothing.
  auto again1 = version(1), again2 = version(2);
  const auto redelivered = store->apply({&again2, &again1});
  EXPECT_EQ(redelivered.acks[0].status(), pb::DUPLICATE);
  EXPECT_EQ(redelivered.acks[1].status(), pb::DUPLICATE);
  EXPECT_TRUE(redelivered.retractions.empty());
  EXPECT_EQ(contents(db), only(2));

  // A third version replaces the second.
  auto v3 = version(3);
  EXPECT_EQ(store->apply({&v3}).retractions.size(), statements_of(version(2)));
  EXPECT_EQ(contents(db), only(3));
}

TEST_P(StoryVersions, AnEarlierVersionArrivingLateKeepsNoStatements) {
  auto v2 = version(2), v1 = version(1);
  store->apply({&v2});
  const auto late = store->apply({&v1});
  EXPECT_EQ(late.acks[0].status(), pb::STORED);  // stored as known, so a redelivery is a duplicate
  EXPECT_TRUE(late.updates.empty());
  EXPECT_TRUE(late.retractions.empty());
  EXPECT_EQ(contents(db), only(2));
  auto again = version(1);
  EXPECT_EQ(store->apply({&again}).acks[0].status(), pb::DUPLICATE);
}

TEST_P(StoryVersions, VersionsInOneBatchLeaveTheHighest) {
  auto v1 = version(1), v3 = version(3), v2 = version(2);
  const auto applied = store->apply({&v1, &v3, &v2});
  EXPECT_EQ(applied.retractions.size(), statements_of(version(1)));
  EXPECT_EQ(contents(db), only(3));
}

TEST_P(StoryVersions, ArticlesWithoutVersionsAreUntouched) {
  auto a = version(1), b = version(2);
  a.mutable_extraction()->clear_version_of();
  b.mutable_extraction()->clear_version_of();
  EXPECT_TRUE(store->apply({&a}).retractions.empty());
  EXPECT_TRUE(store->apply({&b}).retractions.empty());
  Database read(db, Database::Mode::read_only);
  auto count = read.prepare("SELECT count(*) FROM statements");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(static_cast<size_t>(count.int64(0)), statements_of(a) + statements_of(b));
}

}  // namespace
}  // namespace quotewire::sink
