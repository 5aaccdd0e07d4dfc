// Who speakers speak for, read from the roles the article gives them, and what statements are
// about (sentences written for these tests).
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/extract/test_support.h"

namespace quotewire::extract {
namespace {

using testing::quote_with;
using testing::run;

// The names of the affiliations of the statement containing `fragment`, surest first.
std::vector<std::string> speaks_for(const Extraction& x, std::string_view fragment) {
  std::vector<std::string> names;
  const Quote* q = quote_with(x, fragment);
  EXPECT_NE(q, nullptr) << fragment;
  if (!q || !q->speaker) return names;
  for (const Affiliation& f : q->speaker->affiliations) names.push_back(f.name);
  return names;
}

const Affiliation* affiliation(const Extraction& x, std::string_view fragment,
                               std::string_view name) {
  const Quote* q = quote_with(x, fragment);
  if (!q || !q->speaker) return nullptr;
  for (const Affiliation& f : q->speaker->affiliations) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

using Names = std::vector<std::string>;

TEST(Affiliations, AnAmbassadorSpeaksForTheStateThatSentHimNotTheOneHeIsPostedTo) {
  auto x = run(
      "Croatia's Ambassador to Hungary, Ivan Matić, said the border would stay open all summer.");
  EXPECT_EQ(speaks_for(x, "border would stay open"), Names{"Croatia"});
  const Affiliation* f = affiliation(x, "border would stay open", "Croatia");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->relation, "ambassador");
  EXPECT_EQ(f->evidence, "Croatia's Ambassador to Hungary");
  EXPECT_GE(f->confidence, 0.85f);
}

TEST(Affiliations, MinistersWithADemonymSpeakForTheirState) {
  auto x =
      run("Slovenian infrastructure minister Alenka Bratušek said the trains were full.\n\n"
          "Austria's environment minister, Leonore Gruber, said the river was low.");
  EXPECT_EQ(speaks_for(x, "trains were full"), Names{"Slovenia"});
  EXPECT_EQ(speaks_for(x, "river was low"), Names{"Austria"});
}

TEST(Affiliations, SpokespeopleAndSeniorOfficialsOfAnOrganisation) {
  auto x =
      run("Marta Lovrić, a spokeswoman for the International Monetary Fund, said the loan was "
          "approved.\n\n"
          "A senior EU official said the talks would resume in May.");
  EXPECT_EQ(speaks_for(x, "loan was approved"), Names{"International Monetary Fund"});
  const Names eu = speaks_for(x, "talks would resume");
  ASSERT_FALSE(eu.empty());
  EXPECT_EQ(eu[0], "European Union");
}

TEST(Affiliations, AnalystsSpeakForTheirThinkTankButNotForTheirCountry) {
  auto x =
      run("Serbian political analyst Dragan Popović said the deal was weak.\n\n"
          "Ana Kos, a senior fellow at the Brookings Institution, said sanctions would not work.");
  EXPECT_TRUE(speaks_for(x, "deal was weak").empty());
  EXPECT_EQ(speaks_for(x, "sanctions would not work"), Names{"Brookings Institution"});
}

TEST(Affiliations, OfTwoRolesTheOneThatNamesAnOrganisationCounts) {
  auto x =
      run("Dimitrije Milić, political analyst and program director of the New Third World "
          "organisation, said Russia had not made significant public statements.");
  EXPECT_EQ(speaks_for(x, "significant public statements"), Names{"New Third World"});
}

TEST(Affiliations, RelationsThatAreNotSpeakingForDoNotCount) {
  auto x =
      run("Rep. Tom Cole of Oklahoma, an ally of GOP leadership, said the party would unite.\n\n"
          "Jelena Kos, a critic of the Kremlin, said the election was rigged.");
  EXPECT_TRUE(speaks_for(x, "party would unite").empty());
  EXPECT_TRUE(speaks_for(x, "election was rigged").empty());
}

TEST(Affiliations, UnnamedOfficialsOfAStateSpeakForIt) {
  auto x = run("Russian officials said the plan was unacceptable.");
  EXPECT_EQ(speaks_for(x, "plan was unacceptable"), Names{"Russia"});
}

TEST(Affiliations, TheKremlinSpeaksForRussia) {
  auto x = run("The Kremlin said the sanctions were illegal.");
  const Affiliation* f = affiliation(x, "sanctions were illegal", "Russia");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->relation, "alias");
  EXPECT_EQ(f->evidence, "seat of the Russian presidency");
}

// Users' own aliases, beside the bundled ones (quotewire --aliases FILE).
TEST(Affiliations, AliasesOfTheUsersOwnAddToAndDropTheBundledOnes) {
  const std::string text =
      "Zagreb said the border talks would resume. The Kremlin said the sanctions were illegal.";
  auto bundled = run(text);
  EXPECT_EQ(affiliation(bundled, "border talks", "Croatia"), nullptr);
  EXPECT_NE(affiliation(bundled, "sanctions were illegal", "Russia"), nullptr);

  Extractor own({.state_aliases = "# capital for state\n"
                                  "Zagreb\tCroatia\tcapital, for the Croatian government\n"
                                  "Kremlin\t-\n"});
  auto x = own.extract(text);
  const Affiliation* f = affiliation(x, "border talks", "Croatia");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->relation, "alias");
  EXPECT_EQ(f->evidence, "capital, for the Croatian government");
  EXPECT_EQ(affiliation(x, "sanctions were illegal", "Russia"), nullptr);
}

TEST(Affiliations, AliasRowsThatCannotBeUsedAreRefusedWithTheReason) {
  auto refusal = [](const std::string& rows) {
    try {
      Extractor own({.state_aliases = rows});
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(refusal("Atlantis\tGreece\tlost capital\n"),
            "state aliases: \"Atlantis\": not a name the gazetteer knows");
  EXPECT_EQ(refusal("Zagreb\tAtlantis\tcapital\n"),
            "state aliases: \"Zagreb\": Atlantis is not a name the gazetteer knows");
  EXPECT_EQ(refusal("Zagreb Croatia capital\n"),
            "state aliases: \"Zagreb Croatia capital\": expected alias, what it stands for, why "
            "(tabs)");
}

TEST(Affiliations, ARoleWithoutANameBelongsToTheOrganisationOfTheSentenceBefore) {
  auto x =
      run("The European Commission welcomed the deal. A spokesperson, Anna Nowak, said Brussels "
          "would fund the network.");
  EXPECT_EQ(speaks_for(x, "fund the network"), Names{"European Commission"});
}

TEST(Affiliations, AnUnnamedBodyIsKeptWithItsWordsAndNoActor) {
  auto x =
      run("“The schools cannot wait,” said Marta Horvat, head of the teachers’ union. The water "
          "board's director, Ivo Babić, said the pipes were old. The bus line will close, the "
          "transport "
          "company said. Ana Šimić, the company's chief executive, said drivers would move. Maja "
          "Perić, "
          "a spokeswoman for the national railways, said trains were late.");
  const Affiliation* union_ = affiliation(x, "The schools cannot wait", "teachers’ union");
  ASSERT_NE(union_, nullptr);
  EXPECT_EQ(union_->actor_id, "");
  EXPECT_EQ(union_->relation, "head");
  EXPECT_NE(affiliation(x, "the pipes were old", "water board"), nullptr);
  // "the company" is the transport company named in the sentence before.
  EXPECT_NE(affiliation(x, "drivers would move", "transport company"), nullptr);
  EXPECT_NE(affiliation(x, "trains were late", "national railways"), nullptr);
}

TEST(Affiliations, ABodyBeforeTheRoleIsNotGuessed) {
  // "the state party chairwoman" speaks for a party the article names elsewhere, if at all:
  // "state party" would be a wrong name for it.
  auto x = run("Roberta Lang, the state party chairwoman, said she had received threats.");
  EXPECT_EQ(speaks_for(x, "she had received threats"), Names{});
}

TEST(Affiliations, ARoleGivenEarlierCarriesToLaterStatements) {
  auto x =
      run("Hungarian minister Zsolt Fekete was more cautious. He said Budapest supported the "
          "exchange.");
  EXPECT_EQ(speaks_for(x, "Budapest supported"), Names{"Hungary"});
}

TEST(Subjects, NamesDemonymsAndAliasesInWhatWasSaid) {
  auto x =
      run("Ana Kovač said Russian interests in Serbia were growing and the Kremlin was watching "
          "Kosovo.");
  const Quote* q = quote_with(x, "Russian interests");
  ASSERT_NE(q, nullptr);
  std::vector<std::pair<std::string, std::string>> about;
  for (const Subject& s : q->subjects) about.emplace_back(s.name, s.via);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Russia", "demonym"}, {"Serbia", "name"}, {"Kremlin", "name"}, {"Kosovo", "name"}};
  EXPECT_EQ(about, expected);
}

TEST(Subjects, TheSpeakerIsNotWhatItTalksAbout) {
  auto x = run("Serbia said Serbia would never recognise Kosovo.");
  const Quote* q = quote_with(x, "never recognise Kosovo");
  ASSERT_NE(q, nullptr);
  for (const Subject& s : q->subjects) EXPECT_NE(s.name, "Serbia");
}

}  // namespace
}  // namespace quotewire::extract
