// Quotation marks of every kind, nesting, and quotations running over several paragraphs.
#include <gtest/gtest.h>

#include "tests/extract/test_support.h"

namespace quotewire::extract {
namespace {

using testing::quote_with;
using testing::run;
using testing::speaker_name;

TEST(QuoteMarks, CurlyDoubleQuotes) {
  auto x = run("“The bridge will open in May,” said Milena Radić.");
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(x.quotes[0].text, "The bridge will open in May,");
  EXPECT_EQ(x.quotes[0].kind, QuoteKind::direct);
  EXPECT_EQ(speaker_name(&x.quotes[0]), "Milena Radić");
}

TEST(QuoteMarks, StraightDoubleQuotes) {
  auto x = run("\"We have no money left for roads,\" Mayor Petar Ilić said on Friday.");
  const Quote* q = quote_with(x, "no money left");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "We have no money left for roads,");
  EXPECT_EQ(speaker_name(q), "Petar Ilić");
}

TEST(QuoteMarks, SingleQuotesNestedInsideDouble) {
  auto x = run("“They told us ‘wait one more year’ and we waited,” said Goran Lukić.");
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(x.quotes[0].text, "They told us ‘wait one more year’ and we waited,");
  EXPECT_EQ(speaker_name(&x.quotes[0]), "Goran Lukić");
}

TEST(QuoteMarks, Guillemets) {
  auto x = run("«Nobody will lose a pension,» said Minister Ana Kovač.");
  const Quote* q = quote_with(x, "Nobody will lose");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "Nobody will lose a pension,");
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
}

TEST(QuoteMarks, LowHighQuotes) {
  auto x = run("„The talks are over for this year“, said Dieter Hoffmann.");
  const Quote* q = quote_with(x, "talks are over");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "The talks are over for this year");
  EXPECT_EQ(speaker_name(q), "Dieter Hoffmann");
}

TEST(QuoteMarks, DoubledApostrophesAsInNyt) {
  auto x = run("''We will be back next week,'' Ms. Harper said.");
  const Quote* q = quote_with(x, "back next week");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "We will be back next week,");
  EXPECT_EQ(speaker_name(q), "Harper");
}

TEST(QuoteMarks, DoubledApostrophesClosingAQuotationInside) {
  // ''' ends the inner 'quotation' and then the outer one.
  auto x = run("''They tell us, 'the port is special,''' Ms. Harper said. ''It is not.''");
  const Quote* q = quote_with(x, "They tell us");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text.find("They tell us, 'the port is special,'"), 0u);
  EXPECT_EQ(speaker_name(q), "Harper");
}

TEST(QuoteMarks, ApostrophesAreNotQuotes) {
  auto x = run("“The union’s demands aren’t new,” said Zoran Babić.");
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(x.quotes[0].text, "The union’s demands aren’t new,");
}

TEST(QuoteMarks, QuotationOverSeveralParagraphs) {
  const std::string text =
      "Jelena Marković, the head of the nurses' union, spoke after the vote.\n\n"
      "“We asked for safe staffing levels and a fair wage. We were ignored for three years.\n\n"
      "“Now the hospitals will have to listen,” she said.";
  auto x = run(text);
  const Quote* q = quote_with(x, "safe staffing");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::direct);
  EXPECT_NE(q->text.find("Now the hospitals will have to listen,"), std::string::npos);
  EXPECT_EQ(q->text.find("“"), std::string::npos) << "repeated opening mark left in: " << q->text;
  ASSERT_EQ(q->parts.size(), 2u);
  EXPECT_EQ(speaker_name(q), "Jelena Marković");
}

TEST(QuoteMarks, AQuotationInSingleMarksOverSeveralParagraphs) {
  // British papers write quotations in single marks, and repeat the opening mark on each
  // paragraph of a long one.
  auto x =
      run("'The port is broken,' the minister told MPs. 'It will take time to fix, and I will "
          "not pretend otherwise.\n\n'But we are hiring more dockers than at any time in a "
          "decade.'");
  const Quote* q = quote_with(x, "The port is broken");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->text.find("It will take time to fix"), std::string::npos) << q->text;
  EXPECT_NE(q->text.find("But we are hiring more dockers"), std::string::npos) << q->text;
  // An apostrophe left open at a paragraph's end is still no quotation.
  auto y = run("The dockers' union met.\n\n'We will strike,' said Ana Kovač.");
  ASSERT_EQ(y.quotes.size(), 1u);
  EXPECT_EQ(y.quotes[0].text, "We will strike,");
}

TEST(QuoteMarks, ScareQuotesAreNotStatements) {
  auto x = run("The ministry called the plan a “historic step” in a press release on Monday.");
  for (const auto& q : x.quotes) EXPECT_NE(q.kind, QuoteKind::direct) << q.text;
}

}  // namespace
}  // namespace quotewire::extract
