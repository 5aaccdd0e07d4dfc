// Attribution patterns: where the cue and the speaker stand relative to what was said.
#include <gtest/gtest.h>

#include "tests/extract/test_support.h"
#include "text/actor_id.h"

namespace quotewire::extract {
namespace {

using testing::quote_with;
using testing::run;
using testing::speaker_name;

TEST(Attribution, QuoteThenSaidName) {
  auto x = run("“Prices will fall by autumn,” said Vesna Jovanović.");
  const Quote* q = quote_with(x, "Prices will fall");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->cue, "said");
  EXPECT_EQ(speaker_name(q), "Vesna Jovanović");
}

TEST(Attribution, QuoteThenNameSaid) {
  auto x = run("“Prices will fall by autumn,” Vesna Jovanović said.");
  EXPECT_EQ(speaker_name(quote_with(x, "Prices will fall")), "Vesna Jovanović");
}

TEST(Attribution, QuoteThenNameToldOutlet) {
  auto x = run("“The border crossing stays open,” Dragan Stojić told Reuters.");
  const Quote* q = quote_with(x, "border crossing");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->cue, "told");
  EXPECT_EQ(speaker_name(q), "Dragan Stojić");
  EXPECT_EQ(q->kind, QuoteKind::direct);
}

TEST(Attribution, NameSaidColonQuote) {
  auto x = run("Opposition leader Nikola Perović said: “This budget is a fantasy.”");
  const Quote* q = quote_with(x, "This budget is a fantasy.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::direct);
  EXPECT_EQ(speaker_name(q), "Nikola Perović");
}

TEST(Attribution, IndirectSaidThat) {
  auto x = run("Interior Minister Marko Đurić said that the police would patrol the border.");
  const Quote* q = quote_with(x, "the police would patrol the border");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::indirect);
  EXPECT_EQ(q->text, "the police would patrol the border");
  EXPECT_EQ(speaker_name(q), "Marko Đurić");
}

TEST(Attribution, IndirectSaidWithoutThat) {
  auto x = run("Nina Kostić said on Tuesday the deal was dead.");
  const Quote* q = quote_with(x, "deal was dead");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the deal was dead");
  EXPECT_EQ(speaker_name(q), "Nina Kostić");
}

TEST(Attribution, AccordingTo) {
  auto x = run("According to Branko Savić, the factory will close in March.");
  const Quote* q = quote_with(x, "factory will close");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->cue, "According to");
  EXPECT_EQ(q->text, "the factory will close in March");
  EXPECT_EQ(speaker_name(q), "Branko Savić");
}

TEST(Attribution, AccordingToAtTheEnd) {
  auto x = run("Turnout fell below 40 percent, according to the electoral commission.");
  const Quote* q = quote_with(x, "Turnout fell");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_NE(q->speaker->name.find("electoral commission"), std::string::npos);
}

TEST(Attribution, NameRoleToldThat) {
  auto x =
      run("Ivan Horvat, a spokesman for the port authority, told reporters that no jobs would be "
          "cut.");
  const Quote* q = quote_with(x, "no jobs would be cut");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "no jobs would be cut");
  EXPECT_EQ(speaker_name(q), "Ivan Horvat");
  EXPECT_EQ(q->speaker->role, "spokesman for the port authority");
}

TEST(Attribution, RepeatedlyStatedToTheMediaThat) {
  auto x =
      run("Lidija Pavlović has repeatedly stated to the media that the station is safe to use.");
  const Quote* q = quote_with(x, "station is safe");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->cue, "stated");
  EXPECT_EQ(q->text, "the station is safe to use");
  EXPECT_EQ(speaker_name(q), "Lidija Pavlović");
}

TEST(Attribution, ClauseThenNameSaid) {
  auto x = run("The strike will go on until Friday, union leader Stevan Mitić said.");
  const Quote* q = quote_with(x, "strike will go on");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::indirect);
  EXPECT_EQ(q->text, "The strike will go on until Friday");
  EXPECT_EQ(speaker_name(q), "Stevan Mitić");
}

TEST(Attribution, SpeechVerbsBeyondSaid) {
  const char* verbs[] = {"warned",  "insisted", "explained", "argued",
                         "claimed", "noted",    "added",     "stated"};
  for (const char* verb : verbs) {
    auto x = run(std::string("Tanja Simić ") + verb + " that the reform had failed.");
    const Quote* q = quote_with(x, "the reform had failed");
    ASSERT_NE(q, nullptr) << verb;
    EXPECT_EQ(q->cue, verb);
    EXPECT_EQ(speaker_name(q), "Tanja Simić") << verb;
  }
}

TEST(Attribution, MixedQuote) {
  auto x = run("Senator Rosa Delgado said the bill was “dead on arrival” in the House.");
  const Quote* q = quote_with(x, "dead on arrival");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::mixed);
  EXPECT_EQ(speaker_name(q), "Rosa Delgado");
}

TEST(Attribution, QuoteContinuedAfterAttribution) {
  auto x = run("“We will appeal,” said Dejan Kovačević. “The court ignored half of the evidence.”");
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(x.quotes[0].text, "We will appeal, The court ignored half of the evidence.");
  EXPECT_EQ(x.quotes[0].parts.size(), 2u);
  EXPECT_EQ(speaker_name(&x.quotes[0]), "Dejan Kovačević");
}

TEST(Attribution, BareQuoteAfterSpeakerParagraph) {
  auto x =
      run("Mayor Olivera Lazić told the city council that the tram line would be finished in "
          "2027.\n\n“It is the largest investment this city has seen in forty years.”");
  const Quote* q = quote_with(x, "largest investment");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::direct);
  EXPECT_EQ(speaker_name(q), "Olivera Lazić");
}

// Several bare quotations in one paragraph each become a statement of the same speaker (the
// fuzzer found this reading a statement after the vector holding it had grown).
TEST(Attribution, SeveralBareQuotesAfterSpeakerParagraphAllGoToThatSpeaker) {
  auto x =
      run("Mayor Olivera Lazić told the city council that the tram line would be finished in "
          "2027.\n\n“It is the largest investment in forty years.” “Nobody will be left "
          "out.” “The first trams arrive in spring.”");
  for (const char* text : {"largest investment", "Nobody will be left", "first trams arrive"}) {
    const Quote* q = quote_with(x, text);
    ASSERT_NE(q, nullptr) << text;
    EXPECT_EQ(speaker_name(q), "Olivera Lazić") << text;
  }
}

TEST(Attribution, SpeakerNamedBeforeTheQuoteParagraph) {
  auto x =
      run("The harbour master, Tomislav Barić, told\n\n"
          "“Ships will wait outside the port until the storm passes,” said Barić.");
  const Quote* q = quote_with(x, "Ships will wait");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Tomislav Barić");
}

TEST(Attribution, NoSpeechVerbNoStatement) {
  auto x = run("The ministry published the figures on Monday. Exports rose by four percent.");
  EXPECT_TRUE(x.quotes.empty());
}

TEST(Attribution, CoordinatedCuesSplit) {
  auto x = run("Ana Perić said she regretted the delay and promised to publish the report.");
  const Quote* said = quote_with(x, "regretted");
  const Quote* promised = quote_with(x, "publish the report");
  ASSERT_NE(said, nullptr);
  ASSERT_NE(promised, nullptr);
  EXPECT_NE(said, promised);
  EXPECT_EQ(said->text, "she regretted the delay");
  EXPECT_EQ(promised->cue, "promised");
}

TEST(Attribution, ACoordinatedSubjectIsNoSecondClause) {
  // "both he and Marić promised …" is what was said, with its own cue inside it.
  auto x = run("Ana Perić said both she and Ivo Marić promised to publish the report.");
  const Quote* said = quote_with(x, "both she");
  ASSERT_NE(said, nullptr);
  EXPECT_EQ(said->text, "both she and Ivo Marić promised to publish the report");
  // A clause before the "and" still ends there.
  auto y = run("Ana Perić said the port was full and Ivo Marić promised to publish the report.");
  const Quote* full = quote_with(y, "port was full");
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->text, "the port was full");
}

TEST(Attribution, ANumberMadeApproximateBeginsWhatWasSaid) {
  // "over 300" is no setting like "over the weekend".
  auto x = run("Speaking to reporters after the meeting, Ana Perić said over 300 people had died.");
  const Quote* q = quote_with(x, "300 people");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "over 300 people had died");
  EXPECT_EQ(quote_with(x, "Speaking to reporters"), nullptr);
  // A year inside the setting: "said in 2019 that …".
  auto y = run("Ana Perić said in 2019 that the port would close.");
  q = quote_with(y, "port would close");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the port would close");
}

TEST(Attribution, ATimeBetweenSubjectAndVerbLeavesTheSubjectNamed) {
  for (const char* sentence : {"Prime Minister Ana Perić on Tuesday said the port would close.",
                               "Prime Minister Ana Perić last week said the port would close."}) {
    auto x = run(sentence);
    const Quote* q = quote_with(x, "port would close");
    ASSERT_NE(q, nullptr) << sentence;
    ASSERT_TRUE(q->speaker) << sentence;
    EXPECT_EQ(q->speaker->actor_id, text::actor_id_for("Ana Perić")) << sentence;
    EXPECT_EQ(q->speaker->role, "Prime Minister") << sentence;
  }
}

TEST(Attribution, CalledThatGivesANameIsNoCue) {
  for (const char* sentence :
       {"A warm-up band called Sophistafunk got the crowd to dance.",
        "They closed the tax loophole called an “inversion,” in which a company moves abroad.",
        "The so-called special relationship has lasted for decades."}) {
    EXPECT_TRUE(run(sentence).quotes.empty()) << sentence;
  }
  // With a second complement it says something of the thing named.
  auto x = run("The campaign called AP’s report a “rush to judgment,” and asked for a correction.");
  EXPECT_NE(quote_with(x, "rush to judgment"), nullptr);
  auto y = run("The senator called the plan “absurd” on Monday.");
  EXPECT_NE(quote_with(y, "absurd"), nullptr);
}

TEST(Attribution, ADashedAsideInsideWhatWasSaidEndsNothing) {
  for (const char* sentence :
       {"Ana Perić said closed ports -- those open only to cargo -- hurt the islands.",
        "Ana Perić said closed ports — which are open only to cargo — hurt the islands."}) {
    const Quote* q = nullptr;
    auto x = run(sentence);
    q = quote_with(x, "closed ports");
    ASSERT_NE(q, nullptr) << sentence;
    EXPECT_TRUE(q->text.ends_with("hurt the islands")) << q->text;
  }
}

TEST(Attribution, AContrastAfterACommaEndsWhatWasSaid) {
  auto x = run(
      "Ana Perić told a crowd that the port was “ready to reopen,” while former mayor Ivo Marić "
      "insisted that only he could fix it.");
  const Quote* q = quote_with(x, "ready to reopen");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the port was “ready to reopen,”");
  const Quote* r = quote_with(x, "only he could fix it");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(speaker_name(r), "Ivo Marić");
  EXPECT_EQ(r->speaker->role, "former mayor");
}

TEST(Attribution, AQuotedTermInTheIntroductionIsWhatWasAskedAbout) {
  auto x =
      run("To a question on the “privatization of public sector port jobs,” Ana Perić said private "
          "operators "
          "can cost more than the state.");
  const Quote* q = quote_with(x, "private operators");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "private operators can cost more than the state");
  EXPECT_EQ(quote_with(x, "privatization"), nullptr);
}

TEST(Attribution, AQuotationAfterTheHearersRelativeClause) {
  auto x =
      run("But, she told the dockers who gathered in the port of Split, “no one should doubt our "
          "commitment to the islands.”");
  const Quote* q = quote_with(x, "no one should doubt");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::direct);
}

TEST(Attribution, ANounFormAfterAQuotationsSubjectIsTheVerb) {
  auto x = run("“The port is one of the busiest in the region,” the owners state in the report.");
  const Quote* q = quote_with(x, "busiest in the region");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->cue, "state");
  // Not before a noun: "the state election office said".
  auto y = run("“We won,” the state election office said.");
  q = quote_with(y, "We won");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->cue, "said");
}

TEST(Attribution, AReducedPassiveIsNoCue) {
  // Who was asked or told is not who spoke.
  auto x =
      run("When asked about the levy, Ana Kovač said it would go. Ivo Babić, asked about the "
          "crane, had said it was late. Babić named a successor when asked to choose one.");
  for (const Quote& q : x.quotes) EXPECT_NE(q.cue, "asked") << q.text;
  EXPECT_EQ(speaker_name(quote_with(x, "it would go")), "Ana Kovač");
  EXPECT_EQ(speaker_name(quote_with(x, "it was late")), "Ivo Babić");
}

TEST(Attribution, APassiveAskWithItsAgentIsTheAgentsQuestion) {
  auto x =
      run("When asked by a reporter whether the levy would go, Ana Kovač said no. Ivo Babić "
          "was told by harbour officials that the crane was late.");
  const Quote* asked = quote_with(x, "whether the levy would go");
  ASSERT_NE(asked, nullptr);
  EXPECT_EQ(asked->speaker->mention, "a reporter");
  const Quote* told = quote_with(x, "the crane was late");
  ASSERT_NE(told, nullptr);
  EXPECT_EQ(told->speaker->mention, "harbour officials");
}

TEST(Attribution, PassiveIsNoCue) {
  auto x = run("Milan Popović was told that the permit had expired.");
  EXPECT_TRUE(x.quotes.empty());
}

}  // namespace
}  // namespace quotewire::extract
