// The configuration layers on a command of their own: defaults, then the TOML file, then the
// command line, then QUOTEWIRE_* variables; and a clear error naming the file and line, or the
// variable, for anything they cannot use.
#include "config/settings.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>

#include "config/configured_app.h"
#include "config/print.h"
#include "tests/support/process.h"

namespace quotewire::config {
namespace {

using quotewire::testing::TempDir;

struct Demo {
  std::string name = "default";
  int count = 1;
  bool loud = false;
  std::vector<std::string> inputs;
  std::vector<std::string> properties;
  std::string topic;
};

// A root with one command, "demo", whose options fill `demo` when it runs.
class SettingsTest : public ::testing::Test {
 protected:
  SettingsTest() {
    auto* cmd = app_.add_subcommand("demo", "a command to configure");
    cmd->add_option("inputs", demo_.inputs, "files");
    cmd->add_option("--name", demo_.name, "a name")->capture_default_str();
    cmd->add_option("--count", demo_.count, "a number")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
    cmd->add_flag("--loud", demo_.loud, "a flag");
    cmd->add_option("--kafka-property", demo_.properties, "key=value items");
    cmd->add_option("--kafka-topic", demo_.topic, "a nested name");
    cmd->callback([this] { ran_ = true; });
    app_.add_config_options();
  }
  ~SettingsTest() override {
    for (const char* v : {"QUOTEWIRE_DEMO_NAME", "QUOTEWIRE_DEMO_COUNT", "QUOTEWIRE_DEMO_INPUTS",
                          "QUOTEWIRE_CONFIG"}) {
      unsetenv(v);
    }
  }

  std::string config(const std::string& toml) {
    const auto path = (dir_ / "quotewire.toml").string();
    std::ofstream(path) << toml;
    return path;
  }
  void parse(std::vector<std::string> args) {
    args.insert(args.begin(), {"quotewire", "demo"});
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    app_.parse(static_cast<int>(argv.size()), argv.data());
  }

  TempDir dir_;
  ConfiguredApp app_{"test"};
  Demo demo_;
  bool ran_ = false;
};

TEST_F(SettingsTest, FileThenFlagsThenEnvironmentEachOverrideTheOneBefore) {
  const auto file = config(
      "[demo]\nname = \"from file\"\ncount = 5\nloud = true\n"
      "inputs = [\"a.rss\", \"b.rss\"]\n");
  setenv("QUOTEWIRE_DEMO_COUNT", "9", 1);
  parse({"--config", file, "--name", "from flag", "--count", "7"});
  EXPECT_TRUE(ran_);
  EXPECT_EQ(demo_.name, "from flag");  // the flag over the file
  EXPECT_EQ(demo_.count, 9);           // the environment over the flag
  EXPECT_TRUE(demo_.loud);             // the file over the default
  EXPECT_EQ(demo_.inputs, (std::vector<std::string>{"a.rss", "b.rss"}));
}

TEST_F(SettingsTest, NestedTablesJoinNamesAndKeyValueTablesBecomeItems) {
  setenv("QUOTEWIRE_CONFIG",
         config("[demo.kafka]\ntopic = \"news\"\n"
                "[demo.kafka.property]\n\"security.protocol\" = \"SSL\"\n"
                "retries = 3\n")
             .c_str(),
         1);
  setenv("QUOTEWIRE_DEMO_INPUTS", "x.jsonl,y.jsonl", 1);
  parse({});
  EXPECT_EQ(demo_.topic, "news");
  EXPECT_EQ(demo_.properties, (std::vector<std::string>{"retries=3", "security.protocol=SSL"}));
  EXPECT_EQ(demo_.inputs, (std::vector<std::string>{"x.jsonl", "y.jsonl"}));
}

TEST_F(SettingsTest, UnderscoresInKeysSpellTheSameOptions) {
  parse({"--config", config("[demo]\nkafka_topic = \"news\"\n")});
  EXPECT_EQ(demo_.topic, "news");
}

TEST_F(SettingsTest, MistakesNameTheFileAndLineOrTheVariable) {
  auto error_of = [&](const std::vector<std::string>& args) -> std::string {
    try {
      parse(args);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "no error";
  };
  const auto typo = config("[demo]\nname = \"x\"\nnmae = \"y\"\n");
  EXPECT_EQ(error_of({"--config", typo}), typo + ":3: [demo] has no setting \"nmae\"");
  const auto command = config("[demo]\n[demoo]\nname = \"x\"\n");
  EXPECT_EQ(error_of({"--config", command}), command + ":2: there is no command \"demoo\"");
  const auto syntax = config("[demo]\nname = \"unterminated\n");
  EXPECT_TRUE(error_of({"--config", syntax}).starts_with(syntax + ":2:"));
  const auto range = config("[demo]\ncount = 500\n");
  EXPECT_TRUE(error_of({"--config", range}).starts_with(range + ":2: count: "))
      << error_of({"--config", range});
  setenv("QUOTEWIRE_DEMO_COUNT", "many", 1);
  EXPECT_TRUE(error_of({}).starts_with("QUOTEWIRE_DEMO_COUNT: count: "));
  EXPECT_FALSE(ran_);
}

TEST_F(SettingsTest, PrintShowsEachValueWithItsOrigin) {
  const auto file = config("[demo]\nname = \"from file\"\n");
  setenv("QUOTEWIRE_DEMO_COUNT", "9", 1);
  std::ostringstream out;
  print_configuration(out, app_, {}, file);
  const std::string text = out.str();
  EXPECT_NE(text.find("[demo]"), std::string::npos) << text;
  EXPECT_NE(text.find("name = \"from file\""), std::string::npos) << text;
  EXPECT_NE(text.find("# " + file + ":2"), std::string::npos) << text;
  EXPECT_NE(text.find("count = 9"), std::string::npos) << text;
  EXPECT_NE(text.find("# QUOTEWIRE_DEMO_COUNT"), std::string::npos) << text;
  EXPECT_NE(text.find("loud = false"), std::string::npos) << text;
  // What it prints reads back as the same configuration.
  std::ofstream(dir_ / "printed.toml") << text;
  unsetenv("QUOTEWIRE_DEMO_COUNT");
  parse({"--config", (dir_ / "printed.toml").string()});
  EXPECT_EQ(demo_.name, "from file");
  EXPECT_EQ(demo_.count, 9);
}

}  // namespace
}  // namespace quotewire::config
