// Speakers: back-references by surname, pronoun and description; roles; organisations and
// countries as speakers; bylines never speak.
#include <gtest/gtest.h>

#include "tests/extract/test_support.h"
#include "text/actor_id.h"

namespace quotewire::extract {
namespace {

using testing::quote_with;
using testing::role_of;
using testing::run;
using testing::speaker_name;

TEST(Speakers, SurnameResolvesToFullNameIntroducedEarlier) {
  auto x =
      run("Economist Dušan Vlahović warned that inflation would rise.\n\n"
          "“Wages cannot keep up,” said Vlahović.");
  const Quote* q = quote_with(x, "Wages cannot keep up");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->name, "Dušan Vlahović");
  EXPECT_EQ(q->speaker->mention, "Vlahović");
  EXPECT_EQ(q->speaker->actor_id, text::actor_id_for("Dušan Vlahović"));
}

TEST(Speakers, APartOfALongerNameIsTheSameActor) {
  // The name a person goes by may be inside the full name, or its last two words.
  auto x =
      run("President Luiz Inácio Lula da Silva opened the summit.\n\n"
          "\"The forest is our home,\" Lula said.\n\n"
          "Andrés Manuel López Obrador spoke next. \"We will help,\" López Obrador said.\n\n"
          "Joseph R. Biden Jr. was there too. \"It is late,\" Biden said.");
  const struct {
    const char* said;
    const char* who;
  } cases[] = {{"our home", "Luiz Inácio Lula da Silva"},
               {"We will help", "Andrés Manuel López Obrador"},
               {"It is late", "Joseph R. Biden Jr."}};
  for (const auto& c : cases) {
    const Quote* q = quote_with(x, c.said);
    ASSERT_NE(q, nullptr) << c.said;
    EXPECT_EQ(speaker_name(q), c.who) << c.said;
    EXPECT_EQ(q->speaker->actor_id, text::actor_id_for(c.who)) << c.said;
  }
}

TEST(Speakers, SurnameWithoutDiacriticsIsTheSameActor) {
  auto x =
      run("Saša Janković said the rules were clear.\n\n“Nobody is above them,” Jankovic added.");
  const Quote* first = quote_with(x, "rules were clear");
  const Quote* second = quote_with(x, "Nobody is above them");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(first->speaker->actor_id, second->speaker->actor_id);
  EXPECT_EQ(second->speaker->name, "Saša Janković");
}

TEST(Speakers, PronounResolvesToLastSpeaker) {
  auto x =
      run("“We will not sign,” Boris Tadić told the committee.\n\n"
          "“Not this year and not the next,” he added.");
  const Quote* q = quote_with(x, "Not this year");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->mention, "he");
  EXPECT_EQ(q->speaker->name, "Boris Tadić");
  EXPECT_EQ(q->cue, "added");
}

TEST(Speakers, PronounResolvesToLastSubject) {
  auto x =
      run("“The audit is finished,” said Milica Ristić.\n\n"
          "Later that day, Stefan Nikolić visited the plant. He said the audit was incomplete.");
  const Quote* q = quote_with(x, "audit was incomplete");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->name, "Stefan Nikolić");
}

TEST(Speakers, PronounSkipsPersonOfOtherGender) {
  auto x = run("Mr. Petrov met Ms. Ilieva on Monday. She said the talks had gone well.");
  const Quote* q = quote_with(x, "talks had gone well");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->name, "Ilieva");
}

TEST(Speakers, DescriptionResolvesToTitledPerson) {
  auto x =
      run("Prince Harald Olsen opened the exhibition on Sunday.\n\n"
          "The prince said the museum would stay free for children.");
  const Quote* q = quote_with(x, "museum would stay free");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->name, "Harald Olsen");
  EXPECT_EQ(q->speaker->mention, "The prince");
}

TEST(Speakers, ADemonymOrAnAgeDescribesThePersonNamedBefore) {
  for (const char* description : {"the Australian", "the 46-year-old"}) {
    auto x = run(std::string("Coach Marko Perić spoke on Friday. “We knew it would be tough,” ") +
                 description + " said.");
    const Quote* q = quote_with(x, "We knew it would be tough");
    ASSERT_NE(q, nullptr) << description;
    EXPECT_EQ(speaker_name(q), "Marko Perić") << description;
  }
}

TEST(Speakers, ANameAfterItsDescriptionAndBeforeAnAside) {
  auto x =
      run("Former Hajduk striker Ivo Babić, now at Dinamo Zagreb, told Radio Split he still "
          "watches every game. “I am a fan first,” he said.");
  EXPECT_EQ(speaker_name(quote_with(x, "he still watches every game")), "Ivo Babić");
  EXPECT_EQ(speaker_name(quote_with(x, "I am a fan first")), "Ivo Babić");
}

TEST(Speakers, ASpeechNounAfterTheSentencesArticleIsTheSubject) {
  // "report" is also a speech verb; after "The" it is the subject's noun, and a participle's
  // aside between it and the verb is passed over.
  for (const char* text :
       {"The report said fares would rise.",
        "The report, published on Tuesday by the Port Authority, said fares would rise."}) {
    auto x = run(text);
    const Quote* q = quote_with(x, "fares would rise");
    ASSERT_NE(q, nullptr) << text;
    ASSERT_TRUE(q->speaker.has_value()) << text;
    EXPECT_EQ(q->speaker->mention, "The report") << text;
  }
}

TEST(Speakers, AppositiveRole) {
  auto x =
      run("Jovan Marić, political analyst and director of the Centre for Policy Studies, said the "
          "coalition would not last.");
  const Quote* q = quote_with(x, "coalition would not last");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->name, "Jovan Marić");
  EXPECT_EQ(q->speaker->role, "political analyst and director of the Centre for Policy Studies");
}

TEST(Speakers, PrecedingRole) {
  auto x = run("Political analyst Dragana Petrić told local media that turnout would be low.");
  const Quote* q = quote_with(x, "turnout would be low");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->name, "Dragana Petrić");
  EXPECT_EQ(q->speaker->role, "political analyst");
}

TEST(Speakers, ANameInAppositionWithAQualifiedTitleIsNoSubject) {
  // "she" is the woman who spoke, not her husband named in apposition.
  auto x =
      run("Ana Kovač spoke on Monday. Kovač and her husband, former President Ivo Kovač, attended "
          "the launch in 2005. She has since said that she attended because it would be fun.");
  const Quote* q = quote_with(x, "it would be fun");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
}

TEST(Speakers, WordsOfTheOfficeBeforeATitleOpenTheSubject) {
  auto x =
      run("Democratic state Rep. Rafael Anchía disagreed, saying that lawmakers had blood on their "
          "hands.");
  const Quote* q = quote_with(x, "blood on their hands");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Rafael Anchía");
}

TEST(Speakers, APersonAfterTheirBodysTitleIsTheSubjectPastAnAside) {
  // The person the subject's words end with, not the organisation before the title.
  auto x =
      run("NATO Secretary General Ivo Marić, speaking in Brussels, said the port would close.\n\n"
          "Adria Ferries chief executive Ana Kovač, who spoke at the launch, said fares would "
          "rise.");
  const Quote* q = quote_with(x, "port would close");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ivo Marić");
  q = quote_with(x, "fares would rise");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
  auto z =
      run("U.S. Secretary of State Antony Blinken, who is touring the region, urged both sides "
          "to \"get to yes\".");
  q = quote_with(z, "get to yes");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Antony Blinken");
  // A person named further into an appositive is not the subject.
  auto y =
      run("Senator Ivo Marić, a Split Democrat who has backed Ana Kovač, said the port would "
          "close.");
  q = quote_with(y, "port would close");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ivo Marić");
}

TEST(Speakers, APersonOfTheBodyIsTheSubjectNotTheBody) {
  auto x =
      run("Opposition leader Ivo Marić of the Adria Democratic Party said the port would close.\n\n"
          "The head of the Adria Foundation said fares would rise.");
  const Quote* q = quote_with(x, "port would close");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ivo Marić");
  q = quote_with(x, "fares would rise");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_EQ(q->speaker->role, "head of the Adria Foundation");
}

TEST(Speakers, ASourceCloseToSomeoneIsNotThem) {
  auto x =
      run("A source close to Adria Ferries said the company was talking to rivals.\n\n"
          "A person close to Ana Kovač said she would resign.");
  for (const char* said : {"talking to rivals", "she would resign"}) {
    const Quote* q = quote_with(x, said);
    ASSERT_NE(q, nullptr) << said;
    ASSERT_TRUE(q->speaker) << said;
    EXPECT_TRUE(q->speaker->actor_id.empty()) << said;
    EXPECT_NE(q->speaker->name.find("close to"), std::string::npos) << said;
  }
}

TEST(Speakers, ANounPhraseBeforeAVerbAfterTheCueIsWhatWasSaid) {
  // "said his manager was …": the manager is what was said about; the speaker is the subject.
  auto x =
      run("Ivo Marić, a contestant on the show \"Island\", who went on to work for Ana Kovač, "
          "said his manager was \"always kind and generous.\"");
  const Quote* q = quote_with(x, "his manager was");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ivo Marić");
}

TEST(Speakers, ANationalityNounStandsForThePersonJustNamed) {
  auto x =
      run("Rijeka coach Ivo Marić admitted his side had been poor.\n\n"
          "\"We have to look at ourselves,\" the Spaniard said.");
  const Quote* q = quote_with(x, "look at ourselves");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ivo Marić");
  // Nor is the noun an entity of its own.
  for (const Entity& e : x.entities) EXPECT_NE(e.text, "Spaniard");
  auto y =
      run("Pope Leo spoke from the balcony on Wednesday.\n\n"
          "The 70-year-old pontiff said: \"May the clamour of arms be silenced.\"");
  q = quote_with(y, "clamour of arms");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Leo");
}

TEST(Speakers, WhoDeclinedToSayIsTheSubjectNotTheRefusal) {
  auto x = run("She declined to say whether the port would close.");
  for (const Quote& q : x.quotes) {
    ASSERT_TRUE(q.speaker);
    EXPECT_EQ(q.speaker->mention, "She");
  }
}

TEST(Speakers, RolesAsNewsWritesThem) {
  const struct {
    const char* text;
    const char* role;
  } cases[] = {
      // The conjunction joins the clause.
      {"But Labour's shadow chancellor, Ana Kovač, said the port would close.",
       "Labour's shadow chancellor"},
      // A form of address is no role.
      {"“The port will close,” Mr Albanese said.", ""},
      {"Former president Mr. Perić said the port would close.", "former president"},
      // Words that date or qualify a title, and the office capitalised with it.
      {"Former President Ivo Marić said the port would close.", "Former President"},
      {"Opposition Leader Ivo Marić said the port would close.", "Opposition Leader"},
      {"On Monday, Transport Secretary Ana Kovač said the port would close.",
       "Transport Secretary"},
      // "WHO's" is the organisation's, not "who is".
      {"Ana Kovač, chair of the WHO's emergency committee, said the port would close.",
       "chair of the WHO's emergency committee"},
      // A title's word opening the sentence before a lower-case role of several words.
      {"Chief financial officer Ana Kovač told analysts that the port would close.",
       "Chief financial officer"},
      {"Rijeka boss Ivo Marić said the port would close.", "boss"},
      // Ranks and offices of several words.
      {"Detective Sergeant Ivo Marić of Split Police said the port would close.",
       "Detective Sergeant"},
      {"\"The port will close,\" National Security Adviser Ivo Marić said.",
       "National Security Adviser"},
      {"Harris County Sheriff Ivo Marić said the port would close.", "Harris County Sheriff"},
      // An office after "of", the name unknown to the word lists.
      {"Secretary of State Antony Blinken said the port would close.", "Secretary of State"},
      {"Deputy Minister of Finance Ana Kovač said the port would close.",
       "Deputy Minister of Finance"},
      // The aide of someone named, in apposition before the name.
      {"Health Secretary Ivo Marić's spokesman, Ana Kovač, said the port would close.",
       "Health Secretary Ivo Marić's spokesman"},
      {"ANC secretary-general Ana Kovač said the port would close.", "secretary-general"},
      // A phrase with no word for a person after "of Y" describes Y.
      {"Ana Kovač of Krutham, a consultancy in Zagreb, said the port would close.", ""},
      // A verb before the role is none of it; an adjective after a determiner is.
      {"The council on Friday elected former defence minister Ana Kovač as its chair. \"The port "
       "will close,\" Kovač told members.",
       "former defence minister"},
      {"The embattled chief executive Ana Kovač said the port would close.",
       "embattled chief executive"},
      // After an opening prepositional phrase.
      {"In mitigation, his barrister, Ana Kovač, said the port would close.", "his barrister"},
      // An office named after a place; an office's words keep their capitals at a
      // sentence's start.
      {"Mayor of London Ivo Marić said the port would close.", "Mayor of London"},
      {"Civil Protection Minister Ivo Marić said the port would close.",
       "Civil Protection Minister"},
      // The verb of an infinitive is none of it either.
      {"Hajduk agreed to sign midfielder Ivo Marić. \"The port will close,\" Marić said.",
       "midfielder"},
  };
  for (const auto& c : cases) EXPECT_EQ(role_of(c.text, "port w"), c.role) << c.text;
}

TEST(Speakers, APlaceAfterABodyIsPartOfTheAside) {
  auto x =
      run("Ana Kovač, a professor at the University of California, Los Angeles, who studies ports, "
          "said the levy was legal.");
  EXPECT_EQ(speaker_name(quote_with(x, "the levy was legal")), "Ana Kovač");
}

TEST(Speakers, ABodysNameEndingInANumberSpeaks) {
  auto x =
      run("The International Association of Machinists and Aerospace Workers District 751 said "
          "the deal was ratified.");
  EXPECT_EQ(speaker_name(quote_with(x, "the deal was ratified")),
            "International Association of Machinists and Aerospace Workers District");
}

TEST(Speakers, APronounAfterSomeoneUnnamedIsTheirs) {
  // "She" after "a neighbour" spoke is the neighbour, not the person named before.
  auto x = run(
      "Ana Kovač, 34, was charged on Monday. A neighbour said she had noticed a smell for weeks. "
      "“I thought it was the drains,” she told the Gazette.");
  const Quote* q = quote_with(x, "I thought it was the drains");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->actor_id, "");
  EXPECT_NE(speaker_name(q), "Ana Kovač");
  // One who asked is answered: "he" is the one named.
  auto y =
      run("Ivo Babić spoke to CBS News, when a reporter asked whether he had changed course. "
          "“I have not,” he said.");
  EXPECT_EQ(speaker_name(quote_with(y, "I have not")), "Ivo Babić");
}

TEST(Speakers, ItAfterABodyUnnamedIsItsNotTheLastOneNamed) {
  auto x =
      run("Red Cross staff handed out water.\n\nThe fire brigade said it had tackled 45 "
          "fires, and it urged people to avoid any work that could cause a spark.");
  const Quote* q = quote_with(x, "avoid any work");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(speaker_name(q), "Red Cross");
  EXPECT_EQ(q->speaker->actor_id, "");
}

TEST(Speakers, ASubjectWithHerAgeBeforeHerNameHoldsTheNextShe) {
  auto x =
      run("The commissioner, Vesna Ilić, told a committee the rules would change.\n\n"
          "Sixteen-year-old Enie Lam, a student in Split, was unconvinced. \"It will just make "
          "kids hide what they do,\" she said.");
  EXPECT_EQ(speaker_name(quote_with(x, "hide what they do")), "Enie Lam");
}

TEST(Speakers, ACoChairInAppositionMakesAPerson) {
  auto x =
      run("Jørgen Frydnes, the chair of the committee, announced the award.\n\nToshiyuki "
          "Mimaki, a co-chair of the group, wept. \"Never did I dream this could happen,\" he "
          "said.");
  EXPECT_EQ(speaker_name(quote_with(x, "Never did I dream")), "Toshiyuki Mimaki");
}

TEST(Speakers, ABodysBranchInACountryIsTheBody) {
  auto x = run("Amnesty International Kenya said at least 12 people had been injured.");
  EXPECT_EQ(speaker_name(quote_with(x, "12 people")), "Amnesty International");
}

TEST(Speakers, TheGroupIsNotThePlatformItPostedOn) {
  auto x =
      run("The Rapid Support Forces have denied blocking aid. In a statement on Telegram, the "
          "group accused the army of bombing markets.");
  EXPECT_EQ(speaker_name(quote_with(x, "bombing markets")), "Rapid Support Forces");
}

TEST(Speakers, PrecedingRoleWithCountry) {
  auto x =
      run("Germany’s Ambassador to Croatia, Klaus Weber, said that the investment would go ahead.");
  const Quote* q = quote_with(x, "investment would go ahead");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->name, "Klaus Weber");
  EXPECT_EQ(q->speaker->role, "Germany’s Ambassador to Croatia");
  EXPECT_EQ(q->speaker->related_places, (std::vector<std::string>{"germany", "croatia"}));
}

TEST(Speakers, RoleRemembersEarlierAppositive) {
  auto x =
      run("Marija Ilić, an expert in energy law, said prices would rise.\n\n"
          "“Households will pay first,” she added.");
  const Quote* q = quote_with(x, "Households will pay first");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->role, "expert in energy law");
}

TEST(Speakers, OrganisationAsSpeaker) {
  auto x = run("The European Commission said the funds would be released in June.");
  const Quote* q = quote_with(x, "funds would be released");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->name, "European Commission");
  EXPECT_EQ(q->speaker->type, EntityType::organisation);
}

TEST(Speakers, CountryAsSpeaker) {
  auto x = run("Hungary said it would veto the sanctions package.");
  const Quote* q = quote_with(x, "veto the sanctions");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->name, "Hungary");
  EXPECT_EQ(q->speaker->type, EntityType::location);
}

TEST(Speakers, PronounItResolvesToCountry) {
  auto x = run(
      "Croatia opened the new terminal last week. It said that the route would double traffic.");
  const Quote* q = quote_with(x, "route would double");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->name, "Croatia");
}

// A country named paragraphs before is no speaker "it": the statement stays, its speaker open
// (the seed article's "While it has said that the plan is unfavourable ...").
TEST(Speakers, PronounItDoesNotReachBackParagraphsToACountry) {
  auto x =
      run("Croatia continues to back the port project.\n\n"
          "Ana Kovač, a harbour engineer, said the cranes were ready.\n\n"
          "While it has said that the route would double traffic, it keeps quiet about the cost.");
  const Quote* q = quote_with(x, "route would double");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_TRUE(q->speaker->actor_id.empty()) << q->speaker->name;
}

TEST(Speakers, BylineIsAnEntityButNeverASpeaker) {
  auto x = run("The council said the market would reopen.\n\n(Jelena Đorđević | Daily Courier)");
  const Entity* byline = testing::entity(x, "Jelena Đorđević");
  ASSERT_NE(byline, nullptr);
  EXPECT_EQ(byline->type, EntityType::person);
  for (const auto& q : x.quotes) {
    ASSERT_TRUE(q.speaker) << q.text;
    EXPECT_NE(q.speaker->name, "Jelena Đorđević");
  }
}

TEST(Speakers, HeaderLinesAreMastheadAndByline) {
  auto x =
      run("Source: Morning Harbour Post\nByline: Ivo Brkić\n\n"
          "Port director Filip Sarić said the cranes would be replaced.");
  const Entity* outlet = testing::entity(x, "Morning Harbour Post");
  ASSERT_NE(outlet, nullptr);
  EXPECT_EQ(outlet->type, EntityType::organisation);
  const Entity* author = testing::entity(x, "Ivo Brkić");
  ASSERT_NE(author, nullptr);
  EXPECT_EQ(author->type, EntityType::person);
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(speaker_name(&x.quotes[0]), "Filip Sarić");
}

// Roles read as a caption beside the name: no leading article, no capital that only marks the
// start of a sentence; titles keep theirs.
// A speaker that is only a common noun names nobody: the statement keeps the words as its
// speaker's name and role, and no actor id, so the sink stores no actor "operator".
TEST(Speakers, CommonNounSpeakersAreNoActors) {
  auto x =
      run("Night trains to Split are fully booked, the operator said on Friday.\n\n"
          "Officials said the line would stay open.\n\n"
          "Ana Kovač, the operator's spokeswoman, said more cars would follow.");
  const Quote* q = quote_with(x, "fully booked");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_EQ(q->speaker->name, "operator");
  EXPECT_EQ(q->speaker->role, "operator");
  EXPECT_TRUE(q->speaker->actor_id.empty());
  q = quote_with(x, "stay open");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_TRUE(q->speaker->actor_id.empty());
  q = quote_with(x, "more cars");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->actor_id, text::actor_id_for("Ana Kovač"));
}

TEST(Speakers, TheCompanyIsTheOrganisationNamedJustBefore) {
  auto x = run(
      "ZAGREB (Reuters) - Adria Ferries Group will cancel 40 sailings, the Croatian company said "
      "on Monday.\n\n"
      "The firm said fuel costs had doubled.");
  for (const char* said : {"40 sailings", "fuel costs"}) {
    const Quote* q = quote_with(x, said);
    ASSERT_NE(q, nullptr) << said;
    ASSERT_TRUE(q->speaker) << said;
    EXPECT_EQ(q->speaker->actor_id, text::actor_id_for("Adria Ferries Group")) << said;
  }
  // Not the agency of a dateline, nor a company named paragraphs before.
  auto y = run("ZAGREB (Reuters) - Sailings will be cancelled, the company said.");
  const Quote* q = quote_with(y, "Sailings");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_TRUE(q->speaker->actor_id.empty());
  auto z =
      run("Adria Ferries Group runs the line.\n\nFares rose.\n\nTrains were late.\n\n"
          "Sailings will be cancelled, the company said.");
  q = quote_with(z, "Sailings");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_TRUE(q->speaker->actor_id.empty());
}

TEST(Speakers, TheClubOrGroupIsTheOrganisationThatActedNotTheOneTold) {
  auto x =
      run("Jose Mourinho has been sacked as Fenerbahce manager after a year in charge, the Turkish "
          "club announced on Thursday.");
  const Quote* q = quote_with(x, "sacked as Fenerbahce manager");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_EQ(q->speaker->actor_id, text::actor_id_for("Fenerbahce"));
  // Who was told something is not who the group is.
  auto y = run(
      "The Adria Dockers Foundation declined to comment, telling Radio Split that it was focused "
      "on safety.\n\n"
      "“We are focused on the port,” the group said.");
  q = quote_with(y, "focused on the port");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_EQ(q->speaker->actor_id, text::actor_id_for("Adria Dockers Foundation"));
}

TEST(Speakers, SportsAndScienceRolesIntroduceTheSubject) {
  // "head coach" is a role: the coach is the subject the next description stands for, not the
  // manager who spoke before.
  auto x = run(
      "Mikel Arteta said the team was tired.\n\n"
      "Rijeka head coach Goran Tomić was less impressed with the referee. \"It was a foul,\" the "
      "Croatian said.");
  const Quote* q = quote_with(x, "It was a foul");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Goran Tomić");
  auto y =
      run("\"It is a big surprise,\" said Ana Kovač, an astrophysicist at the University of "
          "Zagreb.");
  q = quote_with(y, "big surprise");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_EQ(q->speaker->role, "astrophysicist at the University of Zagreb");
}

TEST(Speakers, AccordingToAStatementFromAnOrganisation) {
  for (const char* text :
       {"According to a statement from the European Space Agency, the launch will slip.",
        "According to a report by Amnesty International, the launch will slip.",
        "The launch will slip, according to a press release from the European Space Agency.",
        "According to a poll by the European Space Agency published on Wednesday, the launch will "
        "slip."}) {
    auto x = run(text);
    const Quote* q = quote_with(x, "launch will slip");
    ASSERT_NE(q, nullptr) << text;
    ASSERT_TRUE(q->speaker) << text;
    EXPECT_FALSE(q->speaker->actor_id.empty()) << text;
    EXPECT_EQ(q->speaker->name.find("statement"), std::string::npos) << text;
    EXPECT_EQ(q->speaker->name.find("report"), std::string::npos) << text;
  }
}

TEST(Speakers, RolesOpeningTheSentenceOrBeforeWhereThePersonWorks) {
  for (const char* text : {"Chief executive Ana Kovač told analysts the port would close.",
                           "Chief Executive Ana Kovač told analysts the port would close."}) {
    auto x = run(text);
    ASSERT_EQ(x.quotes.size(), 1u) << text;
    EXPECT_EQ(speaker_name(&x.quotes[0]), "Ana Kovač") << text;
    ASSERT_TRUE(x.quotes[0].speaker) << text;
    EXPECT_EQ(x.quotes[0].speaker->role, text[6] == 'e' ? "Chief executive" : "Chief Executive");
  }
  auto y = run(
      "The study's lead author, Ana Kovač of the University of Zagreb, acknowledged that the data "
      "had been checked.");
  ASSERT_EQ(y.quotes.size(), 1u);
  ASSERT_TRUE(y.quotes[0].speaker);
  EXPECT_EQ(y.quotes[0].speaker->role, "study's lead author");
}

TEST(Speakers, SomeonesColleagueIsTheSubject) {
  auto x =
      run("The hospital's director, David Marsh, disputes her account.\n\n"
          "Gonzalez's colleague Tom Becker, who still works on the ward, backs her up. \"Maria is "
          "telling the truth,\" he says.");
  const Quote* q = quote_with(x, "telling the truth");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Tom Becker");
}

TEST(Speakers, AnAgeIsNoRole) {
  auto x = run("\"At some point, less becomes dangerous,\" says Maria Gonzalez, 46.");
  ASSERT_EQ(x.quotes.size(), 1u);
  ASSERT_TRUE(x.quotes[0].speaker);
  EXPECT_EQ(x.quotes[0].speaker->name, "Maria Gonzalez");
  EXPECT_EQ(x.quotes[0].speaker->role, "");
}

TEST(Speakers, PeopleNamedByWhereTheyAreAreNotThePlace) {
  for (const char* text : {"Officials in Zagreb said the ferry would sail.",
                           "Residents of Dubrovnik said the ferry would sail."}) {
    auto x = run(text);
    ASSERT_EQ(x.quotes.size(), 1u) << text;
    ASSERT_TRUE(x.quotes[0].speaker) << text;
    EXPECT_TRUE(x.quotes[0].speaker->actor_id.empty()) << text;  // no place speaks
  }
  // Nor is where they work the speaker: its analysts speak, in their own words.
  auto z = run("Analysts at Morgan Stanley wrote in a note that the ferry would sail.");
  ASSERT_EQ(z.quotes.size(), 1u);
  ASSERT_TRUE(z.quotes[0].speaker);
  EXPECT_EQ(z.quotes[0].speaker->mention, "Analysts at Morgan Stanley");
  // A role named by its place stands for the person named before, as "the senator" does.
  auto y = run("Ana Kovač spoke on Monday. The senator from Istria said the ferry would sail.");
  const Quote* q = quote_with(y, "ferry would sail");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
}

TEST(Speakers, APersonOfAFirmDescribedBeforeItsName) {
  auto x = run("\"Fuel is scarce,\" Ana Kovač of shipping broker Adriabrod wrote to clients.");
  const Quote* q = quote_with(x, "Fuel is scarce");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
}

TEST(Speakers, AnOrganisationBeforeTheNounForWhatItIs) {
  auto x = run("The left-wing Adria Ferries company said fares would rise.");
  ASSERT_EQ(x.quotes.size(), 1u);
  ASSERT_TRUE(x.quotes[0].speaker);
  EXPECT_EQ(x.quotes[0].speaker->actor_id, text::actor_id_for("Adria Ferries"));
  // A person's campaign is not the person.
  auto y = run("The Kovač campaign said fares would rise.");
  ASSERT_EQ(y.quotes.size(), 1u);
  ASSERT_TRUE(y.quotes[0].speaker);
  EXPECT_TRUE(y.quotes[0].speaker->actor_id.empty());
}

TEST(Speakers, ABodyBeforeATitledPersonIsNoSubject) {
  // "telling" speaks for the clause's subject: the chief executive, not his company.
  auto x =
      run("Lufthansa Chief Executive Ana Kovač apologised on Tuesday, telling the panel that the "
          "company was deeply sorry.");
  const Quote* q = quote_with(x, "deeply sorry");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
}

TEST(Speakers, APartysMemberDescribedByTheState) {
  auto x =
      run("Senator Ivo Perić spoke first. \"The levy is a disgrace,\" the Connecticut Democrat "
          "said.\n\nAna Kovač answered him. The levy will stay, said the Wisconsin Republican.");
  const Quote* q = quote_with(x, "levy is a disgrace");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ivo Perić");
  q = quote_with(x, "levy will stay");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
}

TEST(Speakers, APublicationsParticipleIsNoPartOfItsName) {
  auto x =
      run("Fares rose by a third, according to a survey released on Monday by the port authority.");
  const Quote* q = quote_with(x, "Fares rose");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_EQ(q->speaker->name, "survey");
}

TEST(Speakers, RoleWithoutLeadingArticle) {
  auto x =
      run("A spokeswoman, Mira Kos, said the ferry would run on Sunday.\n\n"
          "The ministry's chief economist, Petar Lukić, told reporters that growth would slow.\n\n"
          "Ana Lovrić, an engineer at the shipyard, said the crane was safe.");
  const Quote* q = quote_with(x, "ferry would run");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Mira Kos");
  EXPECT_EQ(q->speaker->role, "spokeswoman");
  q = quote_with(x, "growth would slow");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->role, "ministry's chief economist");
  q = quote_with(x, "crane was safe");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->role, "engineer at the shipyard");
}

TEST(Speakers, RoleLosesOnlyTheSentencesCapital) {
  auto x =
      run("Political analyst Vesna Marić said the vote was close.\n\n"
          "Economist Tena Barić said rates would rise.\n\n"
          "However, analyst Ivo Lukas said the count was fair.\n\n"
          "Governor Ana Kralj said the bank would wait.");
  const Quote* q = quote_with(x, "vote was close");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->role, "political analyst");
  q = quote_with(x, "rates would rise");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Tena Barić");
  EXPECT_EQ(q->speaker->role, "economist");
  q = quote_with(x, "count was fair");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->role, "analyst");
  q = quote_with(x, "bank would wait");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker->role, "Governor");
}

TEST(Speakers, NoRoleFromAClauseThatEndsInTheApposition) {
  auto x =
      run("The vote came weeks after his finance minister, Ana Kovač, said the plan was costly.");
  const Quote* q = quote_with(x, "plan was costly");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ana Kovač");
  EXPECT_EQ(q->speaker->role.find("came"), std::string::npos) << q->speaker->role;
  EXPECT_EQ(role_of("His finance minister, Ana Kovač, said the plan was costly.", "costly"),
            "his finance minister");
}

TEST(Speakers, RoleWithPluralPossessive) {
  auto x = run("Zdravko Lončar, head of the farmers’ cooperative, said the harvest was late.");
  const Quote* q = quote_with(x, "harvest was late");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Zdravko Lončar");
  EXPECT_EQ(q->speaker->role, "head of the farmers’ cooperative");
}

TEST(Speakers, ASpokespersonForAMovementIsNotTheMovement) {
  // The body named before the noun for what it is speaks only when it heads the phrase.
  auto x =
      run("A spokesperson for the Hezbollah movement said the group would keep up the blockade.\n\n"
          "The Hezbollah movement said the talks were over.");
  const Quote* q = quote_with(x, "keep up the blockade");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "A spokesperson for the Hezbollah movement");
  ASSERT_FALSE(q->speaker->affiliations.empty());
  EXPECT_EQ(q->speaker->affiliations.front().name, "Hezbollah");
  EXPECT_EQ(speaker_name(quote_with(x, "talks were over")), "Hezbollah");
}

TEST(Speakers, WhichSpeaksForWhatThePhraseEndsWith) {
  // "which" stands for the body the phrase before it ends with, not the person heading it; the
  // main clause's verb still has the person.
  auto x =
      run("A lawyer for Brodogradnja Split, which has claimed that the yard was sabotaged, said "
          "the company would appeal.");
  const Quote* claim = quote_with(x, "yard was sabotaged");
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(speaker_name(claim), "Brodogradnja Split");
  EXPECT_EQ(speaker_name(quote_with(x, "company would appeal")), "A lawyer for Brodogradnja Split");
}

TEST(Speakers, BritishTitlesWithoutAFullStop) {
  auto x =
      run("Prof Ivana Horvat said the ice was thinning. Cllr Marko Kos said the council would "
          "act.\n\nProfessor Dario Babić said the data were clear.\n\nProf Lea Perić cautioned "
          "that the record was short. \"It is too early to say,\" she said.");
  const Quote* q = quote_with(x, "ice was thinning");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Ivana Horvat");
  EXPECT_EQ(q->speaker->role, "Prof");
  EXPECT_EQ(role_of("Cllr Marko Kos said the council would act.", "council would act"), "Cllr");
  // The titled name opens its sentence, so the pronoun after it is hers.
  EXPECT_EQ(speaker_name(quote_with(x, "too early to say")), "Lea Perić");
}

TEST(Speakers, ABusinesssNounBeforeTheNameAndARelativeClause) {
  auto x =
      run("Danish drugmaker Nordvik Pharma, which makes a vaccine, said it could supply doses.");
  EXPECT_EQ(speaker_name(quote_with(x, "supply doses")), "Nordvik Pharma");
  ASSERT_NE(testing::entity(x, "Nordvik Pharma"), nullptr);
  EXPECT_EQ(testing::entity(x, "Nordvik Pharma")->type, EntityType::organisation);
}

TEST(Speakers, AGivenNameAloneAfterTheFullName) {
  // Some people are called by their first name ("Tedros"): a lone word no list holds that
  // starts the full name given before is that person.
  auto x =
      run("GENEVA — The World Health Organization declared an emergency.\n\nWHO Director-General "
          "Tedros Adhanom Ghebreyesus said the spread was \"very worrying\".\n\n\"We need "
          "vaccines now,\" Tedros told a news conference.");
  const Quote* q = quote_with(x, "vaccines now");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_name(q), "Tedros Adhanom Ghebreyesus");
}

}  // namespace
}  // namespace quotewire::extract
