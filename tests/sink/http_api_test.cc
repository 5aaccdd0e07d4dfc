// The sink's HTTP API: every endpoint, with good and bad parameters.
#include <fmt/format.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "tests/sink/sink_fixture.h"
#include "tests/support/prometheus.h"

namespace quotewire::sink {
namespace {

class HttpApi : public SinkRole {
 protected:
  HttpApi() : SinkRole(metrics::HttpSettings{.port = 0}), client_(sink_.http_url()) {
    client_.set_read_timeout(5, 0);
  }

  // GET path: status and parsed JSON body.
  std::pair<int, nlohmann::json> get(const std::string& path) {
    auto res = client_.Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {0, nullptr};
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path;
    return {res->status, nlohmann::json::parse(res->body)};
  }

  httplib::Client client_;
};
QW_INSTANTIATE_STORE_BACKENDS(HttpApi);

TEST_P(HttpApi, ListsAndSearchesActorsIgnoringCaseAndAccents) {
  store("a1");
  store("a2", "Zoran Perić", "zoran-peric");
  store("a3");
  auto [status, body] = get("/api/actors");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(body["actors"].size(), 2u);
  EXPECT_EQ(body["actors"][0]["name"], "Ivana Horvat");  // most statements first
  EXPECT_EQ(body["actors"][0]["statement_count"], 2);
  EXPECT_TRUE(body["next_offset"].is_null());

  auto [s2, found] = get("/api/actors?q=PERIC");
  ASSERT_EQ(s2, 200);
  ASSERT_EQ(found["actors"].size(), 1u);
  EXPECT_EQ(found["actors"][0]["name"], "Zoran Perić");

  auto [s3, page] = get("/api/actors?limit=1");
  EXPECT_EQ(page["actors"].size(), 1u);
  EXPECT_EQ(page["next_offset"], 1);
  auto [s4, rest] = get("/api/actors?limit=1&offset=1");
  EXPECT_EQ(rest["actors"][0]["name"], "Zoran Perić");
}

TEST_P(HttpApi, OneActorWithRolesCountsAndTopics) {
  store("a1");
  auto [status, actor] = get("/api/actors/ivana-horvat");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(actor["name"], "Ivana Horvat");
  EXPECT_EQ(actor["type"], "PERSON");
  EXPECT_EQ(actor["roles"][0]["name"], "port director");
  EXPECT_EQ(actor["topics"][0]["name"], "Rijeka");
  auto [missing, error] = get("/api/actors/nobody-at-all");
  EXPECT_EQ(missing, 404);
  EXPECT_EQ(error["error"], "no actor \"nobody-at-all\"");
}

TEST_P(HttpApi, AnActorsStatementsPageByCursor) {
  for (int i = 0; i < 5; ++i) store(fmt::format("a{}", i));
  auto [status, first] = get("/api/actors/ivana-horvat/statements?limit=2");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(first["statements"].size(), 2u);
  EXPECT_EQ(first["statements"][0]["seq"], 1);
  EXPECT_EQ(first["next"], 2);
  auto [s2, second] = get("/api/actors/ivana-horvat/statements?limit=2&cursor=2");
  EXPECT_EQ(second["statements"][0]["seq"], 3);
  EXPECT_EQ(second["statements"][0]["speaker"]["statement_count"], 3);
  auto [s3, last] = get("/api/actors/ivana-horvat/statements?limit=2&cursor=4");
  EXPECT_EQ(last["statements"].size(), 1u);
  EXPECT_TRUE(last["next"].is_null());
  EXPECT_EQ(get("/api/actors/nobody/statements").first, 404);
}

TEST_P(HttpApi, StatementsSinceASequenceAcrossActors) {
  store("a1");
  store("a2", "Zoran Perić", "zoran-peric");
  store("a3");
  auto [status, body] = get("/api/statements?since=1");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(body["statements"].size(), 2u);
  EXPECT_EQ(body["statements"][0]["speaker"]["name"], "Zoran Perić");
  EXPECT_EQ(body["statements"][1]["seq"], 3);
}

TEST_P(HttpApi, OneArticlesExtraction) {
  store("a1");
  auto [status, article] = get("/api/articles/a1");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(article["status"], "stored");
  EXPECT_EQ(article["source"], "Adriatic Ledger");
  EXPECT_EQ(article["entities"][0]["text"], "Rijeka");
  EXPECT_EQ(article["statements"][0]["text"], "The Rijeka bridge will reopen in May.");
  EXPECT_EQ(get("/api/articles/unknown").first, 404);
}

TEST_P(HttpApi, BadParametersAreA400WithTheReason) {
  for (const char* path : {"/api/actors?limit=0", "/api/actors?limit=5000", "/api/actors?limit=ten",
                           "/api/actors?offset=-1", "/api/statements?since=abc",
                           "/api/statements?limit=1x", "/api/statements?since=%20"}) {
    auto [status, body] = get(path);
    EXPECT_EQ(status, 400) << path;
    EXPECT_TRUE(body["error"].is_string()) << path;
  }
}

TEST_P(HttpApi, StatsHealthMetricsAndDashboard) {
  store("a1");
  auto [status, stats] = get("/api/stats");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(stats["totals"]["articles"], 1);
  EXPECT_EQ(stats["top_actors"][0]["name"], "Ivana Horvat");
  EXPECT_EQ(stats["recent"][0]["text"], "The Rijeka bridge will reopen in May.");
  EXPECT_TRUE(stats["broker"].is_null());  // none configured

  auto health = client_.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);

  auto metrics = client_.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(testing::prometheus_errors(metrics->body), std::vector<std::string>{});
  auto samples = testing::prometheus_samples(metrics->body);
  EXPECT_EQ(samples["quotewire_sink_stored_total"], 1);
  EXPECT_EQ(samples["quotewire_sink_statements_total"], 1);

  auto page = client_.Get("/");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("id=\"throughput-chart\""), std::string::npos);
}

}  // namespace
}  // namespace quotewire::sink
