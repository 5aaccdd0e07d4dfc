// Text handling: UTF-8 validation, sentence splitting around abbreviations, tokens.
#include <gtest/gtest.h>

#include "extract/lexicon.h"
#include "extract/sentences.h"
#include "extract/tokenizer.h"
#include "tests/extract/test_support.h"

namespace quotewire::extract {
namespace {

using testing::quote_with;
using testing::run;

TEST(Utf8, InvalidByteIsReportedWithItsOffset) {
  const std::string text = "Valid start \xC3\xA9 then \xFF bad";
  try {
    run(text);
    FAIL() << "no exception";
  } catch (const InvalidText& e) {
    EXPECT_EQ(e.offset(), text.find('\xFF'));
    EXPECT_NE(std::string(e.what()).find("byte 20"), std::string::npos) << e.what();
  }
}

TEST(Utf8, TruncatedSequenceOverlongAndSurrogateAreRejected) {
  auto offset_of = [](const std::string& text) -> int64_t {
    try {
      run(text);
    } catch (const InvalidText& e) {
      return static_cast<int64_t>(e.offset());
    }
    return -1;
  };
  EXPECT_EQ(offset_of("ab\xC3"), 2);            // truncated at the end
  EXPECT_EQ(offset_of("a\xC0\xAF"), 1);         // overlong "/"
  EXPECT_EQ(offset_of("xy\xED\xA0\x80z"), 2);   // UTF-16 surrogate
  EXPECT_EQ(offset_of("\xF4\x90\x80\x80"), 0);  // above U+10FFFF
  EXPECT_EQ(offset_of("Plain ASCII and šđčćž."), -1);
}

TEST(Utf8, EmptyTextGivesEmptyExtraction) {
  auto x = run("");
  EXPECT_TRUE(x.entities.empty());
  EXPECT_TRUE(x.quotes.empty());
}

class Sentences : public ::testing::Test {
 protected:
  std::vector<std::string> split(std::string_view text) {
    static const auto lexicon = Lexicon::load_embedded();
    std::vector<Token> tokens;
    std::string keys;
    tokenize(text, *lexicon, tokens, keys);
    Layout layout;
    split_sentences(tokens, layout);
    std::vector<std::string> out;
    for (const Range& s : layout.sentences) {
      out.emplace_back(
          text.substr(tokens[s.begin].start, tokens[s.end - 1].end - tokens[s.begin].start));
    }
    return out;
  }
};

TEST_F(Sentences, TitlesDoNotEndSentences) {
  EXPECT_EQ(split("Mr. Jones and Dr. Smith met Sen. Lee. They talked."),
            (std::vector<std::string>{"Mr. Jones and Dr. Smith met Sen. Lee.", "They talked."}));
}

TEST_F(Sentences, InitialsEndASentenceOnlyBeforeANewOne) {
  EXPECT_EQ(split("He lives in the U.S. The U.S. Senate voted."),
            (std::vector<std::string>{"He lives in the U.S.", "The U.S. Senate voted."}));
  EXPECT_EQ(split("Ana M. Kovač spoke."), (std::vector<std::string>{"Ana M. Kovač spoke."}));
  // A quotation mark after the initials opens a sentence only before a capital.
  EXPECT_EQ(split("She said the U.S. “clearly” needed help."),
            (std::vector<std::string>{"She said the U.S. “clearly” needed help."}));
  EXPECT_EQ(split("He moved to the U.S. “It was hard,” he said."),
            (std::vector<std::string>{"He moved to the U.S.", "“It was hard,” he said."}));
}

TEST_F(Sentences, MonthAbbreviations) {
  EXPECT_EQ(split("The vote is on Jan. 5 in Belgrade. It was delayed."),
            (std::vector<std::string>{"The vote is on Jan. 5 in Belgrade.", "It was delayed."}));
}

TEST_F(Sentences, QuestionExclamationAndClosingQuotes) {
  EXPECT_EQ(split("“Why now?” she asked. Nobody knew! The end."),
            (std::vector<std::string>{"“Why now?” she asked.", "Nobody knew!", "The end."}));
}

TEST_F(Sentences, ParagraphsAreSentenceBreaks) {
  EXPECT_EQ(split("First line without stop\nSecond line"),
            (std::vector<std::string>{"First line without stop", "Second line"}));
}

TEST_F(Sentences, ASiteNameIsNoSentenceEnd) {
  EXPECT_EQ(
      split("He edits Mic.com and Amazon.co.uk pages. It ended.The end."),
      (std::vector<std::string>{"He edits Mic.com and Amazon.co.uk pages.", "It ended.The end."}));
}

TEST_F(Sentences, AWireDatelineStandsApart) {
  EXPECT_EQ(split("SPLIT, Croatia (Reuters) - Dock workers struck. They stayed out."),
            (std::vector<std::string>{"SPLIT, Croatia (Reuters) -", "Dock workers struck.",
                                      "They stayed out."}));
  EXPECT_EQ(split("ZAGREB, Dec 7 (AP) — The port closed."),
            (std::vector<std::string>{"ZAGREB, Dec 7 (AP) —", "The port closed."}));
  // Not a dash inside the sentence, nor a short acronym before one.
  EXPECT_EQ(split("EU - China talks resumed."),
            (std::vector<std::string>{"EU - China talks resumed."}));
  EXPECT_EQ(split("SPLIT harbour - the old one - closed."),
            (std::vector<std::string>{"SPLIT harbour - the old one - closed."}));
  // Indian papers' "NEW DELHI: …" in the story's first lines; not a transcript's label.
  EXPECT_EQ(
      split("Floods in the south\n\nTHIRUVANANTHAPURAM: The port closed."),
      (std::vector<std::string>{"Floods in the south", "THIRUVANANTHAPURAM:", "The port closed."}));
  EXPECT_EQ(split("Debate over debates\n\nKATE BOLDUAN: Why not debate?"),
            (std::vector<std::string>{"Debate over debates", "KATE BOLDUAN: Why not debate?"}));
}

TEST(Attribution, AWireDatelineIsNotWhatWasSaid) {
  auto x = run("ZAGREB (Reuters) - The port will close in May, officials said.");
  const Quote* q = quote_with(x, "The port will close in May");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "The port will close in May");
}

TEST(Entities, ASiteIsAnOrganisation) {
  const Extractor extractor;
  const Extraction x = extractor.extract("Ana Kovač told BuzzFeed.com that the port would close.");
  bool found = false;
  for (const Entity& e : x.entities) {
    if (e.text == "BuzzFeed.com") {
      found = true;
      EXPECT_EQ(e.type, EntityType::organisation);
    }
  }
  EXPECT_TRUE(found);
}

TEST(Tokens, PossessiveIsSplitOff) {
  const auto lexicon = Lexicon::load_embedded();
  std::vector<Token> tokens;
  std::string keys;
  const std::string text = "Russia’s envoy, O’Neill's show";
  tokenize(text, *lexicon, tokens, keys);
  std::vector<std::string> words;
  for (const auto& t : tokens) words.emplace_back(text.substr(t.start, t.end - t.start));
  EXPECT_EQ(words,
            (std::vector<std::string>{"Russia", "’s", "envoy", ",", "O’Neill", "'s", "show"}));
}

TEST(Abbreviations, AttributionWorksAcrossTitles) {
  auto x = run("Mr. Dragan Ilić, the U.S. envoy, said on Jan. 3 that talks would resume.");
  const Quote* q = quote_with(x, "talks would resume");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->name, "Dragan Ilić");
}

}  // namespace
}  // namespace quotewire::extract
