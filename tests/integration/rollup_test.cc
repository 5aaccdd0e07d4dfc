// Issue 16's question on the seed article, end to end: "what does Moscow think?" The
// ambassador's statement counts for Russia, the analysts' statements are about it, and a later
// article that names the ambassador without his role still counts for Russia, with the evidence
// pointing back. Through the store, the HTTP API and the live for:/about: topics.
#include <httplib.h>

#include <gtest/gtest.h>
#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "pipeline/embedded_pipeline.h"
#include "consumers/subscriber.h"
#include "producers/article_formats.h"
#include "producers/publisher.h"
#include "sink/queries.h"
#include "tests/support/corpus.h"
#include "tests/support/process.h"

namespace quotewire::pipeline {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

std::vector<pb::Article> seed_and_follow_up() {
  pb::Article seed = producers::parse_text_article(
      testing::read_file(QUOTEWIRE_SOURCE_DIR "/samples/000_fd82fa2dbaf82b53.txt"));
  seed.set_article_id("seed");
  seed.set_published_unix_ms(1676000000000);
  pb::Article later;
  later.set_article_id("later");
  later.set_source("Belgrade Courier");
  later.set_published_unix_ms(1676100000000);
  later.set_body(
      "Alexander Botsan-Kharchenko said on Tuesday that the position on Kosovo had not "
      "changed.\n\nThe talks resume in Brussels next week.\n");
  return {seed, later};
}

// The speaker's names in a summary section's latest statements.
std::vector<std::string> speakers(const nlohmann::json& section) {
  std::vector<std::string> out;
  for (const auto& s : section["latest"]) {
    out.push_back(s["speaker"].is_null() ? "" : s["speaker"]["name"].get<std::string>());
  }
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TEST(RollUp, WhatMoscowThinksIsTheAmbassadorsStatementAndTheAnalystsSpeakAboutIt) {
  TempDir dir;
  const auto db = (dir / "sink.db").string();
  EmbeddedConfig config;
  config.workers = 1;
  config.db = db;
  config.http = metrics::HttpSettings{.port = 0};
  EmbeddedPipeline pipeline(config);

  // Live: a subscriber following Russia's roll-up before anything is published.
  std::mutex mutex;
  std::vector<pb::ActorUpdate> for_russia, about_kosovo;
  auto follow = [&](const std::string& prefix) {
    return std::make_unique<consumers::Subscriber>(
        pipeline.context(), consumers::SubscriberConfig{.updates = pipeline.updates_endpoint(),
                                                        .snapshots = pipeline.snapshots_endpoint(),
                                                        .prefix = prefix});
  };
  auto for_sub = follow("for:russia");
  auto about_sub = follow("about:kosovo");
  std::jthread for_thread([&](std::stop_token stop) {
    for_sub->run(stop, [&](const pb::ActorUpdate& u) {
      std::lock_guard lock(mutex);
      for_russia.push_back(u);
    });
  });
  std::jthread about_thread([&](std::stop_token stop) {
    about_sub->run(stop, [&](const pb::ActorUpdate& u) {
      std::lock_guard lock(mutex);
      about_kosovo.push_back(u);
    });
  });
  const auto joined_by = std::chrono::steady_clock::now() + 20s;
  while (!(for_sub->joined() && about_sub->joined()) &&
         std::chrono::steady_clock::now() < joined_by) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(for_sub->joined() && about_sub->joined()) << "the sink's heartbeat never came";

  producers::Publisher publisher(pipeline.context(),
                                 {.broker = pipeline.broker_endpoint(), .producer_id = "p"});
  testing::CorpusSource source(seed_and_follow_up());
  ASSERT_TRUE(publisher.run(source, std::stop_token()));
  ASSERT_EQ(publisher.probe().stored, 2u);

  // The store: by, for and about Russia, kept apart.
  sink::Queries queries(db);
  const sink::ActorRow russia = queries.resolve_actor("Russia");
  EXPECT_EQ(russia.actor_id, "russia");
  const nlohmann::json summary = sink::to_json(queries.summary(russia, {}, 20));
  EXPECT_EQ(summary["by"]["statements"], 0);
  EXPECT_EQ(summary["for"]["statements"], 2);
  EXPECT_EQ(speakers(summary["for"]), (std::vector<std::string>{"Alexander Botsan-Kharchenko",
                                                                "Alexander Botsan-Kharchenko"}));
  const auto about = speakers(summary["about"]);
  EXPECT_TRUE(has(about, "Dragomir Andjelkovic")) << summary["about"].dump();
  EXPECT_TRUE(has(about, "Dimitrije Milic")) << summary["about"].dump();
  EXPECT_FALSE(has(about, "Alexander Botsan-Kharchenko")) << "a position is not also 'about'";

  // The chain for each position: the role in the seed article, carried to the later one.
  const auto& latest_for = summary["for"]["latest"];  // newest first
  ASSERT_EQ(latest_for.size(), 2u);
  const auto& carried = latest_for[0];
  const auto& stated = latest_for[1];
  EXPECT_EQ(stated["article_id"], "seed");
  ASSERT_FALSE(stated["for"].empty());
  EXPECT_EQ(stated["for"][0]["actor_id"], "russia");
  EXPECT_EQ(stated["for"][0]["relation"], "ambassador");
  EXPECT_NE(stated["for"][0]["evidence"].get<std::string>().find("Ambassador to Serbia"),
            std::string::npos);
  EXPECT_EQ(stated["for"][0]["carried"], false);
  EXPECT_EQ(carried["article_id"], "later");
  ASSERT_FALSE(carried["for"].empty());
  EXPECT_EQ(carried["for"][0]["actor_id"], "russia");
  EXPECT_EQ(carried["for"][0]["carried"], true);
  EXPECT_EQ(carried["for"][0]["learned_in"], "seed");

  // Andjelkovic speaks for nobody; his direct quote is about Serbia, Kosovo and the West.
  const sink::ActorRow analyst = queries.resolve_actor("Dragomir Andjelkovic");
  const nlohmann::json his = sink::to_json(queries.summary(analyst, {}, 20));
  EXPECT_EQ(his["for"]["statements"], 0);
  bool found_direct = false;
  for (const auto& s : his["by"]["latest"]) {
    EXPECT_TRUE(s["for"].empty()) << s.dump();
    if (s["kind"] != "direct") continue;
    found_direct = true;
    std::vector<std::string> subjects;
    for (const auto& a : s["about"]) subjects.push_back(a["actor_id"]);
    for (const char* id : {"serbia", "kosovo", "west"}) {
      EXPECT_TRUE(has(subjects, id)) << id << " missing from " << s["about"].dump();
    }
  }
  EXPECT_TRUE(found_direct);

  // The API answers the same, and the combination: by or for Russia, about Kosovo.
  httplib::Client client(pipeline.http_url());
  auto res = client.Get("/api/actors/russia/summary?latest=20");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto api = nlohmann::json::parse(res->body);
  EXPECT_EQ(api["for"]["statements"], 2);
  EXPECT_EQ(api["about"]["statements"], summary["about"]["statements"]);
  res = client.Get("/api/actors/russia/by-or-for?about=kosovo");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto combined = nlohmann::json::parse(res->body);
  ASSERT_EQ(combined["statements"].size(), 2u) << res->body;
  for (const auto& s : combined["statements"]) {
    EXPECT_EQ(s["speaker"]["name"], "Alexander Botsan-Kharchenko");
  }

  // Live: both positions reached the for:russia follower, each once; about:kosovo too.
  const auto live_by = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < live_by) {
    {
      std::lock_guard lock(mutex);
      if (for_russia.size() >= 2 && !about_kosovo.empty()) break;
    }
    std::this_thread::sleep_for(20ms);
  }
  std::this_thread::sleep_for(300ms);  // anything extra would arrive now
  for_thread.request_stop();
  about_thread.request_stop();
  for_thread.join();
  about_thread.join();
  ASSERT_EQ(for_russia.size(), 2u);
  EXPECT_EQ(for_russia[0].article_id(), "seed");
  EXPECT_EQ(for_russia[1].article_id(), "later");
  EXPECT_EQ(for_russia[1].carried_affiliations_size(), 1);
  EXPECT_FALSE(about_kosovo.empty());
  for (const auto& u : about_kosovo) {
    const auto& subjects = u.quote().subjects();
    EXPECT_TRUE(std::any_of(subjects.begin(), subjects.end(),
                            [](const pb::Subject& s) { return s.actor_id() == "kosovo"; }));
  }
  pipeline.stop();
}

}  // namespace
}  // namespace quotewire::pipeline
