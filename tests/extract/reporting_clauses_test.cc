// Reporting clauses beyond a bare name: speakers with role words or descriptions after the verb,
// unnamed and group subjects, relative clauses, and where what was said ends.
#include <gtest/gtest.h>

#include "tests/extract/test_support.h"

namespace quotewire::extract {
namespace {

using testing::quote_with;
using testing::run;
using testing::speaker_name;

std::string mention(const Quote* q) {
  return q && q->speaker ? q->speaker->mention : std::string("<none>");
}

TEST(ReportingClauses, SaidThenRoleWordsThenName) {
  auto x = run("“The port needs a new crane,” said former harbour adviser Mirko Tadić.");
  const Quote* q = quote_with(x, "The port needs a new crane");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::direct);
  EXPECT_EQ(speaker_name(q), "Mirko Tadić");
  EXPECT_NE(q->speaker->role.find("adviser"), std::string::npos);
}

TEST(ReportingClauses, SaidThenARoleWithOfThenName) {
  auto x = run("“The harbour is full,” said master of ceremonies Ana Kovač.");
  const Quote* q = quote_with(x, "The harbour is full");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
  EXPECT_EQ(q->speaker->role, "master of ceremonies");
  auto y = run("“The talks failed,” said secretary of state Lena Marić.");
  EXPECT_EQ(speaker_name(quote_with(y, "The talks failed")), "Lena Marić");
}

TEST(ReportingClauses, SaidThenADescriptionWithItsComplement) {
  auto x = run("“Nobody asked us,” said a spokesman for the dockers on Monday.");
  const Quote* q = quote_with(x, "Nobody asked us");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(mention(q), "a spokesman for the dockers");
  auto y = run("“Nobody asked us,” said the head of the union.");
  EXPECT_EQ(mention(quote_with(y, "Nobody asked us")), "the head of the union");
  // A name after the whole description is the speaker.
  auto z = run("“Nobody asked us,” said a former spokesman for the Harbour Authority, Ana Kovač.");
  q = quote_with(z, "Nobody asked us");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
  EXPECT_EQ(q->speaker->role, "former spokesman for the Harbour Authority");
}

TEST(ReportingClauses, SaidThenPossessivePhraseThenName) {
  auto x = run("“Growth will slow,” said the agency’s deputy director Lena Marić.");
  EXPECT_EQ(speaker_name(quote_with(x, "Growth will slow")), "Lena Marić");
}

TEST(ReportingClauses, SaidThenDescription) {
  auto x = run("“Nobody asked us,” said a senior union official.");
  const Quote* q = quote_with(x, "Nobody asked us");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(mention(q), "a senior union official");
}

TEST(ReportingClauses, QuoteThenRoleWordsThenNameSaid) {
  auto x = run("“We are ready for the final,” Adria Club press officer Dario Šimić said.");
  const Quote* q = quote_with(x, "ready for the final");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::direct);
  EXPECT_EQ(speaker_name(q), "Dario Šimić");
}

TEST(ReportingClauses, GroupSubjectBeforeTheVerb) {
  auto x = run("Officials said the bridge would reopen in May.");
  const Quote* q = quote_with(x, "the bridge would reopen");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(mention(q), "Officials");
}

TEST(ReportingClauses, PoliceAndWitnessesSpeakAsGroups) {
  auto x =
      run("A ferry hit the pier on Sunday, police said. Two people were hurt, witnesses told "
          "reporters.");
  EXPECT_EQ(mention(quote_with(x, "A ferry hit the pier")), "police");
  EXPECT_EQ(mention(quote_with(x, "Two people were hurt")), "witnesses");
}

TEST(ReportingClauses, DescriptionThenNameAfterTheCue) {
  auto x = run("The crane is late, said the company's chief executive, Ivo Babić.");
  const Quote* q = quote_with(x, "The crane is late");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ivo Babić");
  EXPECT_NE(q->speaker->role.find("chief executive"), std::string::npos);
  EXPECT_EQ(quote_with(x, "Ivo Babić"), nullptr);
}

TEST(ReportingClauses, AfterTheSpeakersCommaOnlyAClauseIsMore) {
  auto x =
      run("The levy will go, said Ana Kovač, director of the institute at the University of "
          "Split, Center for Maritime Studies. The port will close, said Ivo Babić, and the "
          "council agreed.");
  EXPECT_EQ(quote_with(x, "Center for Maritime Studies"), nullptr);
  EXPECT_EQ(speaker_name(quote_with(x, "The levy will go")), "Ana Kovač");
  EXPECT_EQ(quote_with(x, "the council agreed"), nullptr);
  EXPECT_EQ(speaker_name(quote_with(x, "The port will close")), "Ivo Babić");
}

TEST(ReportingClauses, AConjunctionOpeningTheSubjectIsNotTheSpeaker) {
  auto x = run("The mayor wants the levy. But the harbour master said the port would close.");
  EXPECT_EQ(mention(quote_with(x, "the port would close")), "the harbour master");
}

TEST(ReportingClauses, TheOutletToldIsTheHearer) {
  auto x =
      run("“The party is not divided,” Senator Ivo Babić, a close adviser to the mayor, told "
          "Radio Split.");
  EXPECT_EQ(speaker_name(quote_with(x, "The party is not divided")), "Ivo Babić");
}

TEST(ReportingClauses, ANameInTheSubjectsRelativeClauseIsNotTheSpeaker) {
  auto x = run("Port officials who spoke with Radio Split said the crane was late.");
  EXPECT_EQ(mention(quote_with(x, "the crane was late")), "Port officials");
}

TEST(ReportingClauses, ARoleWordEndingWhatWasSaidIsNotTheSpeakersRole) {
  // "…, the harbour master, Ivo Babić, said" has its role between commas; here "president" ends
  // what was said.
  auto x = run("Voters in the port backed the president, Kovač said.");
  const Quote* q = quote_with(x, "Voters in the port backed the president");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Kovač");
}

TEST(ReportingClauses, TheSpeakerInsideWhatWasSaid) {
  auto x =
      run("The port, Ana Kovač said, will close in May. Sales were great, Ivo Babić said, "
          "wiping the sweat off his face.");
  const Quote* port = quote_with(x, "will close in May");
  ASSERT_NE(port, nullptr);
  EXPECT_EQ(port->text, "The port will close in May");
  const Quote* sales = quote_with(x, "Sales were great");
  ASSERT_NE(sales, nullptr);
  EXPECT_EQ(sales->text, "Sales were great");
  EXPECT_EQ(speaker_name(sales), "Ivo Babić");
}

TEST(ReportingClauses, AParticipleOpeningTheSentenceSpeaksForItsSubject) {
  auto x = run("Noting that only two ferries sailed, Ana Kovač said the levy would go.");
  const Quote* q = quote_with(x, "only two ferries sailed");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "only two ferries sailed");
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
}

TEST(ReportingClauses, AParticipleAfterAConjunctionSpeaksForTheMainClause) {
  auto after = run("After saying he was nervous, the fisherman asked about the levy.");
  EXPECT_EQ(mention(quote_with(after, "he was nervous")), "the fisherman");
  auto having =
      run("Having announced that the port would stay open, Judge Ana Kovač adjourned the hearing.");
  EXPECT_EQ(speaker_name(quote_with(having, "the port would stay open")), "Ana Kovač");
  auto whilst =
      run("While insisting that he respects the mayor, Ivo Babić voted against the levy.");
  const Quote* q = quote_with(whilst, "he respects the mayor");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "he respects the mayor");
  EXPECT_EQ(speaker_name(q), "Ivo Babić");
  // With no clause after it the participle says nothing, and names no one.
  auto continuing = run("Continuing to explain his view, Ivo Babić rejected the levy.");
  for (const Quote& s : continuing.quotes) EXPECT_NE(mention(&s), "Continuing to");
}

TEST(ReportingClauses, NotAnsweringARequestSaysNothing) {
  for (const char* text : {"Adria Ferries did not respond to a request for comment.",
                           "The mayor did not reply to emails and calls seeking comment on Friday.",
                           "A spokesman did not immediately respond to questions about the levy.",
                           // Nor is what was answered, or how.
                           "Ana Kovač responded to his attacks on the port.",
                           "Ana Kovač responded with a statement of her own."}) {
    EXPECT_TRUE(run(text).quotes.empty()) << text;
  }
  // Answering by saying something does.
  auto x = run("Ana Kovač responded to the question by calling the levy “a tax on fishermen”.");
  EXPECT_EQ(speaker_name(quote_with(x, "a tax on fishermen")), "Ana Kovač");
}

TEST(ReportingClauses, WhereAQuotationWasReadIsNotASecondSpeaker) {
  auto x =
      run("“I had no choice,” Ivo Babić said, according to a transcript seen by the Gazette. "
          "Fares will rise, according to the port authority.");
  const Quote* q = quote_with(x, "I had no choice");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ivo Babić");
  int quotations = 0;
  for (const Quote& s : x.quotes) quotations += s.text.find("no choice") != std::string::npos;
  EXPECT_EQ(quotations, 1);
  // Words before "according to" that no one else said are the source's.
  EXPECT_EQ(mention(quote_with(x, "Fares will rise")), "the port authority");
}

TEST(ReportingClauses, WentSoFarAsToSay) {
  auto x =
      run("The columnist Ana Kovač went so far as to say: “The ferry line as we know it is over.”");
  EXPECT_EQ(speaker_name(quote_with(x, "as we know it is over")), "Ana Kovač");
  // "So far" opening a sentence is a time, not a subject.
  auto y =
      run("So far, no group has claimed the attack, leading the police to question whether it was "
          "planned.");
  for (const Quote& q : y.quotes) EXPECT_NE(mention(&q), "far");
}

TEST(ReportingClauses, AnEmptyItBeforeAnInfinitiveSaysNothing) {
  for (const char* text :
       {"It is too soon to say whether the levy will pass.",
        "It would be wrong to suggest that the port lost money.",
        "That's not to say the ferry plan failed.", "It's worth noting that the port lost money.",
        "That said, the mayor remains popular with the fishermen."}) {
    EXPECT_TRUE(run(text).quotes.empty()) << text;
  }
  // A person's "be" keeps its speaker.
  auto x = run("Ana Kovač was quick to say that the levy had failed.");
  EXPECT_EQ(speaker_name(quote_with(x, "the levy had failed")), "Ana Kovač");
}

TEST(ReportingClauses, AnAdverbAfterAnAuxiliaryStandsBetweenSubjectAndCue) {
  auto x =
      run("The island's harbour master, Ivo Babić, has vocally called for a second ferry line.");
  EXPECT_EQ(speaker_name(quote_with(x, "a second ferry line")), "Ivo Babić");
  // A passive with an adverb: the plan was criticized, it said nothing.
  auto passive = run("The ferry plan was widely criticized as reckless by the fishermen.");
  for (const Quote& s : passive.quotes) EXPECT_NE(mention(&s), "The ferry plan");
}

TEST(ReportingClauses, WhoAfterABodyInAPrepositionalPhraseIsThePersonBefore) {
  auto x =
      run("Ana Kovač, a graduate of Zagreb University who has long argued that the levy is legal, "
          "will lead the case.");
  EXPECT_EQ(speaker_name(quote_with(x, "the levy is legal")), "Ana Kovač");
}

TEST(ReportingClauses, AnAsClauseAttributesTheClauseItHangsOn) {
  auto after = run("The ferry levy will fail, as Ana Kovač noted in the Harbour Gazette.");
  const Quote* q = quote_with(after, "levy");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "The ferry levy will fail");
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
  auto before = run("As the mayor told reporters on Tuesday, the port will close in May.");
  q = quote_with(before, "port");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the port will close in May");
  EXPECT_EQ(mention(q), "the mayor");
  // With a clause after the cue, "as" is "while": that clause is what was said.
  auto when = run("As Ana Kovač said the port would close, the ferries left.");
  q = quote_with(when, "port");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the port would close");
}

TEST(ReportingClauses, ASettingAloneAfterTheCueSaysNothing) {
  EXPECT_TRUE(run("Ana Kovač said in Split.").quotes.empty());
  EXPECT_TRUE(run("The minister noted on Twitter.").quotes.empty());
  auto x = run("The levy will go, the mayor said in Split.");
  const Quote* q = quote_with(x, "levy");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "The levy will go");
  // A clause after the setting is what was said; so is what is argued for.
  EXPECT_NE(quote_with(run("Ana Kovač said in Split that the levy will go."), "the levy will go"),
            nullptr);
  EXPECT_NE(quote_with(run("The mayor argued in favour of a ferry levy."), "a ferry levy"),
            nullptr);
}

TEST(ReportingClauses, AskingNotToBeNamedIsNoStatement) {
  auto x = run("One official, who asked not to be named, said the talks had stalled.");
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(x.quotes[0].text, "the talks had stalled");
  EXPECT_EQ(mention(&x.quotes[0]), "One official");
  EXPECT_TRUE(run("The official asked to remain anonymous because she was not allowed to speak.")
                  .quotes.empty());
}

TEST(ReportingClauses, TheSubjectOfARelativeClauseWithoutThat) {
  auto x = run("The union accused the port of bad faith, a charge the company denied on Monday.");
  bool denied = false;
  for (const Quote& q : x.quotes) {
    if (q.cue != "denied") continue;
    denied = true;
    EXPECT_EQ(mention(&q), "the company");
  }
  EXPECT_TRUE(denied);
}

TEST(ReportingClauses, WhomAndWhereItWasToldComeBeforeThat) {
  for (const char* text :
       {"Kovač told investors last month that the port would close.",
        "Kovač told dockers in Split, Croatia, that the port would close.",
        "Kovač told Radio Split's morning programme that the port would close.",
        "Kovač has told friends since the spring, at dinners and in private, that the port would "
        "close."}) {
    auto x = run(text);
    ASSERT_EQ(x.quotes.size(), 1u) << text;
    EXPECT_EQ(x.quotes[0].text, "the port would close") << text;
  }
  // When it was told, as a short clause of its own.
  for (const char* text : {"Kovač told reporters as she arrived that the port would close.",
                           "Kovač told reporters when she arrived in Split that the port would "
                           "close."}) {
    auto x = run(text);
    ASSERT_EQ(x.quotes.size(), 1u) << text;
    EXPECT_EQ(x.quotes[0].text, "the port would close") << text;
  }
  // Asked of the hearer, the hearer stays in what was asked.
  auto y = run("The mayor urged residents to leave the harbour.");
  const Quote* q = quote_with(y, "leave");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "residents to leave the harbour");
}

TEST(ReportingClauses, AWarningsHearerComesBeforeThat) {
  for (const char* text :
       {"The judge warned both sides that the court would not tolerate outbursts.",
        "The coast guard warned residents of the islands that the court would not tolerate "
        "outbursts.",
        "The mayor promised voters that the court would not tolerate outbursts."}) {
    auto x = run(text);
    ASSERT_EQ(x.quotes.size(), 1u) << text;
    EXPECT_EQ(x.quotes[0].text, "the court would not tolerate outbursts") << text;
  }
  // Without "that", what follows the verb is what was said, not a hearer.
  auto y = run("The engineer warned the old bridge would not survive the winter.");
  ASSERT_EQ(y.quotes.size(), 1u);
  EXPECT_EQ(y.quotes[0].text, "the old bridge would not survive the winter");
}

TEST(ReportingClauses, ASpeechNounInWhereItWasSaid) {
  // "call" is a speech verb's form, but after "a" it is the call the cue was said on.
  auto x = run("Kovač said on a call with analysts that margins would shrink.");
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(x.quotes[0].text, "margins would shrink");
}

TEST(ReportingClauses, ABroadcastersProgrammeIsWhomItWasTold) {
  auto x = run("Kovač told BBC Radio 4's Today programme the port would close.");
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(x.quotes[0].text, "the port would close");
  EXPECT_NE(testing::entity(x, "BBC Radio 4"), nullptr);
  // "show" is a programme there, but a verb here.
  auto z = run("The mayor called on both sides to show restraint.");
  ASSERT_EQ(z.quotes.size(), 1u);
  EXPECT_NE(z.quotes[0].text.find("to show restraint"), std::string::npos);
  auto y = run("Kovač said on the HRT show ''Dobro jutro'' that ''the port would close.''");
  const Quote* q = quote_with(y, "port would close");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the port would close.");
}

TEST(ReportingClauses, CoordinatedSpeakersAfterWhatWasSaid) {
  for (const char* text : {"Ferry fares will rise, the port authority and Jadrolinija said.",
                           "Ferry fares will rise, Croatia and Slovenia said on Monday.",
                           "Ferry fares will rise, Ana Kovač and Ivo Babić said.",
                           "Ferry fares will rise, Italy, Croatia and Slovenia said."}) {
    auto x = run(text);
    ASSERT_EQ(x.quotes.size(), 1u) << text;
    EXPECT_EQ(x.quotes[0].text, "Ferry fares will rise") << text;
  }
}

TEST(ReportingClauses, ThatAsAPronounOrDeterminerIsPartOfWhatWasSaid) {
  auto x = run("Kovač said that was the plan all along.");
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(x.quotes[0].text, "that was the plan all along");
  auto y = run("Kovač said that the plan had failed.");
  ASSERT_EQ(y.quotes.size(), 1u);
  EXPECT_EQ(y.quotes[0].text, "the plan had failed");
  // "that" alone says nothing here.
  EXPECT_TRUE(run("He wept by the time he said that.").quotes.empty());
}

TEST(ReportingClauses, AQuotationGoesOnAfterWhomItWasTold) {
  auto x =
      run("\"We are fighting on three fronts,\" Ana Kovač told state broadcaster HRT, \"but the "
          "winds are strong.\"");
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(x.quotes[0].text, "We are fighting on three fronts, but the winds are strong.");
}

TEST(ReportingClauses, AClauseOfWhenAfterTheCueIsNotWhatWasSaid) {
  auto x = run(
      "Floods have forced 5,000 people from their homes, officials said on Friday, as rivers burst "
      "their banks.");
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(x.quotes[0].text, "Floods have forced 5,000 people from their homes");
}

TEST(ReportingClauses, APercentSignEndsWhatWasSaid) {
  auto x = run("Kovač said fares would rise by 10%.");
  const Quote* q = quote_with(x, "fares");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "fares would rise by 10%");
}

TEST(ReportingClauses, AnAgeBeforeTheName) {
  for (const char* text : {"“Fares keep rising,” said 62-year-old pensioner Ivo Babić.",
                           "“Fares keep rising,” 62-year-old pensioner Ivo Babić said."}) {
    auto x = run(text);
    const Quote* q = quote_with(x, "Fares keep rising");
    ASSERT_NE(q, nullptr) << text;
    EXPECT_EQ(q->kind, QuoteKind::direct) << text;
    EXPECT_EQ(speaker_name(q), "Ivo Babić") << text;
  }
}

TEST(ReportingClauses, AfterToldComesTheHearerNotTheSpeaker) {
  // The speaker's relative clause or a role without an article stands between the quotation and
  // "told"; the name after "told" is whom it was told to.
  auto x = run("“It was chaos,” one witness, who lives by the port, told Radio Split.");
  const Quote* chaos = quote_with(x, "It was chaos");
  ASSERT_NE(chaos, nullptr);
  EXPECT_EQ(chaos->kind, QuoteKind::direct);
  EXPECT_EQ(mention(chaos), "one witness");
  auto y = run("“The levy is fair,” Ivo Babić, Democrat of Split, told Mayor Ana Kovač.");
  const Quote* levy = quote_with(y, "The levy is fair");
  ASSERT_NE(levy, nullptr);
  EXPECT_EQ(levy->kind, QuoteKind::direct);
  EXPECT_EQ(speaker_name(levy), "Ivo Babić");
}

TEST(ReportingClauses, AQuotationEndingTheSentenceBeforeIsNotTheNextCues) {
  auto x =
      run("Flags flew at half mast for “a dark day for the whole harbour.” The mayor said the "
          "ferries would sail again in May.");
  const Quote* q = quote_with(x, "the ferries would sail");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the ferries would sail again in May");
  EXPECT_EQ(quote_with(x, "a dark day"), nullptr);
  // With no clause after the cue the quotation is still its own.
  auto y = run("“We will sail again.” Ana Kovač said on Tuesday.");
  EXPECT_EQ(speaker_name(quote_with(y, "We will sail again")), "Ana Kovač");
}

TEST(ReportingClauses, ANamedHearerEndingTheSentenceIsNotWhatWasSaid) {
  auto x = run("The ferries will sail in May, his top aide, Tad Devine, told The Harbour Gazette.");
  const Quote* q = quote_with(x, "ferries");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "The ferries will sail in May");
  EXPECT_EQ(speaker_name(q), "Tad Devine");
  EXPECT_EQ(q->speaker->role, "his top aide");
  EXPECT_EQ(quote_with(x, "Gazette"), nullptr);
  auto y = run("The levy will go, Ana Kovač told the Gazette.");
  q = quote_with(y, "levy");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "The levy will go");
}

TEST(ReportingClauses, ThatIsAccordingTo) {
  auto x = run("The port lost a third of its ferries. That’s according to the harbour authority.");
  const Quote* q = quote_with(x, "That");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "That");
  EXPECT_EQ(mention(q), "the harbour authority");
}

TEST(ReportingClauses, GroupSubjectAfterWhatWasSaid) {
  auto x = run("The bridge will reopen in May, officials said.");
  const Quote* q = quote_with(x, "The bridge will reopen");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "The bridge will reopen in May");
  EXPECT_EQ(mention(q), "officials");
}

TEST(ReportingClauses, QuantifiedSubjects) {
  auto x = run("Many of the residents say the water tastes of iron.");
  EXPECT_EQ(mention(quote_with(x, "the water tastes of iron")), "Many of the residents");
  auto y = run("In the survey, 61 percent said they would vote again.");
  EXPECT_EQ(mention(quote_with(y, "they would vote again")), "61 percent");
}

TEST(ReportingClauses, PossessiveNameInAppositiveIsNotTheSubject) {
  auto x =
      run("“The forecast is too rosy,” Petra Novak, Adria Bank’s chief economist, said of the "
          "budget.");
  const Quote* q = quote_with(x, "The forecast is too rosy");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::direct);
  EXPECT_EQ(speaker_name(q), "Petra Novak");
}

TEST(ReportingClauses, RelativeWhoSaid) {
  auto x = run("The plan was backed by Goran Babić, who said it would save money.");
  const Quote* q = quote_with(x, "it would save money");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(mention(q), "who");
  EXPECT_EQ(speaker_name(q), "Goran Babić");
}

TEST(ReportingClauses, RelativeWhoAfterPeopleWithoutAName) {
  auto x =
      run("The levy was opposed by 6 in 10 harbour workers, who said it would cost jobs, compared "
          "with 23 percent who said it was fair.");
  const Quote* q = quote_with(x, "it would cost jobs");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(mention(q), "6 in 10 harbour workers");
  EXPECT_EQ(mention(quote_with(x, "it was fair")), "23 percent");
}

TEST(ReportingClauses, WhatARelativeClauseSaidEndsWhereTheMainClauseResumes) {
  auto x = run("Ana Kovač, who said the levy would fail, resigned on Monday.");
  const Quote* q = quote_with(x, "the levy would fail");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the levy would fail");
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
}

TEST(ReportingClauses, RelativeWhoAfterADescriptionWithAPlace) {
  auto x =
      run("The protest was led by Ana Kovač, a former aide in Zagreb who said the vote was "
          "rigged.");
  EXPECT_EQ(speaker_name(quote_with(x, "the vote was rigged")), "Ana Kovač");
}

TEST(ReportingClauses, WhereItWasSaidIsNotWhatWasSaid) {
  auto x = run("The vote was rigged, Boris Kralj said during a rally in the old town.");
  const Quote* q = quote_with(x, "The vote was rigged");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "The vote was rigged");
  EXPECT_EQ(quote_with(x, "during a rally"), nullptr);
}

TEST(ReportingClauses, RelativeClauseOnTheSpeakerIsNotWhatWasSaid) {
  auto x = run("Prices will rise again, said Nada Perić, who runs a bakery.");
  const Quote* q = quote_with(x, "Prices will rise again");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Nada Perić");
  EXPECT_EQ(quote_with(x, "runs a bakery"), nullptr);
}

TEST(ReportingClauses, QuotationContinuesWhenTheParagraphGoesOn) {
  auto x =
      run("“We lost,” Vera Ilić told reporters outside the hall. “The count was fair.” The party "
          "will meet on Monday.");
  const Quote* q = quote_with(x, "We lost");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->parts.size(), 2u);
  EXPECT_NE(q->text.find("The count was fair."), std::string::npos);
}

TEST(ReportingClauses, NameWithAppositiveOpeningAParagraphIsNoDateline) {
  auto x =
      run("The council met on Monday.\n\nLuka Brnić, a former state fisheries inspector, joined "
          "the board and said he would vote against the harbour plan.");
  EXPECT_EQ(speaker_name(quote_with(x, "he would vote against")), "Luka Brnić");
}

TEST(ReportingClauses, PrepositionalAsideBetweenSubjectAndVerb) {
  auto x = run("Judge Irena Mlinar, in her dissent, said the ruling ignored the statute.");
  EXPECT_EQ(speaker_name(quote_with(x, "the ruling ignored the statute")), "Irena Mlinar");
}

TEST(ReportingClauses, AppositiveWithAnother) {
  auto x =
      run("And Sen. Ivo Perić (D-Ore.), another first-term incumbent, said he had not decided.");
  EXPECT_EQ(speaker_name(quote_with(x, "he had not decided")), "Ivo Perić");
}

TEST(ReportingClauses, BodyOrPlaceInAppositionDescribesThePersonBeforeIt) {
  auto x = run("Rep. Ana Kovač, R-NY, says the vote was rigged.");
  EXPECT_EQ(speaker_name(quote_with(x, "the vote was rigged")), "Ana Kovač");
  auto y =
      run("Ivo Perić, the Social Democratic Party spokesman in Virginia, told reporters the "
          "count would resume.");
  EXPECT_EQ(speaker_name(quote_with(y, "the count would resume")), "Ivo Perić");
}

TEST(ReportingClauses, NamedBodyWithItsArticleSharesItsSubjectWithAParticiple) {
  auto x =
      run("The National Bank of Serbia kept its key interest rate unchanged on Thursday, "
          "saying inflation was falling more slowly than expected.");
  EXPECT_EQ(speaker_name(quote_with(x, "inflation was falling")), "National Bank of Serbia");
}

TEST(ReportingClauses, ShareOfAGroupAsSubject) {
  auto x = run("About four out of 10 voters said the economy was getting worse.");
  EXPECT_EQ(mention(quote_with(x, "the economy was getting worse")), "four out of 10 voters");
  auto y = run("Seven in 10 say the mayor should resign.");
  EXPECT_EQ(mention(quote_with(y, "the mayor should resign")), "Seven in 10");
}

TEST(ReportingClauses, OrganisationPhraseSharesItsSubjectWithAParticiple) {
  auto x =
      run("The Kovač campaign on Friday again attacked the budget, saying it hid the real "
          "deficit.");
  EXPECT_EQ(mention(quote_with(x, "it hid the real deficit")), "The Kovač campaign");
}

TEST(ReportingClauses, SemicolonAfterTheCueEndsTheAttribution) {
  auto x =
      run("To win the city, a candidate needs the suburbs, local analysts say; in the last "
          "election nobody managed it.");
  const Quote* q = quote_with(x, "a candidate needs the suburbs");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "To win the city, a candidate needs the suburbs");
  EXPECT_EQ(quote_with(x, "nobody managed it"), nullptr);
}

TEST(ReportingClauses, BareQuotationGoesOnWithTheQuotedStatementBefore) {
  auto x =
      run("“We will not close the school,” the mayor, Nikola Šarić, said.\n\n“The children "
          "stay where they are.”");
  const Quote* q = quote_with(x, "We will not close the school");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->parts.size(), 2u);
  EXPECT_NE(q->text.find("The children stay where they are."), std::string::npos);
  EXPECT_EQ(x.quotes.size(), 1u);
}

TEST(ReportingClauses, WhereAfterSubjectWithRoleWords) {
  auto x =
      run("The harbour must be dredged, Republican candidate Ivo Perić said after the debate.");
  const Quote* q = quote_with(x, "The harbour must be dredged");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ivo Perić");
  EXPECT_EQ(quote_with(x, "after the debate"), nullptr);
}

TEST(ReportingClauses, DocumentAsSubject) {
  auto x = run("The warnings came too late, the report says.");
  const Quote* q = quote_with(x, "The warnings came too late");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(mention(q), "the report");
}

TEST(ReportingClauses, InfinitiveAfterTheCueIsWhatWasSaid) {
  auto x = run("Speaking in the port on Sunday, the minister promised to reopen the ferry line.");
  const Quote* q = quote_with(x, "reopen the ferry line");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->cue, "promised");
  EXPECT_EQ(quote_with(x, "Speaking in the port"), nullptr);
}

TEST(ReportingClauses, NumberEndingAClauseIsNoSpeaker) {
  auto x = run("The fund has raised about $40 million, said Marko Vidić, its treasurer.");
  const Quote* q = quote_with(x, "The fund has raised");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Marko Vidić");
}

TEST(ReportingClauses, ReaffirmedThatReportsSpeech) {
  auto x =
      run("Spokesman Ivo Marić reaffirmed that an attack on the port would trigger the treaty.");
  const Quote* q = quote_with(x, "an attack on the port");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ivo Marić");
}

TEST(ReportingClauses, VerbsOfCriticismTakeWhatFollows) {
  const char* verbs[] = {"criticized", "blamed", "questioned"};
  for (const char* verb : verbs) {
    auto x = run(std::string("Tanja Simić ") + verb + " the council for the long delay.");
    const Quote* q = quote_with(x, "the council for the long delay");
    ASSERT_NE(q, nullptr) << verb;
    EXPECT_EQ(q->cue, verb);
    EXPECT_EQ(speaker_name(q), "Tanja Simić") << verb;
  }
  auto y = run("Dario Šimić echoed the warning in a radio interview.");
  EXPECT_EQ(speaker_name(quote_with(y, "the warning")), "Dario Šimić");
}

TEST(ReportingClauses, TranscriptLabels) {
  auto x =
      run("Transcript of the interview.\n\nQ: Will the ferry line reopen this summer?\n\n"
          "VUKOVIĆ: We hope so, but the harbour needs work first.\n\n"
          "Q: And the fares?\n\nA: They will stay where they are for a year.\n\n"
          "UPDATE: The interview was shortened.");
  EXPECT_EQ(mention(quote_with(x, "Will the ferry line reopen")), "Q");
  EXPECT_EQ(mention(quote_with(x, "the harbour needs work")), "VUKOVIĆ");
  EXPECT_EQ(mention(quote_with(x, "They will stay where they are")), "A");
  EXPECT_EQ(quote_with(x, "interview was shortened"), nullptr);
}

TEST(ReportingClauses, TranscriptAnswersAreTheIntervieweesWords) {
  auto x =
      run("Harbour master Ivo Babić on the ferry line.\n\n"
          "Harbour master Ivo Babić spoke to the Gazette on Tuesday. Babić took over the port from "
          "Ana Kovač in May.\n\nQ: Will the ferry line reopen this summer?\n\n"
          "A: We hope so, but the harbour needs work first.\n\n"
          "The ministry knows it. I told the minister, “We need the cranes by June.”\n\n"
          "Q: And the fares?\n\nA: They will stay where they are for a year.");
  EXPECT_EQ(speaker_name(quote_with(x, "the harbour needs work")), "Ivo Babić");
  EXPECT_EQ(speaker_name(quote_with(x, "They will stay where they are")), "Ivo Babić");
  // An answer runs on to the next question: its "I" is the one answering.
  EXPECT_EQ(speaker_name(quote_with(x, "We need the cranes by June.")), "Ivo Babić");
  // The questions stay the interviewer's.
  const Quote* question = quote_with(x, "Will the ferry line reopen");
  ASSERT_NE(question, nullptr);
  EXPECT_EQ(mention(question), "Q");
  EXPECT_NE(speaker_name(question), "Ivo Babić");
}

TEST(ReportingClauses, PersonLabelBeforeAQuotation) {
  auto x = run("The exchange went on.\n\nMayor Ana Kovač: “We will not sell the port.”");
  const Quote* q = quote_with(x, "We will not sell the port.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::direct);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
}

TEST(ReportingClauses, AppositiveWithPossessiveNameAndThatClause) {
  auto x = run("Petar Lukić, Adria Bank’s chief negotiator, said that the offer was not enough.");
  const Quote* q = quote_with(x, "the offer was not enough");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Petar Lukić");
}

TEST(ReportingClauses, CityAndRegionInAnAside) {
  auto x =
      run("Maja Rončević, who grew up near Osijek, Croatia, in the 1990s, said the border "
          "should stay open.");
  EXPECT_EQ(speaker_name(quote_with(x, "the border should stay open")), "Maja Rončević");
}

TEST(ReportingClauses, ParticipleAfterAStatement) {
  auto x = run("Union leader Stevan Mitić issued a statement saying the strike would go on.");
  EXPECT_EQ(speaker_name(quote_with(x, "the strike would go on")), "Stevan Mitić");
}

TEST(ReportingClauses, ParticipleAfterAClauseSpeaksForItsSubject) {
  // Neither the clause before the comma nor the name after the participle is the speaker.
  auto x = run("Milena Perić defended the new port levy, saying Luka Horvat would raise it too.");
  const Quote* q = quote_with(x, "Luka Horvat would raise it too");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "Luka Horvat would raise it too");
  EXPECT_EQ(speaker_name(q), "Milena Perić");
}

TEST(ReportingClauses, AdverbBetweenAuxiliaryAndCue) {
  auto x = run("Milena Perić has since said she would support a lower levy.");
  EXPECT_EQ(speaker_name(quote_with(x, "she would support a lower levy")), "Milena Perić");
}

TEST(ReportingClauses, WhereItWasWrittenWithAPossessiveBeforeThat) {
  auto x =
      run("Milena Perić noted in a column in Monday’s Adriatic Herald that the levy had doubled.");
  const Quote* q = quote_with(x, "the levy had doubled");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the levy had doubled");
}

TEST(ReportingClauses, ASubordinateClauseOpeningWhatWasSaidDoesNotEndIt) {
  auto x = run("Milena Perić said if the levy stays, the port will lose its ferries.");
  const Quote* q = quote_with(x, "if the levy stays");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "if the levy stays, the port will lose its ferries");
}

TEST(ReportingClauses, HearerDescribedBeforeTheirName) {
  auto x =
      run("Milena Perić told harbour radio host Luka Horvat on Monday that the levy would go.");
  const Quote* q = quote_with(x, "the levy would go");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the levy would go");
  EXPECT_EQ(speaker_name(q), "Milena Perić");
}

TEST(ReportingClauses, HearerWithTitleAndRoleBeforeWhatWasAsked) {
  auto x =
      run("We asked Dr Ana Kovač, chief economist at the Adria Foundation, what comes next.\n\n"
          "Reporters asked Mr. Perić whether he would resign.");
  const Quote* q = quote_with(x, "what comes next");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "what comes next");
  q = quote_with(x, "whether he would resign");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "whether he would resign");
  for (const Quote& said : x.quotes) EXPECT_EQ(said.text.find("Kovač"), std::string::npos);
  // What the body told is, after its name.
  auto y =
      run("Ivo Perić defended the levy, telling Split Daily newspaper that it was the only choice. "
          "Ana Kovač told Adria Press news agency that fares would rise.");
  for (const char* said : {"it was the only choice", "fares would rise"}) {
    q = quote_with(y, said);
    ASSERT_NE(q, nullptr) << said;
    EXPECT_EQ(q->text, said);
  }
}

TEST(ReportingClauses, AMediumOrBodyEndingTheClauseWasTold) {
  auto x =
      run("Firefighters were battling a blaze near Split, regional fire chief Ivo Marić told "
          "local radio.\n\n"
          "Ana Kovač told state television that the port would close.");
  const Quote* q = quote_with(x, "battling a blaze");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "Firefighters were battling a blaze near Split");
  EXPECT_EQ(quote_with(x, "local radio"), nullptr);
  q = quote_with(x, "port would close");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the port would close");
}

TEST(ReportingClauses, AHeadlinesLabelSpeaksWhenItNamesSomeoneOrAPublication) {
  for (const char* headline :
       {"Vesna Ilić: Budget cuts will hurt the port", "Poll: Ilić leads in Split",
        "Kovač camp: the levy threatens the port"}) {
    auto x = run(std::string(headline) + "\n\nSPLIT — The council met on Monday.");
    ASSERT_EQ(x.quotes.size(), 1u) << headline;
  }
  // A topic is no speaker.
  auto x =
      run("Split rains: Schools shut as city records heaviest downpour in a decade\n\n"
          "SPLIT — Schools stayed closed on Thursday.");
  EXPECT_TRUE(x.quotes.empty());
  // Nor is a newsroom's rubric; a speaker after it still speaks.
  for (const char* headline :
       {"Analysis: The ferry levy could backfire", "Exclusive: Adria Ferries plans to cut jobs",
        "Factbox: What is in the ferry bill", "BREAKING: Mayor resigns",
        "The Latest: Split votes on the ferry levy"}) {
    auto y = run(std::string(headline) + "\n\nSPLIT — The council met on Monday.");
    EXPECT_TRUE(y.quotes.empty()) << headline;
  }
  // A topic with a place is none either; people or a poll somewhere speak.
  auto topic = run("Flooding in Split: 'The water came in like a wave'\n\nSPLIT — Rain fell.");
  EXPECT_TRUE(topic.quotes.empty());
  for (const char* headline :
       {"Officials in Split: the levy will stay", "Exit poll in Split: Ilić leads"}) {
    auto y = run(std::string(headline) + "\n\nSPLIT — The council met on Monday.");
    EXPECT_EQ(y.quotes.size(), 1u) << headline;
  }
  auto interview =
      run("Interview: Split's mayor on the ferry levy\n\nAna Kovač spoke to us.\n\n"
          "Q: Will it pass?\n\nA: It will pass in May.");
  EXPECT_EQ(quote_with(interview, "mayor on the ferry levy"), nullptr);
  // A score line is a topic.
  auto score =
      run("Hajduk 2-1 Rijeka: Livaja double keeps title hopes alive\n\nSPLIT — He scored.");
  EXPECT_TRUE(score.quotes.empty());
  // A storm is a topic; a headline that says who spoke after the colon has that speaker only.
  auto storm = run("Storm Bora: Split braces for 'the worst in decades'\n\nSPLIT — Rain fell.");
  EXPECT_TRUE(storm.quotes.empty());
  auto says = run("Ferries: 'We will sail on time', says minister\n\nSPLIT — The port opened.");
  ASSERT_EQ(says.quotes.size(), 1u);
  EXPECT_EQ(mention(&says.quotes[0]), "minister");
  auto z = run("The Latest: Fishermen say the levy is unfair\n\nSPLIT — The council met.");
  EXPECT_EQ(mention(quote_with(z, "the levy is unfair")), "Fishermen");
  EXPECT_EQ(speaker_name(quote_with(z, "Fishermen say")), "<none>");
}

TEST(ReportingClauses, HearerWithNamesInIt) {
  auto x =
      run("Milena Perić told the Adriatic Ports Committee that the levy would go. Luka "
          "Horvat told Radio Split’s Ana Kovač that fares would rise. Ivo Babić told an "
          "Istrian audience that the ferries would stay.");
  for (const char* said : {"the levy would go", "fares would rise", "the ferries would stay"}) {
    const Quote* q = quote_with(x, said);
    ASSERT_NE(q, nullptr) << said;
    EXPECT_EQ(q->text, said);
  }
  // Without "that", a name after the hearer is the reported clause's subject.
  auto y = run("Milena Perić told the crowd Horvat would lose.");
  const Quote* q = quote_with(y, "would lose");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "Horvat would lose");
}

TEST(ReportingClauses, WhereTheHearerWasToldStandsBeforeThat) {
  auto x =
      run("Ana Kovač told analysts on a conference call that fares would rise. Ivo Babić told "
          "reporters in Split that the port would close.");
  for (const char* said : {"fares would rise", "the port would close"}) {
    const Quote* q = quote_with(x, said);
    ASSERT_NE(q, nullptr) << said;
    EXPECT_EQ(q->text, said);
  }
  // "to" starts what they were told to do, and "that" there is a determiner.
  auto y = run("The council sent a message telling residents to seek shelter that way.");
  for (const Quote& q : y.quotes) EXPECT_NE(q.text.substr(0, 3), "way");
}

TEST(ReportingClauses, WhomItWasWrittenToIsNotWhatWasSaid) {
  auto x = run("Milena Perić wrote to Luka Horvat, and he did not answer.");
  EXPECT_EQ(quote_with(x, "Luka Horvat"), nullptr);
  auto y = run("Milena Perić said to reporters, “We will not sell the port.”");
  EXPECT_EQ(speaker_name(quote_with(y, "We will not sell the port")), "Milena Perić");
}

TEST(ReportingClauses, TheSubjectOfAnEarlierVerbSpeaksAfterAnAdverb) {
  auto x = run("The judge rubbed his chin, and then said the hearing was over.");
  EXPECT_EQ(mention(quote_with(x, "the hearing was over")), "The judge");
  auto y = run("The spokesman refused to answer questions but said no meeting was planned.");
  EXPECT_EQ(mention(quote_with(y, "no meeting was planned")), "The spokesman");
  auto z = run("The employee first said he did not recall the deletions.");
  EXPECT_EQ(mention(quote_with(z, "he did not recall")), "The employee");
  // "state" after "the" is a noun, not a cue ending the subject.
  auto w = run("The state officials whose laws were struck down say the courts have changed.");
  EXPECT_EQ(mention(quote_with(w, "the courts have changed")), "The state officials");
  // "Let me just say": an imperative has no subject to speak.
  auto v = run("I had won. Let me just say that the centre was not full of dentists.");
  for (const Quote& q : v.quotes) EXPECT_NE(mention(&q), "Let");
}

TEST(ReportingClauses, MannerAdverbBetweenSubjectAndCue) {
  auto x = run("Luka Horvat spoke first. He memorably promised that the ferries would stay.");
  const Quote* q = quote_with(x, "the ferries would stay");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(mention(q), "He");
  EXPECT_EQ(speaker_name(q), "Luka Horvat");
  auto y = run("The Horvat family said the ferries would stay.");
  EXPECT_EQ(mention(quote_with(y, "the ferries would stay")), "The Horvat family");
  auto z =
      run("Luka Horvat, after the strike at the port ended in March, initially said that the "
          "ferries would stay.");
  EXPECT_EQ(speaker_name(quote_with(z, "the ferries would stay")), "Luka Horvat");
}

TEST(ReportingClauses, AnOpeningConditionKeepsItsMainClause) {
  auto x = run("Luka Horvat promised that if voters backed him, he would keep the ferries.");
  const Quote* q = quote_with(x, "if voters backed him");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "if voters backed him, he would keep the ferries");
}

TEST(ReportingClauses, WhatFollowsTheAttributionIsATailNotWhatWasSaid) {
  // How it was said, a description of it, the show it was said on, a participle of its own.
  for (const char* tail : {", journalist Luka Horvat said in posing the question to the mayor.",
                           ", Luka Horvat said, a policy that could keep the ferries running.",
                           ", Luka Horvat said Wednesday morning on Nova’s “Morning Show.”",
                           ", Luka Horvat said, adding that the ferries would keep running."}) {
    auto x = run(std::string("The port will stay open all winter") + tail);
    const Quote* q = quote_with(x, "The port will stay open");
    ASSERT_NE(q, nullptr) << tail;
    EXPECT_EQ(q->text, "The port will stay open all winter") << tail;
    EXPECT_EQ(speaker_name(q), "Luka Horvat") << tail;
  }
}

TEST(ReportingClauses, SaidThenTwoRolesThenName) {
  auto x = run("The port will stay open all winter, said lobbyist and strategist Luka Horvat.");
  const Quote* q = quote_with(x, "The port will stay open");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "The port will stay open all winter");
  EXPECT_EQ(speaker_name(q), "Luka Horvat");
}

TEST(ReportingClauses, SaidThenANameIsTheSpeakerNotANameBefore) {
  auto x =
      run("Milena Perić’s win marks a first for the port, said Luka Horvat, a historian at the "
          "University of Split.");
  EXPECT_EQ(speaker_name(quote_with(x, "marks a first for the port")), "Luka Horvat");
  // The name after the verb starts what was said here.
  auto y = run("Milena Perić, the mayor, said Luka Horvat would win.");
  const Quote* q = quote_with(y, "Luka Horvat would win");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Milena Perić");
}

TEST(ReportingClauses, ANameAColonAndAQuotationInsideAParagraph) {
  auto x =
      run("The port reopened on Monday.\n\nShippers agree - harbour analyst Ana Kovač: “The "
          "levy will go by spring.” Fares fell.\n\nThe shop sells Ivo Babić: “The Long Pier”.");
  const Quote* q = quote_with(x, "The levy will go by spring.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::direct);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
  // A title in quotation marks is not speech.
  EXPECT_EQ(quote_with(x, "The Long Pier"), nullptr);
}

TEST(ReportingClauses, WhatItWasSaidOfThenACommaThenTheQuotation) {
  auto x =
      run("Ana Kovač said of the levy, “It will go by spring.” Ivo Babić asks at the harbour "
          "school, “Any questions I can answer?”");
  const Quote* levy = quote_with(x, "It will go by spring.");
  ASSERT_NE(levy, nullptr);
  EXPECT_EQ(levy->text, "It will go by spring.");
  EXPECT_EQ(speaker_name(levy), "Ana Kovač");
  const Quote* questions = quote_with(x, "Any questions I can answer?");
  ASSERT_NE(questions, nullptr);
  EXPECT_EQ(questions->text, "Any questions I can answer?");
}

TEST(ReportingClauses, SaidOpeningTheSentence) {
  auto x =
      run("The old house is a museum now. Said Ana Kovač, who grew up nearby, “We were all so "
          "proud of him.”");
  const Quote* q = quote_with(x, "We were all so proud of him.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "We were all so proud of him.");
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
}

TEST(ReportingClauses, WhereItWasSaidThenAColonThenTheQuotation) {
  auto x =
      run("The mayor said on Twitter: “We will rebuild the bridge.” Horvat told WKRP: “The "
          "money is there.”");
  const Quote* q = quote_with(x, "We will rebuild the bridge");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::direct);
  EXPECT_EQ(q->text, "We will rebuild the bridge.");
  EXPECT_EQ(mention(q), "The mayor");
  const Quote* r = quote_with(x, "The money is there");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->text, "The money is there.");
  EXPECT_EQ(speaker_name(r), "Horvat");
}

TEST(ReportingClauses, QuotationThenSaidThenAnyDescription) {
  auto x =
      run("“He is, and always has been, a fighter,” said the 46-year-old. “It was a long night,” "
          "wrote the authors of the report. “Nobody saw it coming,” said one person familiar with "
          "the talks.");
  EXPECT_EQ(mention(quote_with(x, "always has been, a fighter")), "the 46-year-old");
  EXPECT_EQ(mention(quote_with(x, "It was a long night")), "the authors of the report");
  EXPECT_EQ(mention(quote_with(x, "Nobody saw it coming")), "one person familiar with the talks");
}

TEST(ReportingClauses, AfterThatWhatWasSaidRunsToItsVerb) {
  auto x =
      run("Mayor Ana Kovač suggested that the contractor, who is now bankrupt, would finish the "
          "bridge. The council revised its plans, saying that about 300 jobs would go.");
  const Quote* q = quote_with(x, "the contractor");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the contractor, who is now bankrupt, would finish the bridge");
  const Quote* r = quote_with(x, "300 jobs");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->text, "about 300 jobs would go");
}

TEST(ReportingClauses, ATitleInQuotationMarksIsNoQuotation) {
  auto x =
      run("Joe Marsh, host of Radio Adria’s “Morning Show,” suggested the port could close. She "
          "told Radio Adria’s “Evening News” on Monday the strike was over.");
  const Quote* q = quote_with(x, "the port could close");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Joe Marsh");
  const Quote* r = quote_with(x, "the strike was over");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->text, "the strike was over");
}

TEST(ReportingClauses, AnExclamationThenATitledSpeakerSaid) {
  auto x = run(
      "“The great state of Alabama is proud to cast its votes!” US Senator Jeff Sessions said as "
      "he launched the process.");
  const Quote* q = quote_with(x, "The great state of Alabama");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::direct);
  EXPECT_EQ(speaker_name(q), "Jeff Sessions");
  EXPECT_EQ(quote_with(x, "as he launched"), nullptr);
}

TEST(ReportingClauses, WhenItWasSaidIsNotWhatWasSaid) {
  auto x =
      run("Her friends mocked the plan, calling it “a circus,” Susan Marsh said as she turned "
          "around. The mayor said as many as 300 jobs would go.");
  EXPECT_EQ(quote_with(x, "as she turned around"), nullptr);
  const Quote* q = quote_with(x, "300 jobs");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "as many as 300 jobs would go");
}

TEST(ReportingClauses, AccordingToThenAClauseThatStartsLikeARole) {
  auto x =
      run("According to port officials, the crane that the company ordered was delivered late. "
          "According to Ana Kovač, a port spokeswoman, the cranes will arrive in May.");
  const Quote* q = quote_with(x, "the crane that the company ordered");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the crane that the company ordered was delivered late");
  EXPECT_EQ(mention(q), "port officials");
  const Quote* r = quote_with(x, "the cranes will arrive");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(speaker_name(r), "Ana Kovač");
}

TEST(ReportingClauses, QuantifiersSpeakForPeople) {
  auto x = run("Many said they were worried. Several said the port should stay open.");
  EXPECT_EQ(mention(quote_with(x, "they were worried")), "Many");
  EXPECT_EQ(mention(quote_with(x, "the port should stay open")), "Several");
}

TEST(ReportingClauses, SaidThenADescriptionWithARelativeClause) {
  auto x = run(
      "The budget is within reach, said a handful of councillors who back the mayor. The cranes "
      "are late, said Ana Kovač, the port authority's operations director.");
  const Quote* q = quote_with(x, "The budget is within reach");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(mention(q), "a handful of councillors");
  const Quote* r = quote_with(x, "The cranes are late");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(speaker_name(r), "Ana Kovač");
  EXPECT_EQ(quote_with(x, "operations director"), nullptr);
}

TEST(ReportingClauses, AccordingToASourceWithARelativeClause) {
  auto x =
      run("According to officials who spoke on condition of anonymity, the talks failed. The port "
          "will close, according to workers who saw the plan.");
  EXPECT_EQ(mention(quote_with(x, "the talks failed")), "officials");
  EXPECT_EQ(mention(quote_with(x, "The port will close")), "workers");
}

TEST(ReportingClauses, AccordingToInTheMiddleOfASentence) {
  // A complete clause before the cue is what was said, not the clause after it.
  auto x =
      run("Only two ferries sailed last week, according to the port authority, and one of "
          "them turned back. Other big losses, according to the union, include the night "
          "shift and the canteen.");
  const Quote* ferries = quote_with(x, "Only two ferries sailed last week");
  ASSERT_NE(ferries, nullptr);
  EXPECT_EQ(ferries->text.find("turned back"), std::string::npos);
  EXPECT_EQ(mention(ferries), "the port authority");
  // A subject alone before it: what was said runs around the cue.
  const Quote* losses = quote_with(x, "Other big losses");
  ASSERT_NE(losses, nullptr);
  EXPECT_NE(losses->text.find("include the night shift"), std::string::npos);
  EXPECT_EQ(losses->text.find("according"), std::string::npos);
  EXPECT_EQ(mention(losses), "the union");
}

TEST(ReportingClauses, AccordingToThenTheSourcesRole) {
  auto x =
      run("Not all ports charge the levy, according to Ivo Babić, a shipping analyst. Fares "
          "rose by a third in 2015, according to Ana Kovač, the port's director.");
  const Quote* levy = quote_with(x, "Not all ports charge the levy");
  ASSERT_NE(levy, nullptr);
  EXPECT_EQ(levy->text, "Not all ports charge the levy");
  EXPECT_EQ(speaker_name(levy), "Ivo Babić");
  const Quote* fares = quote_with(x, "Fares rose by a third in 2015");
  ASSERT_NE(fares, nullptr);
  EXPECT_EQ(fares->text, "Fares rose by a third in 2015");
  EXPECT_EQ(speaker_name(fares), "Ana Kovač");
}

TEST(ReportingClauses, AccordingToAGroupThenAnAppositionInWhatWasSaid) {
  // The apposition describes the driver, in what was said, not the police.
  auto x = run("According to police, the driver, a 45-year-old man, had been drinking heavily.");
  const Quote* q = quote_with(x, "the driver");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the driver, a 45-year-old man, had been drinking heavily");
  ASSERT_TRUE(q->speaker);
  EXPECT_EQ(q->speaker->role, "police");
  auto y =
      run("According to court documents, the suspect, identified as Ivo Marić, had posted threats "
          "online.");
  q = quote_with(y, "the suspect");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the suspect, identified as Ivo Marić, had posted threats online");
}

TEST(ReportingClauses, AccordingToAJointSource) {
  auto x = run("According to a Reuters/Ipsos poll, the two candidates are tied.");
  const Quote* q = quote_with(x, "the two candidates are tied");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(mention(q), "a Reuters/Ipsos poll");
}

TEST(ReportingClauses, CitingGivesTheSubjectsReason) {
  auto x =
      run("“We cannot sail tonight,” the captain said, citing high winds and a broken "
          "radar. The ferry company cancelled the crossing, citing safety rules.");
  const Quote* winds = quote_with(x, "high winds and a broken radar");
  ASSERT_NE(winds, nullptr);
  EXPECT_EQ(mention(winds), "the captain");
  EXPECT_EQ(mention(quote_with(x, "safety rules")), "The ferry company");
}

TEST(ReportingClauses, ACueOpeningTheTextHasNothingBeforeIt) {
  // Found by the fuzzer: the check for a quotation or comma before the cue read before the text.
  auto x = run("said t0hek wowat said t0hek would reOpen.");
  for (const Quote& q : x.quotes) EXPECT_FALSE(q.text.empty());
  auto y = run("said the man, the port would reopen.");
  EXPECT_NE(quote_with(y, "the port would reopen"), nullptr);
}

TEST(ReportingClauses, WhereItWasWrittenWithANumberCompound) {
  auto x = run("Judge Ana Kovač wrote in a 40-page order that the state had failed to show harm.");
  const Quote* q = quote_with(x, "the state had failed");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the state had failed to show harm");
}

TEST(ReportingClauses, ASecondVerbIsNotWhatWasSaid) {
  // "wrote and adopted": coordinated verbs, not a statement starting with "and".
  auto x =
      run("The assembly, which wrote and adopted the charter, met again in 1850.\n\nThe mayor "
          "said and did little.");
  EXPECT_EQ(quote_with(x, "adopted the charter"), nullptr);
  EXPECT_EQ(quote_with(x, "did little"), nullptr);
}

TEST(ReportingClauses, ToldParliament) {
  auto x = run("Prime Minister Ivo Babić told parliament the levy would protect the islands.");
  const Quote* q = quote_with(x, "levy would protect");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "the levy would protect the islands");
}

TEST(ReportingClauses, TheSubjectOfARelativeThatAfterANoun) {
  // "a law that critics say …": the people after "that" speak, not the phrase before it.
  auto x =
      run("Thousands marched against a proposed law that critics say copies Hungary's.\n\n"
          "It is the kind of job that many economists say is the future.");
  EXPECT_EQ(mention(quote_with(x, "copies Hungary")), "critics");
  EXPECT_EQ(mention(quote_with(x, "is the future")), "many economists");
}

TEST(ReportingClauses, ATellWithNoOneToldIsNoStatement) {
  auto x = run("Headteacher Ana Kovač says the numbers tell only half the story.");
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(x.quotes[0].text, "the numbers tell only half the story");
  // An adverb before whom it was told.
  auto y = run("They told only their closest friends that they were leaving.");
  const Quote* q = quote_with(y, "leaving");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "they were leaving");
}

TEST(ReportingClauses, APluralPossessiveIsNoQuotationMark) {
  auto x = run("Ana Kovač said requests would stay on the device to protect users' privacy.");
  const Quote* q = quote_with(x, "users' privacy");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::indirect);
}

TEST(ReportingClauses, AddedWithAThingAddedIsNoStatement) {
  auto x =
      run("The economy added 255,000 jobs in July. Ana Kovač added new conditions at the last "
          "minute.\n\nIvo Babić added that the talks would go on. “It is over,” he added. The "
          "port will stay open, she added, in Split.");
  EXPECT_EQ(quote_with(x, "255,000 jobs"), nullptr);
  EXPECT_EQ(quote_with(x, "new conditions"), nullptr);
  for (const char* said : {"the talks would go on", "It is over", "The port will stay open"}) {
    EXPECT_NE(quote_with(x, said), nullptr) << said;
  }
}

TEST(ReportingClauses, WhereItWasSaidAPlacesName) {
  auto x =
      run("Ana Kovač said in Zagreb the talks were over. Ivo Babić said in Split he would run.");
  EXPECT_EQ(quote_with(x, "talks were over")->text, "the talks were over");
  EXPECT_EQ(quote_with(x, "would run")->text, "he would run");
  // Not a name that goes on as a noun phrase: "as Ana Kovač noted in New York magazine".
  auto y = run("The ad, as Ana Kovač noted in Split magazine, promises to cut fares.");
  EXPECT_EQ(quote_with(y, "magazine"), nullptr);
}

TEST(ReportingClauses, WhereItWasWrittenBeyondAStatement) {
  // A note, a memo, a filing, remarks: where it was said, before what was said.
  auto x =
      run("Analysts at Adria Bank said in a note they expected fares to rise. The ministry said "
          "in a memo the plan was dead. Ana Kovač said in her opening remarks that the levy "
          "would stay.");
  for (const char* said :
       {"they expected fares to rise", "the plan was dead", "the levy would stay"}) {
    const Quote* q = quote_with(x, said);
    ASSERT_NE(q, nullptr) << said;
    EXPECT_EQ(q->text, said);
  }
}

TEST(ReportingClauses, ATitleAfterUSDoesNotEndTheSentence) {
  auto x =
      run("“Officials who sell their office betray every resident,” U.S. Attorney Ana Kovač said "
          "in a statement.");
  const Quote* q = quote_with(x, "betray every resident");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
  EXPECT_EQ(quote_with(run("He was born in the U.S. He said so."), "so")->speaker->mention, "He");
}

TEST(ReportingClauses, CalledOnIsWhatWasCalledFor) {
  auto x = run("He has also called on the United States to attack the oil that funds the group.");
  const Quote* q = quote_with(x, "attack the oil");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->text, "on the United States to attack the oil that funds the group");
}

}  // namespace
}  // namespace quotewire::extract
