// The binary as a user meets it: help, misuse, signals, and `run` on the bundled samples.
#include <gtest/gtest.h>
#include <signal.h>

#include <httplib.h>
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/postgres.h"
#include "tests/support/process.h"

namespace quotewire::testing {
namespace {

using namespace std::chrono_literals;

TEST(Cli, EverySubcommandHasHelp) {
  for (const char* command : {"run", "broker", "worker", "sink", "publish", "actors", "extract"}) {
    std::string out;
    EXPECT_EQ(run_quotewire({command, "--help"}, &out), 0) << command;
    EXPECT_NE(out.find("Usage"), std::string::npos) << command;
  }
}

TEST(Cli, MisuseExitsNonZeroWithAOneLineReason) {
  std::string out, err;
  EXPECT_NE(run_quotewire({"broker", "--no-such-flag"}, &out, &err), 0);
  EXPECT_NE(err.find("--no-such-flag"), std::string::npos) << err;
  EXPECT_NE(run_quotewire({"extract", "/no/such/article.txt"}, &out, &err), 0);
  EXPECT_EQ(err, "quotewire: cannot read /no/such/article.txt\n");
}

// `extract --jsonl`: one result line per article line, in order, with its id; a bad line gets an
// error of its own and the lines after it are still extracted.
TEST(Cli, ExtractJsonLinesAnswersEveryLine) {
  TempDir dir;
  const auto input = dir / "articles.jsonl";
  std::ofstream(input) << R"({"id": "a", "text": "Ana Kovac said the port would reopen."})"
                       << "\n"
                       << "{not json\n"
                       << R"({"id": 7, "body": "\u201cWe are ready,\u201d Ivo Peric said."})"
                       << "\n";
  std::string out, err;
  ASSERT_EQ(run_quotewire({"extract", "--jsonl", input.string()}, &out, &err), 0) << err;
  std::istringstream lines(out);
  std::vector<nlohmann::json> results;
  for (std::string line; std::getline(lines, line);) results.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(results.size(), 3u) << out;
  EXPECT_EQ(results[0]["id"], "a");
  ASSERT_EQ(results[0]["quotes"].size(), 1u);
  EXPECT_EQ(results[0]["quotes"][0]["speaker"]["name"], "Ana Kovac");
  EXPECT_TRUE(results[1]["id"].is_null());
  EXPECT_NE(results[1]["error"].get<std::string>().find("line 2"), std::string::npos);
  EXPECT_EQ(results[2]["id"], 7);
  ASSERT_EQ(results[2]["quotes"].size(), 1u);
  EXPECT_EQ(results[2]["quotes"][0]["text"], "We are ready,");
}

// A saved page: the article's text and metadata, and what was found in that text (offsets
// into the article's body).
TEST(Cli, ExtractReadsASavedPage) {
  TempDir dir;
  const auto page = dir / "story.html";
  std::ofstream(page) << "<!DOCTYPE html><html lang=\"en\"><head><title>Port news</title>"
                         "<link rel=\"canonical\" href=\"https://example.org/port\"></head><body>"
                         "<nav><a href=\"/\">Home</a></nav><article><h1>Port news</h1>"
                         "<p>\u201cThe cranes will come in May,\u201d said Ivana Horvat, the port "
                         "authority's director.</p><p>Dock workers said they would keep talking "
                         "with the port about the night shifts and the plan.</p></article>"
                         "<footer>Copyright 2025</footer></body></html>";
  std::string out, err;
  ASSERT_EQ(run_quotewire({"extract", "--json", page.string()}, &out, &err), 0) << err;
  const auto result = nlohmann::json::parse(out);
  const auto& article = result["article"];
  EXPECT_EQ(article["title"], "Port news");
  EXPECT_EQ(article["url"], "https://example.org/port");
  EXPECT_EQ(article["language"], "en");
  const std::string body = article["body"];
  EXPECT_EQ(body.rfind("\u201cThe cranes", 0), 0u) << body;
  EXPECT_NE(body.find("\n\nDock workers"), std::string::npos) << body;
  EXPECT_EQ(body.find("Home"), std::string::npos);
  ASSERT_FALSE(result["quotes"].empty());
  const auto& q = result["quotes"][0];
  EXPECT_EQ(q["speaker"]["name"], "Ivana Horvat");
  EXPECT_EQ(body.substr(q["start"], q["end"].get<size_t>() - q["start"].get<size_t>()), q["text"]);
  // A "page" that is an image: refused with the reason.
  const auto image = dir / "photo.html";
  std::ofstream(image, std::ios::binary) << std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  EXPECT_EQ(run_quotewire({"extract", "--json", image.string()}, &out, &err), 3);
  EXPECT_NE(err.find("binary content"), std::string::npos) << err;
}

TEST(Cli, RolesStopWithinTwoSecondsOnSigintAndSigterm) {
  TempDir dir;
  const std::string backend = tcp_endpoint(free_port());
  const std::string results = tcp_endpoint(free_port());
  struct Role {
    std::vector<std::string> args;
    int signal;
    int http;  // its /metrics answers once its signal handlers are in place
  };
  const int http[3] = {free_port(), free_port(), free_port()};
  std::vector<Role> roles{
      {{"broker", "--frontend", tcp_endpoint(free_port()), "--backend", backend, "--http",
        std::to_string(http[0])},
       SIGINT,
       http[0]},
      {{"sink", "--db", (dir / "s.db").string(), "--results", results, "--updates",
        tcp_endpoint(free_port()), "--snapshots", tcp_endpoint(free_port()), "--http",
        std::to_string(http[1])},
       SIGTERM,
       http[1]},
      {{"worker", "--broker", backend, "--sink", results, "--http", std::to_string(http[2])},
       SIGINT,
       http[2]},
  };
  for (auto& [args, sig, http_port] : roles) {
    Process process(args, dir / (args[0] + ".log"));
    const int port = http_port;  // a lambda may not capture a structured binding (clang 14)
    // Started when it serves: a fixed wait was too short for an instrumented binary on a busy
    // machine (the signal came before the handlers).
    ASSERT_TRUE(wait_until(
        [&] {
          httplib::Client client("127.0.0.1", port);
          client.set_connection_timeout(0, 200000);
          return static_cast<bool>(client.Get("/metrics"));
        },
        10s))
        << read_file(dir / (args[0] + ".log"));
    ASSERT_TRUE(process.running()) << read_file(dir / (args[0] + ".log"));
    process.signal(sig);
    EXPECT_EQ(process.wait(2s), 0) << args[0] << ": " << read_file(dir / (args[0] + ".log"));
  }
}

// `quotewire bench` end to end on a small corpus: every stage measured on every article, and
// each role's CPU per article (what tells a user which role bounds the pipeline).
TEST(Cli, BenchMeasuresEveryStageAndTheCpuOfEachRole) {
  std::string out, err;
  ASSERT_EQ(run_quotewire({"bench", "-n", "200", "-w", "2", "--noop-articles", "500", "--json"},
                          &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("overhead: 1-worker pipeline ="), std::string::npos) << out;
  const auto report = nlohmann::json::parse(out.substr(out.find("\n{") + 1));
  EXPECT_GT(report["extractor"]["articles_per_s"].get<double>(), 0);
  EXPECT_GT(report["transport"]["articles_per_s"].get<double>(), 0);
  ASSERT_EQ(report["pipeline"].size(), 2u);
  for (const auto& run : {report["pipeline"][0], report["pipeline"][1], report["half_rate"]}) {
    EXPECT_EQ(run["articles"], 200) << run.dump();
    const auto& cpu = run["cpu_us_per_article"];
    for (const char* role : {"producer", "broker", "workers", "sink"}) {
      ASSERT_TRUE(cpu.contains(role)) << role << " in " << run.dump();
      EXPECT_GT(cpu[role].get<double>(), 0) << role << " in " << run.dump();
    }
    // Extracting costs the workers more than passing articles costs the broker.
    EXPECT_GT(cpu["workers"].get<double>(), cpu["broker"].get<double>()) << run.dump();
  }
  EXPECT_EQ(report["noop"]["articles"], 500);
  EXPECT_GT(report["noop"]["cpu_us_per_article"]["sink"].get<double>(), 0);

  // The ceiling, from the 1-worker run's CPU: that run cannot have beaten it (all its threads'
  // CPU is counted over the same articles), and more workers never lower it.
  EXPECT_NE(out.find("ceiling on these"), std::string::npos) << out;
  ASSERT_EQ(report["ceilings"].size(), 2u);
  EXPECT_GE(report["cores"].get<int>(), 1);
  const auto& one = report["ceilings"][0];
  EXPECT_FALSE(one["bound_by"].get<std::string>().empty());
  EXPECT_LE(report["pipeline"][0]["articles_per_s"].get<double>(),
            1.1 * one["articles_per_s"].get<double>())
      << report.dump();
  EXPECT_GE(report["ceilings"][1]["articles_per_s"].get<double>(),
            one["articles_per_s"].get<double>());
}

TEST(Cli, BenchMeasuresARealCorpus) {
  std::string out, err;
  ASSERT_EQ(run_quotewire({"bench", "--corpus", QUOTEWIRE_SOURCE_DIR "/samples", "-n", "120", "-w",
                           "1", "--noop-articles", "200", "--json"},
                          &out, &err),
            0)
      << err;
  const auto report = nlohmann::json::parse(out.substr(out.find("\n{") + 1));
  EXPECT_EQ(report["corpus"]["source"], QUOTEWIRE_SOURCE_DIR "/samples");
  EXPECT_GT(report["corpus"]["distinct_articles"].get<int>(), 3);
  EXPECT_EQ(report["pipeline"][0]["articles"], 120);
  EXPECT_GT(report["pipeline"][0]["cpu_us_per_article"]["sink"].get<double>(), 0);
  // Every copy was stored, none taken for a duplicate of another.
  EXPECT_EQ(report["pipeline"][0]["stored"], 120);

  EXPECT_NE(run_quotewire({"bench", "--corpus", "/nonexistent/corpus", "-n", "100"}, &out, &err),
            0);
  EXPECT_NE(err.find("/nonexistent/corpus"), std::string::npos) << err;
}

TEST(Cli, RunOnTheSamplesFindsTheSeedArticlesSpeakers) {
  TempDir dir;
  const std::string db = (dir / "run.db").string();
  std::string out, err;
  ASSERT_EQ(run_quotewire({"run", "--db", db, QUOTEWIRE_SOURCE_DIR "/samples"}, &out, &err), 0)
      << err;
  EXPECT_NE(out.find("STATEMENTS"), std::string::npos) << out;
  std::string json;
  ASSERT_EQ(run_quotewire({"actors", "--db", db, "--json"}, &json), 0);
  std::map<std::string, int64_t> statements;
  std::istringstream lines(json);
  for (std::string line; std::getline(lines, line);) {
    auto actor = nlohmann::json::parse(line);
    statements[actor["name"].get<std::string>()] = actor["statement_count"].get<int64_t>();
  }
  for (const char* speaker : {"Dragomir Andjelkovic", "Alexander Botsan-Kharchenko",
                              "Dimitrije Milic", "Saša Janković"}) {
    ASSERT_TRUE(statements.contains(speaker)) << speaker << " missing from:\n" << json;
    EXPECT_GE(statements[speaker], 1) << speaker;
  }

  // The seed article's headline question: what does Moscow think? The ambassador's statement
  // is Russia's position, with its evidence; the analysts' statements are about Russia.
  std::string russia;
  ASSERT_EQ(run_quotewire({"actors", "--db", db, "Russia"}, &russia), 0);
  const auto for_at = russia.find("for Russia");
  const auto about_at = russia.find("about Russia");
  ASSERT_NE(for_at, std::string::npos) << russia;
  ASSERT_NE(about_at, std::string::npos) << russia;
  const std::string for_part = russia.substr(for_at, about_at - for_at);
  const std::string about_part = russia.substr(about_at);
  EXPECT_NE(for_part.find("Alexander Botsan-Kharchenko"), std::string::npos) << russia;
  EXPECT_NE(for_part.find("evidence “Russia’s Ambassador to Serbia”"), std::string::npos) << russia;
  EXPECT_EQ(for_part.find("Andjelkovic"), std::string::npos) << russia;
  EXPECT_NE(about_part.find("Dragomir Andjelkovic"), std::string::npos) << russia;
  EXPECT_EQ(about_part.find("Botsan-Kharchenko"), std::string::npos) << russia;
}

// The same articles stored in PostgreSQL read back as from SQLite: `actors` and `export` give
// the same answers, but for what depends on arrival order (sequences, latest, counts as of each
// statement) and storage time.
TEST(Cli, ActorsAndExportAnswerTheSameFromPostgreSQLAsFromSQLite) {
  if (PostgresServer::binaries().empty())
    GTEST_SKIP() << "PostgreSQL is not installed: scripts/bootstrap --tests installs it";
  PostgresServer server;
  TempDir dir;
  auto answers = [](const std::string& db) {
    std::string out, err;
    EXPECT_EQ(run_quotewire({"run", "--db", db, QUOTEWIRE_SOURCE_DIR "/samples"}, &out, &err), 0)
        << err;
    std::vector<nlohmann::json> lines;
    auto read = [&](const std::vector<std::string>& args, std::initializer_list<const char*> drop) {
      std::string json;
      EXPECT_EQ(run_quotewire(args, &json, &err), 0) << err;
      std::istringstream in(json);
      for (std::string line; std::getline(in, line);) {
        auto row = nlohmann::json::parse(line);
        for (const char* key : drop) row.erase(key);
        if (row.contains("speaker") && row["speaker"].is_object()) {
          row["speaker"].erase("statement_count");
        }
        lines.push_back(std::move(row));
      }
    };
    read({"actors", "--db", db, "--json"}, {"first_seen_ms", "last_seen_ms", "latest_statement"});
    const size_t actors = lines.size();
    read({"export", "--db", db}, {"seq"});
    std::sort(lines.begin() + static_cast<std::ptrdiff_t>(actors), lines.end());
    return lines;
  };
  const auto sqlite = answers((dir / "run.db").string());
  ASSERT_GT(sqlite.size(), 20u);
  EXPECT_EQ(answers(server.create_database()), sqlite);
}

// Aliases of the user's own reach the workers of `run`: Zagreb speaks for Croatia.
TEST(Cli, RunTakesStateAliasesOfTheUsersOwn) {
  TempDir dir;
  std::ofstream(dir / "a.txt") << "Title: Border\n\nZagreb said on Monday that the border talks "
                                  "would resume next week.\n";
  std::ofstream(dir / "aliases.tsv") << "Zagreb\tCroatia\tcapital, for the Croatian government\n";
  std::ofstream(dir / "bad.tsv") << "Atlantis\tGreece\tlost capital\n";
  const std::string db = (dir / "run.db").string();
  std::string out, err;
  ASSERT_EQ(run_quotewire({"run", "--db", db, "--aliases", (dir / "aliases.tsv").string(),
                           (dir / "a.txt").string()},
                          &out, &err),
            0)
      << err;
  std::string croatia;
  ASSERT_EQ(run_quotewire({"actors", "--db", db, "Croatia"}, &croatia), 0);
  EXPECT_NE(croatia.find("for Croatia, by those who speak for it (1)"), std::string::npos)
      << croatia;
  EXPECT_NE(croatia.find("evidence “capital, for the Croatian government”"), std::string::npos)
      << croatia;

  EXPECT_EQ(
      run_quotewire({"extract", "--aliases", (dir / "bad.tsv").string(), (dir / "a.txt").string()},
                    &out, &err),
      2);
  EXPECT_NE(err.find("\"Atlantis\": not a name the gazetteer knows"), std::string::npos) << err;
}

TEST(Cli, PublishReportsAnUnreadableInputAndStillDeliversTheRest) {
  TempDir dir;
  const std::string frontend = tcp_endpoint(free_port());
  const std::string backend = tcp_endpoint(free_port());
  const std::string results = tcp_endpoint(free_port());
  Process sink(
      {"sink", "--db", (dir / "s.db").string(), "--results", results, "--updates",
       tcp_endpoint(free_port()), "--snapshots", tcp_endpoint(free_port()), "--http", "off"},
      dir / "sink.log");
  Process broker({"broker", "--frontend", frontend, "--backend", backend, "--http", "off"},
                 dir / "broker.log");
  Process worker({"worker", "--broker", backend, "--sink", results}, dir / "worker.log");
  std::ofstream(dir / "good.txt") << "Title: Fine\n\n“It works,” said Ana Kovač.\n";
  std::string out, err;
  const int code = run_quotewire({"publish", "--broker", frontend, (dir / "missing.txt").string(),
                                  (dir / "good.txt").string()},
                                 &out, &err, 30s);
  EXPECT_EQ(code, 2) << err;
  EXPECT_NE(err.find("missing.txt: no such file"), std::string::npos) << err;
  EXPECT_NE(out.find("published 1 article(s): 1 stored"), std::string::npos) << out;
}

}  // namespace
}  // namespace quotewire::testing
