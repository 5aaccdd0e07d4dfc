// The learned parts of attribution with the bundled model (extract/models/attribution.qwm):
// guessed subjects the statement model accepts, the rules that feed it, and how a model file is
// read. Sentences written
// for these tests, not taken from the training corpus.
#include <gtest/gtest.h>

#include "extract/linear_model.h"
#include "tests/extract/test_support.h"

namespace quotewire::extract {
namespace {

using testing::quote_with;
using testing::run;
using testing::speaker_name;

TEST(LearnedAttribution, LongSubjectWithoutANameIsGuessed) {
  auto x =
      run("A harbour official familiar with the inspection said that the crane had failed twice "
          "before the accident.");
  const Quote* q = quote_with(x, "the crane had failed twice");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_NE(q->speaker->mention.find("official"), std::string::npos) << q->speaker->mention;
}

TEST(LearnedAttribution, ContractedHasBeforeTheVerb) {
  auto x = run("Tomislav Jurić spoke last. He's said the ferry will run all winter.");
  const Quote* q = quote_with(x, "the ferry will run all winter");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Tomislav Jurić");
}

TEST(LearnedAttribution, ProgressiveTellingIsNoPassive) {
  auto x = run("Senator Ana Kovač is telling reporters in Split that the bridge will open in May.");
  const Quote* q = quote_with(x, "the bridge will open in May");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
}

TEST(LearnedAttribution, AsideBetweenDashesAfterTheCueIsSkipped) {
  auto x =
      run("The campaign manager, Petra Lovrić, said — on the radio, as it happens — that the count "
          "was fair.");
  const Quote* q = quote_with(x, "the count was fair");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the count was fair");
  EXPECT_EQ(speaker_name(q), "Petra Lovrić");
}

TEST(LearnedAttribution, StatementsSayHowTheyWereFound) {
  auto x = run("“The dock is closed,” said Goran Matić. Goran Matić said the dock would reopen.");
  const Quote* direct = quote_with(x, "The dock is closed");
  ASSERT_NE(direct, nullptr);
  EXPECT_EQ(direct->found_by, Pattern::quote_before_cue);
  const Quote* indirect = quote_with(x, "the dock would reopen");
  ASSERT_NE(indirect, nullptr);
  EXPECT_EQ(indirect->found_by, Pattern::content_after_cue);
}

TEST(LearnedAttribution, AHeadlineVerbBeyondSays) {
  auto x =
      run("Mayor Ana Kovač Just Announced Her Plan For The Harbour\n\nThe mayor of Split spoke on "
          "Friday.");
  const Quote* q = quote_with(x, "Her Plan For The Harbour");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
  // Not in running text, where a capital on the verb means something else.
  auto y = run("The Split Harbour Announced Dividends Fund paid out on Friday.");
  EXPECT_TRUE(y.quotes.empty());
}

TEST(LearnedAttribution, ASpeechNounSpeaksForItsOwner) {
  auto x = run("Milena Perić’s call to close the port went unheeded.");
  const Quote* q = quote_with(x, "close the port");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "to close the port");  // not the sentence's own verb phrase
  EXPECT_EQ(speaker_name(q), "Milena Perić");
  EXPECT_EQ(q->found_by, Pattern::speech_noun);

  auto y = run("Luka Horvat spoke on Monday. His promise to keep the ferries was popular.");
  EXPECT_EQ(speaker_name(quote_with(y, "to keep the ferries")), "Luka Horvat");

  // No owner, no speaker: and a capitalised determiner is no subject either.
  auto z = run("The claim that the port will close is false.");
  EXPECT_TRUE(z.quotes.empty());
}

TEST(LinearModels, SurviveSerialisation) {
  LinearModel m(10);
  m.bias() = -0.5f;
  Features f;
  f.add(1, "said");
  f.add(2, "the", 3);
  for (const uint32_t h : f.hashes()) m.weights()[h & 1023] = 0.75f;
  const auto parsed = parse_models(serialize_models({{"one", m}}));
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0].name, "one");
  EXPECT_FLOAT_EQ(parsed[0].model.score(f), m.score(f));
  EXPECT_FLOAT_EQ(parsed[0].model.score(Features{}), -0.5f);
}

TEST(LinearModels, RejectWhatIsNoModelFile) {
  LinearModel m(8);
  const std::string good = serialize_models({{"one", m}});
  EXPECT_THROW(parse_models("not a model"), std::runtime_error);
  std::string version = good;
  version[4] = 9;  // the format version
  try {
    parse_models(version);
    FAIL() << "a model of another format version was read";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("version"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_models(good.substr(0, good.size() - 2)), std::runtime_error);
  EXPECT_THROW(Extractor(ExtractorOptions{.attribution_model = "QWLM"}), std::runtime_error);
}

}  // namespace
}  // namespace quotewire::extract
