#include "sink/store.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <thread>

#include "extract/extractor.h"
#include "sink/queries.h"
#include "sink/schema.h"
#include "sink/updates.h"
#include "tests/sink/store_backends.h"
#include "tests/support/process.h"
#include "text/actor_id.h"

namespace quotewire::sink {
namespace {

using quotewire::testing::TempDir;
using namespace std::chrono_literals;

pb::Quote quote(const std::string& speaker, const std::string& role, uint32_t start, uint32_t end) {
  pb::Quote q;
  q.set_text("We will rebuild the bridge.");
  q.set_start(start);
  q.set_end(end);
  q.set_kind(pb::DIRECT);
  q.set_cue("said");
  q.set_speaker_name(speaker);
  q.set_speaker_mention(speaker);
  q.set_speaker_actor_id(text::actor_id_for(speaker));
  q.set_speaker_role(role);
  q.set_speaker_type(pb::PERSON);
  return q;
}

pb::Envelope extraction(const std::string& article_id) {
  pb::Envelope envelope;
  auto* x = envelope.mutable_extraction();
  x->set_article_id(article_id);
  x->set_producer_id("p");
  x->set_sequence(1);
  x->set_source("Adriatic Ledger");
  x->set_published_unix_ms(1739262600000);
  auto* e = x->add_entities();
  e->set_text("Rijeka");
  e->set_type(pb::LOCATION);
  e->set_start(20);
  e->set_end(26);
  e->set_actor_id("rijeka");
  e->set_name("Rijeka");
  *x->add_quotes() = quote("Ivana Horvat", "port director", 0, 40);
  *x->add_quotes() = quote("Zoran Perić", "", 50, 90);
  auto* unattributed = x->add_quotes();
  unattributed->set_text("Nobody knows who said this.");
  unattributed->set_kind(pb::DIRECT);
  return envelope;
}

class AnyStore : public StoreBackends {};
QW_INSTANTIATE_STORE_BACKENDS(AnyStore);

TEST_P(AnyStore, ASecondDeliveryOfAnArticleChangesNothing) {
  const auto db = fresh_database();
  Store store({.path = db});
  auto first = extraction("art-1");
  auto result = store.apply({&first});
  ASSERT_EQ(result.acks.size(), 1u);
  EXPECT_EQ(result.acks[0].status(), pb::STORED);
  EXPECT_EQ(result.updates.size(), 3u);  // every statement, attributed or not

  auto again = extraction("art-1");
  result = store.apply({&again});
  EXPECT_EQ(result.acks[0].status(), pb::DUPLICATE);
  EXPECT_TRUE(result.updates.empty());

  Queries queries(db);
  const auto totals = queries.totals();
  EXPECT_EQ(totals.articles, 1);
  EXPECT_EQ(totals.statements, 3);
  EXPECT_EQ(totals.attributed, 2);
  EXPECT_EQ(totals.actors, 2);
  EXPECT_EQ(totals.duplicates_delivered, 1);
}

TEST_P(AnyStore, EntitiesAreStoredAsJsonThatSurvivesQuotesBackslashesAndControlCharacters) {
  const auto db = fresh_database();
  auto envelope = extraction("art-json");
  auto* odd = envelope.mutable_extraction()->add_entities();
  odd->set_text("The \"Blue\" Party\\Coalition\n\tof Niš\x01");
  odd->set_type(pb::ORG);
  odd->set_start(100);
  odd->set_end(131);
  odd->set_actor_id("the-blue-party");
  {
    Store store({.path = db});
    store.apply({&envelope});
  }
  Database read(db, Database::Mode::read_only);
  auto row = read.prepare("SELECT entities FROM articles WHERE article_id = 'art-json'");
  ASSERT_TRUE(row.step());
  const auto entities = nlohmann::json::parse(row.text(0));
  ASSERT_EQ(entities.size(), 2u);
  EXPECT_EQ(entities[0], (nlohmann::json{{"text", "Rijeka"},
                                         {"type", "LOCATION"},
                                         {"start", 20},
                                         {"end", 26},
                                         {"actor_id", "rijeka"},
                                         {"name", "Rijeka"}}));
  EXPECT_EQ(entities[1]["text"], odd->text());
  EXPECT_EQ(entities[1]["type"], "ORG");
  EXPECT_EQ(entities[1]["end"], 131);
  EXPECT_EQ(entities[1]["name"], "");
}

// Known ids are read once per batch: the batch's own articles count as known too.
TEST_P(AnyStore, TheSameArticleTwiceInOneBatchIsStoredOnce) {
  const auto db = fresh_database();
  Store store({.path = db});
  auto a = extraction("art-1");
  auto b = extraction("art-1");
  pb::Envelope letter, again;
  letter.mutable_dead_letter()->set_reason("too long");
  letter.mutable_dead_letter()->mutable_article()->set_article_id("bad-1");
  again = letter;
  pb::Envelope late;  // an article already dead-lettered, in the same batch
  late.mutable_dead_letter()->mutable_article()->set_article_id("art-1");
  auto result = store.apply({&a, &letter, &b, &again, &late});
  ASSERT_EQ(result.acks.size(), 5u);
  EXPECT_EQ(result.acks[0].status(), pb::STORED);
  EXPECT_EQ(result.acks[1].status(), pb::DEAD_LETTERED);
  EXPECT_EQ(result.acks[2].status(), pb::DUPLICATE);
  EXPECT_EQ(result.acks[3].status(), pb::DUPLICATE);
  EXPECT_EQ(result.acks[4].status(), pb::DUPLICATE);
  EXPECT_EQ(result.updates.size(), 3u);
  const auto totals = Queries(db).totals();
  EXPECT_EQ(totals.articles, 1);
  EXPECT_EQ(totals.statements, 3);
  EXPECT_EQ(totals.dead_letters, 1);
  EXPECT_EQ(totals.duplicates_delivered, 3);
  const auto horvat = Queries(db).actor("ivana-horvat");
  ASSERT_TRUE(horvat);
  EXPECT_EQ(horvat->statement_count, 1);
}

TEST_P(AnyStore, AggregatesCountsRolesAndTopicsPerActor) {
  const auto db = fresh_database();
  Store store({.path = db});
  auto a = extraction("art-1");
  auto b = extraction("art-2");
  store.apply({&a, &b});
  Queries queries(db);
  const auto actors = queries.actors();
  ASSERT_EQ(actors.size(), 2u);
  const auto& horvat = actors[0].name == "Ivana Horvat" ? actors[0] : actors[1];
  EXPECT_EQ(horvat.statement_count, 2);
  EXPECT_EQ(horvat.type, "PERSON");
  ASSERT_EQ(horvat.roles.size(), 1u);
  EXPECT_EQ(horvat.roles[0], (std::pair<std::string, int64_t>{"port director", 2}));
  // Rijeka [20, 26) lies inside Horvat's statement [0, 40), not inside Perić's [50, 90).
  ASSERT_EQ(horvat.topics.size(), 1u);
  EXPECT_EQ(horvat.topics[0].first, "Rijeka");
  const auto& peric = actors[0].name == "Ivana Horvat" ? actors[1] : actors[0];
  EXPECT_TRUE(peric.topics.empty());
  EXPECT_EQ(horvat.first_seen_ms, 1739262600000);
  size_t statements = 0;
  read_updates(queries.database(), {.actor_id = horvat.actor_id},
               [&](pb::ActorUpdate&) { ++statements; });
  EXPECT_EQ(statements, 2u);
}

TEST_P(AnyStore, UpdatesCarryStrictlyIncreasingSequences) {
  Store store({.path = fresh_database()});
  auto a = extraction("art-1");
  auto b = extraction("art-2");
  auto first = store.apply({&a});
  auto second = store.apply({&b});
  std::vector<uint64_t> sequences;
  for (const auto* batch : {&first, &second}) {
    for (const auto& u : batch->updates) sequences.push_back(u.sequence());
  }
  ASSERT_EQ(sequences.size(), 6u);
  for (size_t i = 1; i < sequences.size(); ++i) EXPECT_EQ(sequences[i], sequences[i - 1] + 1);
  // Horvat's second statement: the first update of the second batch.
  EXPECT_EQ(second.updates.front().actor_id(), "ivana-horvat");
  EXPECT_EQ(second.updates.front().statement_count(), 2u);
  EXPECT_EQ(second.updates.back().actor_id(), "");  // the unattributed one
}

TEST_P(AnyStore, DeadLettersKeepTheArticleAndReasonAndCountAsKnown) {
  const auto db = fresh_database();
  Store store({.path = db});
  pb::Envelope letter;
  letter.mutable_dead_letter()->set_reason("invalid UTF-8 at byte 3");
  letter.mutable_dead_letter()->mutable_article()->set_article_id("bad-1");
  letter.mutable_dead_letter()->mutable_article()->set_body("ab\xff");
  auto result = store.apply({&letter});
  EXPECT_EQ(result.acks[0].status(), pb::DEAD_LETTERED);
  EXPECT_EQ(result.acks[0].reason(), "invalid UTF-8 at byte 3");
  result = store.apply({&letter});
  EXPECT_EQ(result.acks[0].status(), pb::DUPLICATE);
  EXPECT_EQ(Queries(db).totals().dead_letters, 1);
}

TEST_P(AnyStore, FindsActorsIgnoringCaseAndDiacritics) {
  const auto db = fresh_database();
  Store store({.path = db});
  auto a = extraction("art-1");
  store.apply({&a});
  Queries queries(db);
  auto found = queries.find_actors("zoran peric");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "Zoran Perić");
  EXPECT_EQ(queries.find_actors("PERIĆ").size(), 1u);
  EXPECT_TRUE(queries.find_actors("nobody").empty());
}

TEST(Store, AReadOnlyDatabaseFailsTheBatchWithSQLitesReason) {
  if (geteuid() == 0) GTEST_SKIP() << "root writes to read-only files";
  TempDir dir;
  const auto db = (dir / "sink.db").string();
  { Store create({.path = db}); }
  chmod(db.c_str(), 0444);
  EXPECT_THROW(
      {
        Store store({.path = db});
        auto a = extraction("art-1");
        store.apply({&a});
      },
      StoreError);
}

TEST(Store, AFullDatabaseFailsTheBatchAndKeepsWhatWasCommitted) {
  TempDir dir;
  const auto db = (dir / "sink.db").string();
  Store store({.path = db, .max_db_bytes = 256 * 1024});
  // Each article carries a large entity list; the ceiling is reached after a few of them.
  int stored = 0;
  bool full = false;
  for (int i = 0; i < 200 && !full; ++i) {
    auto x = extraction("art-" + std::to_string(i));
    for (int e = 0; e < 50; ++e) {
      auto* entity = x.mutable_extraction()->add_entities();
      entity->set_text(std::string(200, 'x'));
      entity->set_start(1000 + e);
      entity->set_end(1001 + e);
    }
    try {
      store.apply({&x});
      ++stored;
    } catch (const StoreError& e) {
      full = true;
      EXPECT_EQ(e.code(), SQLITE_FULL) << e.what();
    }
  }
  ASSERT_TRUE(full);
  EXPECT_GT(stored, 0);
  EXPECT_EQ(Queries(db).totals().articles, stored);  // the failed batch left no trace
}

TEST(Store, ALockedDatabaseFailsTheBatchAndALaterRetrySucceeds) {
  TempDir dir;
  const auto db = (dir / "sink.db").string();
  Store store({.path = db});
  auto a = extraction("art-1");
  {
    Database other(db, Database::Mode::read_write);
    other.exec("BEGIN EXCLUSIVE");  // another process holds the write lock
    EXPECT_THROW(store.apply({&a}), StoreError);
    other.exec("ROLLBACK");
  }
  auto result = store.apply({&a});
  EXPECT_EQ(result.acks[0].status(), pb::STORED);
  EXPECT_EQ(Queries(db).totals().articles, 1);
}

// Each article's statements, read back by article: exactly its own, across batches and with
// articles without statements in between.
TEST_P(AnyStore, ReadingByArticleGivesExactlyThatArticlesStatements) {
  const auto db = fresh_database();
  Store store({.path = db});
  auto a = extraction("art-a");
  auto empty = extraction("art-empty");
  empty.mutable_extraction()->clear_quotes();
  auto b = extraction("art-b");
  b.mutable_extraction()->mutable_quotes(0)->set_text("The ferry runs again.");
  b.mutable_extraction()->mutable_quotes()->RemoveLast();
  auto c = extraction("art-c");
  store.apply({&a, &empty});
  store.apply({&b, &c});
  Queries queries(db);
  auto statements_of = [&](const std::string& id) {
    std::vector<std::string> texts;
    read_updates(queries.database(), {.article_id = id}, [&](pb::ActorUpdate& u) {
      EXPECT_EQ(u.article_id(), id);
      texts.push_back(u.quote().text());
    });
    return texts;
  };
  EXPECT_EQ(statements_of("art-a").size(), 3u);
  EXPECT_TRUE(statements_of("art-empty").empty());
  EXPECT_EQ(statements_of("art-b"),
            (std::vector<std::string>{"The ferry runs again.", "We will rebuild the bridge."}));
  EXPECT_EQ(statements_of("art-c").size(), 3u);
  EXPECT_TRUE(statements_of("unknown").empty());
}

// Stores art-a and art-b in a new database, turns it back into an older schema (`downgrade`),
// then opens it again, which migrates it, and stores art-c.
AppliedBatch store_downgrade_and_store_again(const std::string& location,
                                             const std::function<void()>& downgrade) {
  {
    Store store({.path = location});
    auto a = extraction("art-a");
    auto b = extraction("art-b");
    store.apply({&a, &b});
  }
  downgrade();
  Store store({.path = location});
  auto c = extraction("art-c");
  return store.apply({&c});
}

// After a migration: the database is at this quotewire's version, what `removed` counts (what
// the migration drops) is gone, and art-a, art-b and art-c read back with three statements each.
void expect_migrated(Queries& queries, const std::string& removed) {
  auto version = queries.database().prepare(
      fmt::format("SELECT value, ({}) FROM meta WHERE key = 'schema_version'", removed));
  ASSERT_TRUE(version.step());
  EXPECT_EQ(version.text(0), std::to_string(kSchemaVersion));
  EXPECT_EQ(version.int64(1), 0);
  for (const char* id : {"art-a", "art-b", "art-c"}) {
    size_t statements = 0;
    read_updates(queries.database(), {.article_id = id}, [&](pb::ActorUpdate& u) {
      EXPECT_EQ(u.article_id(), id);
      ++statements;
    });
    EXPECT_EQ(statements, 3u) << id;
  }
}

// A database written by schema version 1 (an index on statements(article_id), no
// articles.first_seq) is migrated when the sink opens it, and keeps working.
TEST(Store, AVersionOneDatabaseIsMigratedAndItsArticlesStillReadBack) {
  TempDir dir;
  const auto path = (dir / "sink.db").string();
  const auto applied = store_downgrade_and_store_again(path, [&] {
    Database(path, Database::Mode::read_write)
        .exec(
            "CREATE INDEX statements_by_article ON statements(article_id);"
            "ALTER TABLE articles DROP COLUMN first_seq;"
            "ALTER TABLE statements DROP COLUMN links;"
            "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
  });
  EXPECT_EQ(applied.acks[0].status(), pb::STORED);
  Queries queries(path);
  expect_migrated(queries,
                  "SELECT count(*) FROM sqlite_schema WHERE name = 'statements_by_article'");
  // Statements stored before the roll-up existed are about the entities inside them (Rijeka
  // at 20–26 lies in the first quote of each article), and the actor is known. A new statement
  // is about the subjects its worker found: art-c's quotes were given none.
  std::vector<std::string> about_rijeka;
  read_updates(queries.database(), {.actor_id = "rijeka", .view = View::about},
               [&](pb::ActorUpdate& u) { about_rijeka.push_back(u.article_id()); });
  EXPECT_EQ(about_rijeka, (std::vector<std::string>{"art-a", "art-b"}));
  const auto rijeka = queries.actor("rijeka");
  ASSERT_TRUE(rijeka);
  EXPECT_EQ(rijeka->about_count, 2);
}

TEST_P(AnyStore, ADatabaseFromANewerQuotewireIsRefusedWithTheReason) {
  const auto path = fresh_database();
  { Store store({.path = path}); }
  Database(path, Database::Mode::read_write)
      .exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  try {
    Store store({.path = path});
    FAIL() << "opened a version 99 database";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 99 is newer"), std::string::npos)
        << e.what();
  }
}

// Commits only signal: the write-ahead log is copied into the database on the checkpointer's
// own thread, and the sink's thread does none of it.
TEST(Store, TheLogIsCopiedBackOnTheCheckpointersThread) {
  TempDir dir;
  const auto db = (dir / "sink.db").string();
  Store store({.path = db, .checkpoints = {.wal_pages = 20, .inline_after_pages = 1 << 30}});
  const auto empty = std::filesystem::file_size(db);
  for (int i = 0; i < 300; ++i) {
    auto a = extraction(fmt::format("art-{}", i));
    store.apply({&a});
  }
  // The file grows while a checkpoint runs; the count goes up once it has finished.
  EXPECT_TRUE(quotewire::testing::wait_until(
      [&] { return std::filesystem::file_size(db) > empty + 16 * 1024; }, 10s))
      << "the database file did not grow: nothing was copied back";
  EXPECT_TRUE(
      quotewire::testing::wait_until([&] { return store.checkpointer()->background() >= 1; }, 10s));
  EXPECT_EQ(store.checkpointer()->on_writer(), 0u);
  EXPECT_EQ(Queries(db).totals().articles, 300);
}

// Should the thread fall behind, the log still stays bounded: past the hard limit the writer
// checkpoints itself, and the log restarts from its beginning.
TEST(Store, PastTheHardLimitTheSinksThreadCheckpointsAndTheLogStaysBounded) {
  TempDir dir;
  const auto db = (dir / "sink.db").string();
  Store store({.path = db, .checkpoints = {.wal_pages = 1 << 30, .inline_after_pages = 20}});
  for (int i = 0; i < 300; ++i) {
    auto a = extraction(fmt::format("art-{}", i));
    store.apply({&a});
  }
  EXPECT_GE(store.checkpointer()->on_writer(), 1u);
  EXPECT_EQ(store.checkpointer()->background(), 0u);
  // 300 commits of several pages each would be megabytes of log without checkpoints.
  EXPECT_LT(std::filesystem::file_size(db + "-wal"), 512 * 1024u);
  EXPECT_EQ(Queries(db).totals().articles, 300);
}

// Two sinks on one database storing the same articles at once: each article is stored by one of
// them, and no aggregate counts it twice.
TEST_P(AnyStore, TwoStoresOnOneDatabaseStoreEachArticleOnce) {
  const auto db = fresh_database();
  constexpr int kArticles = 40, kBatch = 4;
  std::atomic<int> stored{0};
  auto sink = [&] {
    Store store({.path = db});
    for (int first = 0; first < kArticles; first += kBatch) {
      std::vector<pb::Envelope> batch;
      for (int i = first; i < first + kBatch; ++i)
        batch.push_back(extraction(fmt::format("art-{}", i)));
      std::vector<pb::Envelope*> items;
      for (auto& e : batch) items.push_back(&e);
      // A batch that loses a lock wait fails whole and is delivered again, as workers do.
      for (int attempt = 0;; ++attempt) {
        try {
          for (const auto& ack : store.apply(items).acks) stored += ack.status() == pb::STORED;
          break;
        } catch (const StoreError& e) {
          ASSERT_LT(attempt, 20) << e.what();
        }
      }
    }
  };
  std::thread one(sink), two(sink);
  one.join();
  two.join();
  EXPECT_EQ(stored, kArticles);
  Queries queries(db);
  const auto totals = queries.totals();
  EXPECT_EQ(totals.articles, kArticles);
  EXPECT_EQ(totals.statements, 3 * kArticles);
  EXPECT_EQ(totals.duplicates_delivered, kArticles);
  const auto horvat = queries.actor("ivana-horvat");
  ASSERT_TRUE(horvat);
  EXPECT_EQ(horvat->statement_count, kArticles);
  ASSERT_EQ(horvat->roles.size(), 1u);
  EXPECT_EQ(horvat->roles[0].second, kArticles);
  // Each article's statements are its own run of sequences, whichever sink stored it.
  for (int i = 0; i < kArticles; ++i) {
    const std::string id = fmt::format("art-{}", i);
    size_t statements = 0;
    read_updates(queries.database(), {.article_id = id}, [&](pb::ActorUpdate& u) {
      EXPECT_EQ(u.article_id(), id);
      ++statements;
    });
    EXPECT_EQ(statements, 3u) << id;
  }
}

std::vector<int64_t> stored_sequences(const std::string& db) {
  Database read(db, Database::Mode::read_only);
  auto rows = read.prepare("SELECT seq FROM statements ORDER BY seq");
  std::vector<int64_t> out;
  while (rows.step()) out.push_back(rows.int64(0));
  return out;
}

// Text with a NUL byte: valid UTF-8 to protobuf and SQLite, refused by the PostgreSQL server
// (text cannot hold it), so the batch fails there in the middle, after rows went in before it.
pb::Envelope refused_by_postgresql(const std::string& article_id) {
  auto envelope = extraction(article_id);
  envelope.mutable_extraction()->mutable_quotes(1)->set_text(std::string("We will\0 see.", 13));
  return envelope;
}

// The pipeline: an error in the middle of a batch's writes is the server's, thrown by the batch,
// which leaves nothing behind; the same store goes on with the next batch.
TEST(PostgresStore, AServerErrorInTheMiddleOfABatchFailsItWholeAndTheNextBatchIsStored) {
  if (testing::PostgresServer::binaries().empty()) GTEST_SKIP() << kNoPostgres;
  testing::PostgresServer server;
  const auto db = server.create_database();
  Store store({.path = db});
  // Three times: unprepared, then prepared, then prepared and failed before.
  for (int round = 0; round < 3; ++round) {
    std::vector<pb::Envelope> batch;
    for (int i = 0; i < 40; ++i) {  // more rows than one statement takes
      const std::string id = fmt::format("art-{}-{}", round, i);
      batch.push_back(i == 25 ? refused_by_postgresql(id) : extraction(id));
    }
    std::vector<pb::Envelope*> items;
    for (auto& e : batch) items.push_back(&e);
    try {
      store.apply(items);
      FAIL() << "stored a NUL in text";
    } catch (const StoreError& e) {
      EXPECT_NE(std::string(e.what()).find("invalid byte sequence for encoding"), std::string::npos)
          << e.what();
      EXPECT_EQ(std::string(e.what()).find("connection lost"), std::string::npos) << e.what();
    }
    EXPECT_EQ(batch[0].extraction().quotes_size(), 3);  // left as it was
    EXPECT_EQ(Queries(db).totals().articles, round) << "the failed batch left rows";
    auto next = extraction(fmt::format("next-{}", round));
    const auto result = store.apply({&next});
    EXPECT_EQ(result.acks[0].status(), pb::STORED);
    // The failed batch took no sequences.
    EXPECT_EQ(result.updates.front().sequence(), static_cast<uint64_t>(3 * round + 1));
  }
  EXPECT_EQ(Queries(db).totals().statements, 9);
}

// Issue 18: sinks sharing one database, one of whose batches fails after writing statements;
// the committed statements' sequences are 1..N, each article is stored once, counts exact.
TEST(PostgresStore, SequencesHaveNoGapsWhenABatchOfOneOfTwoSinksFails) {
  if (testing::PostgresServer::binaries().empty()) GTEST_SKIP() << kNoPostgres;
  testing::PostgresServer server;
  const auto db = server.create_database();
  Store one({.path = db}), two({.path = db});
  int next_id = 0, stored = 0;
  auto apply = [&](Store& store, bool failing) {
    std::vector<pb::Envelope> batch;
    // Delivered again (a worker's retry) after the other sink stored it.
    if (next_id > 0) batch.push_back(extraction(fmt::format("art-{}", next_id - 1)));
    for (int i = 0; i < 5; ++i) {
      const std::string id =
          failing ? fmt::format("failed-{}", i) : fmt::format("art-{}", next_id++);
      batch.push_back(failing && i == 3 ? refused_by_postgresql(id) : extraction(id));
    }
    std::vector<pb::Envelope*> items;
    for (auto& e : batch) items.push_back(&e);
    try {
      for (const auto& ack : store.apply(items).acks) stored += ack.status() == pb::STORED;
      EXPECT_FALSE(failing);
    } catch (const StoreError& e) {
      EXPECT_TRUE(failing) << e.what();
    }
  };
  apply(one, false);
  apply(two, false);
  apply(one, true);
  apply(two, false);
  apply(one, false);
  apply(two, true);
  apply(two, false);
  apply(one, false);
  EXPECT_EQ(stored, next_id);
  const auto seqs = stored_sequences(db);
  ASSERT_EQ(seqs.size(), static_cast<size_t>(3 * next_id));
  for (size_t i = 0; i < seqs.size(); ++i) ASSERT_EQ(seqs[i], static_cast<int64_t>(i + 1));
  Queries queries(db);
  const auto totals = queries.totals();
  EXPECT_EQ(totals.articles, next_id);
  EXPECT_EQ(totals.statements, 3 * next_id);
  const auto horvat = queries.actor("ivana-horvat");
  ASSERT_TRUE(horvat);
  EXPECT_EQ(horvat->statement_count, next_id);
  ASSERT_EQ(horvat->roles.size(), 1u);
  EXPECT_EQ(horvat->roles[0].second, next_id);
}

TEST(PostgresStore, MessagesShowTheDatabaseWithoutItsPassword) {
  EXPECT_EQ(displayed("postgresql://sink:s3cret@db.example.org:5433/quotes?sslmode=require"),
            "postgresql://sink@db.example.org:5433/quotes?sslmode=require");
  EXPECT_EQ(displayed("postgres://sink@db/quotes"), "postgres://sink@db/quotes");
  EXPECT_EQ(displayed("postgresql:///quotes?host=/run/postgresql"),
            "postgresql:///quotes?host=/run/postgresql");
  EXPECT_EQ(displayed("data/user:x@y.db"), "data/user:x@y.db");  // a SQLite file, as named
}

TEST(PostgresStore, AServerThatIsDownIsAStoreErrorThatSaysSoUntilItIsBack) {
  if (testing::PostgresServer::binaries().empty()) GTEST_SKIP() << kNoPostgres;
  testing::PostgresServer server;
  const auto db = server.create_database();
  Store store({.path = db});
  // Two batches: the store's statements are prepared on the server by the second.
  auto first = extraction("art-0"), a = extraction("art-1");
  EXPECT_EQ(store.apply({&first}).acks[0].status(), pb::STORED);
  EXPECT_EQ(store.apply({&a}).acks[0].status(), pb::STORED);
  server.stop();
  auto b = extraction("art-2");
  try {
    store.apply({&b});
    FAIL() << "stored with the server down";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("PostgreSQL"), std::string::npos) << e.what();
  }
  EXPECT_EQ(b.extraction().quotes_size(), 3);  // left as it was, for the retry
  // Back up, the same store reconnects: the batch delivered again is stored, once.
  server.start();
  EXPECT_EQ(store.apply({&b}).acks[0].status(), pb::STORED);
  auto again = extraction("art-2");
  EXPECT_EQ(store.apply({&again}).acks[0].status(), pb::DUPLICATE);
  const auto totals = Queries(db).totals();
  EXPECT_EQ(totals.articles, 3);
  EXPECT_EQ(totals.statements, 9);
  server.stop();
  try {
    Store another({.path = db});
    FAIL() << "opened a store with the server down";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot connect to PostgreSQL"), std::string::npos)
        << e.what();
  }
}

// A database that refuses writes (made read-only, as a demoted primary is) fails each batch with
// the server's reason; made writable again, the same store carries on, without keeping the
// session that was read-only.
TEST(PostgresStore, ADatabaseThatRefusesWritesFailsBatchesUntilItTakesThemAgain) {
  if (testing::PostgresServer::binaries().empty()) GTEST_SKIP() << kNoPostgres;
  testing::PostgresServer server;
  const auto db = server.create_database();
  Store store({.path = db});  // its schema written: the database took writes until now
  server.set_read_only(db, true, true);
  auto refused = extraction("art-1");
  std::string reason;
  for (int attempt = 0; attempt < 2; ++attempt) {  // the first finds its session ended
    try {
      store.apply({&refused});
      FAIL() << "stored in a read-only database";
    } catch (const StoreError& e) {
      reason = e.what();
    }
  }
  EXPECT_NE(reason.find("read-only transaction"), std::string::npos) << reason;
  EXPECT_NE(reason.find("refuses writes"), std::string::npos) << reason;
  server.set_read_only(db, false, false);
  EXPECT_EQ(store.apply({&refused}).acks[0].status(), pb::STORED);
  EXPECT_EQ(Queries(db).totals().articles, 1);
}

// A PostgreSQL database of schema version 4 (sequences from the column's generator, references
// declared) is migrated when the sink opens it: its articles read back, the references go, and
// new statements number on above every sequence the generator gave out.
TEST(PostgresStore, AVersionFourDatabaseIsMigratedAndKeepsItsData) {
  if (testing::PostgresServer::binaries().empty()) GTEST_SKIP() << kNoPostgres;
  testing::PostgresServer server;
  const auto db = server.create_database();
  // Back to version 4, whose generator a failed batch had left at 10 (statements 1-6 stored).
  const auto applied = store_downgrade_and_store_again(db, [&] {
    server.run_sql(db,
                   "ALTER TABLE statements ADD CONSTRAINT statements_article_id_fkey "
                   "FOREIGN KEY (article_id) REFERENCES articles(article_id);"
                   "ALTER TABLE actor_roles ADD CONSTRAINT actor_roles_actor_id_fkey "
                   "FOREIGN KEY (actor_id) REFERENCES actors(actor_id);"
                   "ALTER TABLE actor_topics ADD CONSTRAINT actor_topics_actor_id_fkey "
                   "FOREIGN KEY (actor_id) REFERENCES actors(actor_id);"
                   "SELECT setval(pg_get_serial_sequence('statements', 'seq'), 10);"
                   "DELETE FROM meta WHERE key = 'last_statement_seq';"
                   "UPDATE meta SET value = '4' WHERE key = 'schema_version';");
  });
  EXPECT_EQ(applied.acks[0].status(), pb::STORED);
  EXPECT_EQ(applied.updates.front().sequence(), 11u);
  Queries queries(db);
  expect_migrated(queries,
                  "SELECT count(*) FROM pg_constraint WHERE conname IN "
                  "('statements_article_id_fkey', 'actor_roles_actor_id_fkey', "
                  "'actor_topics_actor_id_fkey')");
  const auto horvat = queries.actor("ivana-horvat");
  ASSERT_TRUE(horvat);
  EXPECT_EQ(horvat->statement_count, 3);
}

}  // namespace
}  // namespace quotewire::sink
