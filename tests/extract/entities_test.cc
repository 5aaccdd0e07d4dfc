// Entities: types, acronyms, metonymy, demonyms as place references, actor ids.
#include <gtest/gtest.h>

#include "tests/extract/test_support.h"
#include "text/actor_id.h"

namespace quotewire::extract {
namespace {

using testing::entity;
using testing::quote_with;
using testing::run;
using testing::speaker_name;

EntityType type_of(const Extraction& x, std::string_view text) {
  const Entity* e = entity(x, text);
  EXPECT_NE(e, nullptr) << "no entity " << text;
  return e ? e->type : EntityType::misc;
}

TEST(Entities, PeopleOrganisationsPlaces) {
  auto x =
      run("Prime Minister Nikola Horvat met officials of the World Bank in Zagreb on Monday to "
          "discuss a loan for Croatia.");
  EXPECT_EQ(type_of(x, "Nikola Horvat"), EntityType::person);
  EXPECT_EQ(type_of(x, "World Bank"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Zagreb"), EntityType::location);
  EXPECT_EQ(type_of(x, "Croatia"), EntityType::location);
  EXPECT_EQ(entity(x, "Monday"), nullptr);
}

TEST(Entities, ParticlesStreetsAndPlatforms) {
  auto x =
      run("Coach Erik ten Hag posted on Instagram before police closed Manningham Lane on Friday.");
  EXPECT_EQ(type_of(x, "Erik ten Hag"), EntityType::person);
  EXPECT_EQ(type_of(x, "Instagram"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Manningham Lane"), EntityType::location);
}

TEST(Entities, AnOrganisationGoesOnAfterItsHeadWordAndOn) {
  auto x = run("The Council on Foreign Relations and the Adriatic Commission on Human Rights met.");
  EXPECT_EQ(type_of(x, "Council on Foreign Relations"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Adriatic Commission on Human Rights"), EntityType::organisation);
  // Not over a person's role and name after it.
  auto y = run(
      "The Council on Adriatic Relations National Executive Director Ana Kovač spoke on Monday.");
  EXPECT_EQ(type_of(y, "Ana Kovač"), EntityType::person);
}

TEST(Entities, AirlinesNamedWithoutSayingWhatTheyAre) {
  auto x = run("FRANKFURT — Lufthansa cancelled more than 800 flights. Qantas kept flying.");
  EXPECT_EQ(type_of(x, "Lufthansa"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Qantas"), EntityType::organisation);
}

TEST(Entities, CitiesInTheirEnglishForm) {
  auto x = run("Talks resumed in Abu Dhabi on Monday, and thousands marched in Tel Aviv.");
  EXPECT_EQ(type_of(x, "Abu Dhabi"), EntityType::location);
  EXPECT_EQ(type_of(x, "Tel Aviv"), EntityType::location);
}

TEST(Entities, Acronyms) {
  auto x = run("The EU and the UN asked the US to join the talks.");
  EXPECT_EQ(type_of(x, "EU"), EntityType::organisation);
  EXPECT_EQ(entity(x, "EU")->canonical_name, "European Union");
  EXPECT_EQ(type_of(x, "UN"), EntityType::organisation);
  EXPECT_EQ(entity(x, "UN")->actor_id, "united-nations");
  EXPECT_EQ(type_of(x, "US"), EntityType::location);
  EXPECT_EQ(entity(x, "US")->actor_id, "united-states");
}

TEST(Entities, LowerCaseUsIsNotTheUnitedStates) {
  auto x = run("They asked us to wait.");
  EXPECT_EQ(entity(x, "us"), nullptr);
}

TEST(Entities, AMonthIsAFirstNameOnlyBeforeASurnameThatSpeaks) {
  auto x =
      run("The talks resumed in April. April Mellody, a spokeswoman for the convention, said "
          "the police would help. Joan Zdravković said so too.");
  EXPECT_EQ(type_of(x, "April Mellody"), EntityType::person);
  EXPECT_EQ(entity(x, "April"), nullptr);
  EXPECT_EQ(entity(run("In April Congress passed the bill."), "April Congress"), nullptr);
}

TEST(Entities, ANameWrittenWithANoBreakSpaceIsShownWithAPlainOne) {
  auto x = run("Breitbart\u00a0News reported the vote first. Breitbart News said it was rigged.");
  const Entity* first = entity(x, "Breitbart\u00a0News");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->actor_id, "breitbart-news");
  EXPECT_EQ(first->canonical_name, "Breitbart News");
  EXPECT_EQ(entity(x, "Breitbart News")->canonical_name, "Breitbart News");
}

TEST(Entities, Metonymy) {
  auto x = run("The Kremlin rejected the offer, and officials in Moscow and Brussels waited.");
  EXPECT_EQ(type_of(x, "Kremlin"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Moscow"), EntityType::location);
  EXPECT_EQ(type_of(x, "Brussels"), EntityType::location);
}

TEST(Entities, DemonymsAreNotEntitiesButPointToPlaces) {
  auto x = run("Russian diplomats and Serbian officials met Ukrainian President Petro Marchenko.");
  EXPECT_EQ(entity(x, "Russian"), nullptr);
  EXPECT_EQ(entity(x, "Serbian"), nullptr);
  EXPECT_EQ(type_of(x, "Petro Marchenko"), EntityType::person);
  ASSERT_EQ(x.place_references.size(), 3u);
  EXPECT_EQ(x.place_references[0].text, "Russian");
  EXPECT_EQ(x.place_references[0].place, "Russia");
  EXPECT_EQ(x.place_references[1].place_id, "serbia");
  EXPECT_EQ(x.place_references[2].place, "Ukraine");
}

TEST(Entities, PlaceForDemonym) {
  const auto russian = Extractor::shared().place_for_demonym("Russian");
  ASSERT_TRUE(russian);
  EXPECT_EQ(russian->place, "Russia");
  EXPECT_EQ(russian->place_id, "russia");
  EXPECT_FALSE(Extractor::shared().place_for_demonym("Quickly"));
}

TEST(Entities, HyphenatedCompounds) {
  auto x = run("The EU-led talks on the Kosovo-Serbia dispute resumed.");
  EXPECT_EQ(type_of(x, "EU"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Kosovo"), EntityType::location);
  EXPECT_EQ(type_of(x, "Serbia"), EntityType::location);
  auto y = run("Talks with Mikhail Botsan-Petrov ended.");
  EXPECT_EQ(type_of(y, "Mikhail Botsan-Petrov"), EntityType::person);
}

TEST(Entities, OrganisationFromFollowingNoun) {
  auto x = run("Members of the Green Future organisation protested.");
  EXPECT_EQ(type_of(x, "Green Future"), EntityType::organisation);
}

TEST(Entities, OrganisationHeadsAndOf) {
  auto x = run("The Ministry of Foreign Affairs and the Serbian Progressive Party disagreed.");
  EXPECT_EQ(type_of(x, "Ministry of Foreign Affairs"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Serbian Progressive Party"), EntityType::organisation);
}

TEST(Entities, MastheadInTitleCaseIsNotAPerson) {
  auto x = run("The Evening Ledger\n\nRead the World Today\n\nThe mayor resigned.");
  for (const auto& e : x.entities) EXPECT_NE(e.type, EntityType::person) << e.text;
}

TEST(Entities, OffsetsAreByteOffsetsIntoTheBody) {
  const std::string body =
      "Đorđe Šarić, a lawyer from Niš, said: “The court in Kraljevo was wrong.”";
  auto x = run(body);
  ASSERT_FALSE(x.entities.empty());
  for (const auto& e : x.entities) {
    EXPECT_EQ(body.substr(e.start, e.end - e.start), e.text);
  }
  ASSERT_EQ(x.quotes.size(), 1u);
  const Quote& q = x.quotes[0];
  EXPECT_EQ(q.kind, QuoteKind::direct);
  EXPECT_EQ(body.substr(q.start, q.end - q.start), q.text);
  EXPECT_EQ(q.text, "The court in Kraljevo was wrong.");
}

TEST(Entities, TownsFromTheGeoNamesList) {
  auto x =
      run("Ferry traffic between Koper and Trieste fell, while ports near Mohács stayed open.");
  EXPECT_EQ(type_of(x, "Koper"), EntityType::location);
  EXPECT_EQ(type_of(x, "Trieste"), EntityType::location);
  EXPECT_EQ(type_of(x, "Mohács"), EntityType::location);
  EXPECT_EQ(entity(x, "Koper")->actor_id, "koper");
}

TEST(Entities, DerivedPlaceNameThatIsASurnameHereIsThePerson) {
  auto x = run(
      "Ruth Crawley, a shipping lawyer, spoke first. Later Crawley said the rules would change.");
  int surnames = 0;
  for (const auto& e : x.entities) {
    if (e.text != "Crawley") continue;
    ++surnames;
    EXPECT_EQ(e.type, EntityType::person);
    EXPECT_EQ(e.canonical_name, "Ruth Crawley");
  }
  EXPECT_EQ(surnames, 1);
  auto y = run("Trains to Crawley were cancelled.");
  EXPECT_EQ(type_of(y, "Crawley"), EntityType::location);
  // A derived place name before a name word it does not explain starts a person's name.
  auto z = run("The report was written by Victoria Okonkwo and two colleagues.");
  EXPECT_EQ(type_of(z, "Victoria Okonkwo"), EntityType::person);
}

TEST(Entities, PlaceNamesOnlyWithoutDiacriticsDoNotHideSurnames) {
  // GeoNames has a "Būsh" and a "Léo"; folded, they must not turn these men into places. (Which
  // kind of name an unknown "Leo Tindemans" is, the tagger reads from the context.)
  auto x = run("Speeches by Bush and by Leo Tindemans opened the debate.");
  ASSERT_NE(entity(x, "Bush"), nullptr);
  EXPECT_NE(entity(x, "Bush")->type, EntityType::location);
  ASSERT_NE(entity(x, "Leo Tindemans"), nullptr);
  EXPECT_NE(entity(x, "Leo Tindemans")->type, EntityType::location);
  auto y = run("Leo Tindemans said the treaty would hold.");
  EXPECT_EQ(type_of(y, "Leo Tindemans"), EntityType::person);
}

TEST(Entities, ShortAcronymIsNotATownOfTheSameLetters) {
  auto x = run("A study by the ILO found wages stagnant.");
  EXPECT_NE(type_of(x, "ILO"), EntityType::location);
}

TEST(Entities, RiversAndSeas) {
  auto x = run("Barges on the Danube and the Sava carry grain to the Black Sea.");
  EXPECT_EQ(type_of(x, "Danube"), EntityType::location);
  EXPECT_EQ(type_of(x, "Sava"), EntityType::location);
  EXPECT_EQ(type_of(x, "Black Sea"), EntityType::location);
}

TEST(Entities, SentenceInitialWordsAreNotNames) {
  auto x =
      run("Overfishing worries the fleet. Realistically, quotas will fall. \u201cDigitisation is "
          "coming,\u201d she said.");
  EXPECT_EQ(entity(x, "Overfishing"), nullptr);
  EXPECT_EQ(entity(x, "Realistically"), nullptr);
  EXPECT_EQ(entity(x, "Digitisation"), nullptr);
  // The same unknown word written with a capital mid-sentence elsewhere is a name.
  auto y = run("Zentrix makes cranes. Dockers fear Zentrix will cut jobs.");
  EXPECT_NE(entity(y, "Zentrix"), nullptr);
  EXPECT_EQ(y.entities.size(), 2u);
}

TEST(Entities, PluralTitlesAreNotNames) {
  auto x = run("Ministers from six countries met in Vienna.");
  EXPECT_EQ(entity(x, "Ministers"), nullptr);
  EXPECT_EQ(type_of(x, "Vienna"), EntityType::location);
}

TEST(Entities, PossessiveInsideAnOrganisationsName) {
  auto x = run("The Serbian Farmers' Union and the Young Workers’ Federation backed the plan.");
  EXPECT_EQ(type_of(x, "Serbian Farmers' Union"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Young Workers’ Federation"), EntityType::organisation);
  EXPECT_EQ(entity(x, "Farmers"), nullptr);
  // A place's possessive stays outside: "Croatia's Tourism Board" is Croatia and a board.
  auto y = run("Croatia's Tourism Board published the figures.");
  EXPECT_EQ(type_of(y, "Croatia"), EntityType::location);
  EXPECT_EQ(type_of(y, "Tourism Board"), EntityType::organisation);
}

TEST(Entities, CommonAcronymsAreNotOrganisations) {
  auto x = run("The CEO said GDP grew while HIV and H7N9 cases fell, according to the WHO.");
  EXPECT_EQ(entity(x, "CEO"), nullptr);
  EXPECT_EQ(entity(x, "GDP"), nullptr);
  EXPECT_EQ(entity(x, "HIV"), nullptr);
  EXPECT_NE(type_of(x, "H7N9"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "WHO"), EntityType::organisation);
  auto y = run("Apple said its new AI features would roll out next month.");
  EXPECT_EQ(entity(y, "AI"), nullptr);
}

TEST(Entities, FaithsAndPeoplesAreNotNames) {
  auto x =
      run("Sunni clerics and Shi'ite Muslims met Catholic bishops, while Islamist groups and Hutu "
          "refugees waited near Goma.");
  for (const auto& e : x.entities) {
    EXPECT_TRUE(e.text == "Goma") << e.text;
  }
  EXPECT_TRUE(x.place_references.empty());
}

TEST(Entities, PluralDemonymsPointToPlaces) {
  auto x = run("Iraqis and Palestinians voted, and Afghans watched.");
  EXPECT_TRUE(x.entities.empty());
  ASSERT_EQ(x.place_references.size(), 3u);
  EXPECT_EQ(x.place_references[0].place_id, "iraq");
  EXPECT_EQ(x.place_references[1].place, "Palestine");
  EXPECT_EQ(x.place_references[2].place_id, "afghanistan");
}

TEST(Entities, OrganisationHeadAloneAfterTheIsAnOrganisation) {
  auto x = run("Critics in Parliament said the Army had too few tanks. Police arrested three men.");
  EXPECT_EQ(type_of(x, "Parliament"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Army"), EntityType::organisation);
  EXPECT_EQ(entity(x, "Police"), nullptr);  // a sentence's first word
}

TEST(Entities, SpeechVerbNounsInNames) {
  auto x =
      run("A State Department official met Secretary of State Maja Vuković, who sits on the State "
          "Council.");
  EXPECT_EQ(type_of(x, "State Department"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Maja Vuković"), EntityType::person);
  EXPECT_EQ(type_of(x, "State Council"), EntityType::organisation);
}

TEST(Entities, CompanyNames) {
  auto x = run("Orbis Motors and Adria Airways signed a deal with Vela Holdings.");
  EXPECT_EQ(type_of(x, "Orbis Motors"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Adria Airways"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Vela Holdings"), EntityType::organisation);
}

TEST(Entities, ArabicArticleInsideNames) {
  auto x =
      run("Talks between Khalid al-Nuaimi and Omar el-Sayed ended; the al-Qaeda threat stayed.");
  EXPECT_EQ(type_of(x, "Khalid al-Nuaimi"), EntityType::person);
  EXPECT_EQ(type_of(x, "Omar el-Sayed"), EntityType::person);
  EXPECT_EQ(type_of(x, "al-Qaeda"), EntityType::organisation);
}

TEST(Entities, OrganisationBeforeAPersonsName) {
  // A derived list's organisation, then a first name: two names, not one.
  auto x = run("The Balkans director of Human Rights Watch Lejla Hodžić called for an inquiry.");
  EXPECT_EQ(type_of(x, "Human Rights Watch"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Lejla Hodžić"), EntityType::person);
  auto y = run("Secretary-General Tomas Lindqvist opened the session.");
  EXPECT_EQ(type_of(y, "Tomas Lindqvist"), EntityType::person);
}

TEST(Entities, RoleAfterAnOrganisationIsNoPartOfItsName) {
  auto x =
      run("Senate Majority Leader Mitch McConnell said the Department of Justice must act. Labour "
          "Party Leader Jeremy Corbyn disagreed.");
  EXPECT_EQ(type_of(x, "Senate"), EntityType::organisation);
  EXPECT_EQ(entity(x, "Senate Majority Leader"), nullptr);
  EXPECT_EQ(entity(x, "Senate Majority"), nullptr);
  EXPECT_EQ(type_of(x, "Mitch McConnell"), EntityType::person);
  EXPECT_EQ(type_of(x, "Department of Justice"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Labour Party"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Jeremy Corbyn"), EntityType::person);
}

TEST(Entities, AShortSentenceOfCapitalsWithAVerbIsNoHeadline) {
  // After "!”" a new sentence starts: three capitals in four words, but "said" is no headline's.
  auto x = run("“We are proud!” Senator Jeff Sessions said.");
  EXPECT_EQ(type_of(x, "Jeff Sessions"), EntityType::person);
}

TEST(Entities, NamesThatStartWithThe) {
  auto x =
      run("Storm hits coast\n\nA story in The Washington Post said talks in The Hague failed.");
  EXPECT_EQ(type_of(x, "The Washington Post"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "The Hague"), EntityType::location);
}

TEST(Entities, FirstWordsOfALongerNameAreNoName) {
  // "Bosnia and" starts "Bosnia and Herzegovina" but names nothing itself.
  auto x = run("Talks in Bosnia and Serbia resumed, and New rules were agreed.");
  EXPECT_EQ(type_of(x, "Bosnia"), EntityType::location);
  EXPECT_EQ(type_of(x, "Serbia"), EntityType::location);
  EXPECT_EQ(entity(x, "Bosnia and"), nullptr);
  for (const auto& e : x.entities) EXPECT_FALSE(e.text == "New" && e.type == EntityType::location);
}

TEST(Entities, ARoleInAppositionMakesAPerson) {
  auto before = run("Austria's environment minister, Leonore Gewessler-Brandt, said it was fair.");
  EXPECT_EQ(type_of(before, "Leonore Gewessler-Brandt"), EntityType::person);
  auto after = run("Leonore Gewessler, a spokeswoman for the ministry, said it was fair.");
  EXPECT_EQ(type_of(after, "Leonore Gewessler"), EntityType::person);
}

TEST(Entities, ARoleRightBeforeAFullNameMakesAPersonThroughoutTheArticle) {
  // The tagger read this name as an organisation, in the headline and below.
  auto x =
      run("Ange Postecoglou says Spurs must stay calm\n\nTottenham manager Ange Postecoglou has "
          "insisted his side will not panic after the defeat by Arsenal.");
  int people = 0;
  for (const auto& e : x.entities) {
    if (e.text != "Ange Postecoglou") continue;
    EXPECT_EQ(e.type, EntityType::person);
    ++people;
  }
  EXPECT_EQ(people, 2);
}

TEST(Entities, TheWordsAroundABrandMakeItACompany) {
  // Made-up brands, so that no list or training sentence knows them.
  auto x = run("Shares of Zentrova fell 5% on Wednesday. Zentrova declined to comment.");
  EXPECT_EQ(type_of(x, "Zentrova"), EntityType::organisation);
  int mentions = 0;
  for (const auto& e : x.entities) mentions += e.text == "Zentrova";
  EXPECT_EQ(mentions, 2);  // the second, which nothing around it types, too
  EXPECT_EQ(type_of(run("Kalvix shares fell sharply."), "Kalvix"), EntityType::organisation);
  EXPECT_EQ(type_of(run("Prices rose, said analysts at Morvane."), "Morvane"),
            EntityType::organisation);
  EXPECT_EQ(
      type_of(run("\"Prices rose,\" said Ana Kovač, chief economist at Berenberg."), "Berenberg"),
      EntityType::organisation);
  EXPECT_EQ(type_of(run("Brelio, the payments company, said it would cut jobs."), "Brelio"),
            EntityType::organisation);
  // The company a person works for is not the person.
  EXPECT_EQ(type_of(run("Péter Szabó, the company's chief executive, said it would cut jobs."),
                    "Péter Szabó"),
            EntityType::person);
  // A listed place stays one: "a stake in Croatia".
  EXPECT_EQ(type_of(run("The fund took a stake in Croatia."), "Croatia"), EntityType::location);
}

TEST(Entities, ANewNameThatSpeaksOfItsProfitIsACompany) {
  EXPECT_EQ(type_of(run("Velquor said its profit rose 4% in the quarter."), "Velquor"),
            EntityType::organisation);
  // A person the article introduced first may speak of "its" plans: the board's.
  EXPECT_EQ(
      type_of(run("Ana Velquor chairs the board. Velquor said its plans were bad."), "Velquor"),
      EntityType::person);
}

TEST(Entities, APossessiveInsideAnInstitutionsName) {
  auto x = run("Maria Gonzalez has worked at St Luke's Hospital in Split since 2015.");
  EXPECT_NE(testing::entity(x, "St Luke's Hospital"), nullptr);
  EXPECT_EQ(type_of(x, "St Luke's Hospital"), EntityType::organisation);
}

TEST(Entities, InvestorsAndOfficersMakeACompany) {
  EXPECT_EQ(type_of(run("Microsoft, which has invested heavily in Velquor, declined to comment."),
                    "Velquor"),
            EntityType::organisation);
  EXPECT_EQ(type_of(run("Krishna Rao, Velquor's chief financial officer, said demand was growing."),
                    "Velquor"),
            EntityType::organisation);
}

TEST(Entities, ABusinessNounBeforeANameMakesItACompany) {
  EXPECT_EQ(type_of(run("Shipping group Velquor said it was diverting some vessels."), "Velquor"),
            EntityType::organisation);
  EXPECT_EQ(type_of(run("The chipmaker Zentrova said demand was strong."), "Zentrova"),
            EntityType::organisation);
  // Not where a clause follows the noun.
  EXPECT_EQ(type_of(run("It was the campaign Ana Kovač ran in 2015."), "Ana Kovač"),
            EntityType::person);
}

TEST(Entities, WherePeopleWorkIsAnOrganisationThoughItStartsWithAGivenName) {
  auto x = run("Analysts at Morgan Stanley wrote that fares would rise. Morgan Stanley sold.");
  for (const auto& e : x.entities) EXPECT_EQ(e.type, EntityType::organisation) << e.text;
  EXPECT_EQ(x.entities.size(), 2u);
  // Not a name that modifies a noun after "at".
  EXPECT_EQ(type_of(run("Police stopped a protester at a Hillary Clinton rally on Monday."),
                    "Hillary Clinton"),
            EntityType::person);
}

TEST(Entities, ANameBetweenTheAndTheNounForABodyIsOne) {
  EXPECT_EQ(type_of(run("Drivers will strike on Saturday, the Aslef union said."), "Aslef"),
            EntityType::organisation);
  EXPECT_EQ(type_of(run("Fighters of the Wagner group crossed the border."), "Wagner"),
            EntityType::organisation);
}

TEST(Entities, APluralHeadEndsABodysNameToo) {
  auto x = run("The Africa Centres for Disease Control and Prevention declared an emergency.");
  EXPECT_EQ(type_of(x, "Africa Centres for Disease Control and Prevention"),
            EntityType::organisation);
}

TEST(Entities, AHyphenatedTitleIsNoPartOfTheName) {
  auto x = run("WHO Director-General Tedros Adhanom Ghebreyesus said the outbreak was worrying.");
  EXPECT_EQ(type_of(x, "Tedros Adhanom Ghebreyesus"), EntityType::person);
}

TEST(Entities, AListedCityAfterInIsAPlaceNotItsClub) {
  auto x = run("Two men were arrested after a jewellery shop in Leeds was robbed on Tuesday.");
  EXPECT_EQ(type_of(x, "Leeds"), EntityType::location);
}

TEST(Entities, APlacesHeadWordBeforeOfAndANameIsOnePlace) {
  auto x =
      run("Ferries to the Isle of Wight stopped as storms crossed the Bay of Biscay and the "
          "Gulf of Mexico.");
  for (const char* place : {"Isle of Wight", "Bay of Biscay", "Gulf of Mexico"}) {
    EXPECT_EQ(type_of(x, place), EntityType::location) << place;
  }
}

TEST(Entities, AStormsNameIsAnEventNotAPerson) {
  auto x =
      run("She had lived through Hurricane Irma in Florida before Tropical Storm Debby "
          "arrived.");
  EXPECT_EQ(type_of(x, "Irma"), EntityType::misc);
  EXPECT_EQ(type_of(x, "Debby"), EntityType::misc);
  for (const auto& e : x.entities) EXPECT_NE(e.text, "Hurricane Irma");
  // A body named after storms stays one.
  EXPECT_EQ(type_of(run("The National Hurricane Center said the storm was growing."),
                    "National Hurricane Center"),
            EntityType::organisation);
}

TEST(Entities, CompaniesAndClubsWhoseNamesAreCommonWords) {
  // "Shell" looks like a surname to the tagger, "Arsenal" like a common noun.
  auto x =
      run("Shell reported a profit of $6 billion on Thursday. Shares in Shell rose 2%.\n\n"
          "Ivo Marić hails Ana Kovač after Arsenal rout West Ham\n\n"
          "The result lifts Arsenal to second in the league.");
  for (const auto& e : x.entities) {
    if (e.text == "Shell" || e.text == "Arsenal" || e.text == "West Ham") {
      EXPECT_EQ(e.type, EntityType::organisation) << e.text;
    }
  }
  EXPECT_EQ(type_of(x, "Shell"), EntityType::organisation);
  EXPECT_EQ(type_of(x, "Arsenal"), EntityType::organisation);
}

TEST(Entities, AnOfficeAfterATitleIsNoPartOfTheName) {
  // The tagger runs "State" into a name it does not know, or reads it as an organisation.
  auto x =
      run("Secretary of State Antony Blinken met Minister of Finance Ana Kovač. The Secretary of "
          "State left.");
  EXPECT_EQ(type_of(x, "Antony Blinken"), EntityType::person);
  EXPECT_EQ(type_of(x, "Ana Kovač"), EntityType::person);
  for (const auto& e : x.entities) {
    EXPECT_EQ(e.text.find("State"), std::string::npos) << e.text;
    EXPECT_EQ(e.text.find("Finance"), std::string::npos) << e.text;
  }
}

TEST(Entities, APersonOfAnInstitutionIsTwoNames) {
  // The tagger reads "Friederike Otto of Imperial College London" as one organisation.
  auto x =
      run("Climate scientist Friederike Otto of Imperial College London said heatwaves would "
          "grow. \"Every degree matters,\" she said.");
  EXPECT_EQ(type_of(x, "Friederike Otto"), EntityType::person);
  EXPECT_EQ(type_of(x, "Imperial College London"), EntityType::organisation);
  const Quote* q = quote_with(x, "Every degree matters");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_EQ(q->speaker->name, "Friederike Otto");
}

TEST(Entities, ANameAfterTheIslandOfIsAPlace) {
  // "Koh Trong" looks like a person's name to the tagger.
  auto x = run("Sok Chea carries passengers between Kratie and the island of Koh Trong.");
  EXPECT_EQ(type_of(x, "Koh Trong"), EntityType::location);
  EXPECT_EQ(type_of(x, "Sok Chea"), EntityType::person);
}

TEST(Entities, APlaceAdjectiveWhosePluralIsThePlace) {
  // "Philippine" points to the Philippines, which stays a place.
  auto x =
      run("The Philippine coast guard said its boat was struck near Second Thomas Shoal, and the "
          "Philippines protested.");
  EXPECT_EQ(type_of(x, "Philippines"), EntityType::location);
  EXPECT_EQ(type_of(x, "Second Thomas Shoal"), EntityType::location);
  for (const auto& e : x.entities) EXPECT_NE(e.text, "Philippine");
}

TEST(Entities, AWireDatelineNamesAPlace) {
  for (const char* text : {"TRIESTE — Port officials said on Monday that fares would rise.",
                           "MERIDA (Reuters) - Port officials said that fares would rise."}) {
    auto x = run(text);
    ASSERT_FALSE(x.entities.empty()) << text;
    EXPECT_EQ(x.entities[0].type, EntityType::location) << text;
  }
  // A headline in capitals is no dateline, and a listed organisation stays one.
  EXPECT_EQ(type_of(run("NATO — the alliance said on Monday that it would meet."), "NATO"),
            EntityType::organisation);
}

TEST(ActorIds, CaseAndDiacriticsFold) {
  EXPECT_EQ(text::actor_id_for("Saša Janković"), "sasa-jankovic");
  EXPECT_EQ(text::actor_id_for("Sasa Jankovic"), "sasa-jankovic");
  EXPECT_EQ(text::actor_id_for("SASA JANKOVIC"), "sasa-jankovic");
  EXPECT_EQ(text::actor_id_for("Đorđe Šarić"), "dorde-saric");
  EXPECT_EQ(text::actor_id_for("Ana M. Kovač"), text::actor_id_for("Ana Kovač"));
}

TEST(ActorIds, DecomposedInputFoldsLikeComposed) {
  // "Saša" with a combining caron (NFD) and with the precomposed letter (NFC).
  EXPECT_EQ(text::actor_id_for("Sas\xCC\x8C"
                               "a Jankovic\xCC\x81"),
            text::actor_id_for("Saša Janković"));
}

TEST(ActorIds, SameActorAcrossMentionsKeepsDiacritics) {
  auto x =
      run("SASA JANKOVIC: REFORM NOW\n\nSaša Janković said the law was outdated. Sasa Jankovic "
          "spoke for an hour, and Janković took questions.");
  std::string id;
  for (const auto& e : x.entities) {
    if (e.type != EntityType::person) continue;
    if (id.empty()) id = e.actor_id;
    EXPECT_EQ(e.actor_id, id) << e.text;
    EXPECT_EQ(e.canonical_name, "Saša Janković") << e.text;
  }
  EXPECT_EQ(id, "sasa-jankovic");
}

TEST(Entities, ABodyNamedForTwoPlaces) {
  // The tagger ends the place at "and"; the body's head word makes the two places one name.
  auto x = run("Avon and Somerset Police said officers were called to the quay.");
  ASSERT_NE(entity(x, "Avon and Somerset Police"), nullptr);
  EXPECT_EQ(type_of(x, "Avon and Somerset Police"), EntityType::organisation);
  EXPECT_EQ(speaker_name(quote_with(x, "officers were called")), "Avon and Somerset Police");
  // Not a listed country before a body in capitals.
  auto y = run("Russia and NATO Council members met in Brussels.");
  EXPECT_EQ(type_of(y, "Russia"), EntityType::location);
}

TEST(Entities, CompaniesNewerThanTheTaggersNews) {
  auto x = run("It also took aim at Spotify, which first complained in 2019. Spotify welcomed it.");
  EXPECT_EQ(type_of(x, "Spotify"), EntityType::organisation);
}

TEST(Entities, AnOrganisationsHeadBeforeFor) {
  // The tagger ends the name at its head word; the rules know it goes on after "for" and "on".
  auto x =
      run("The Office for National Statistics (ONS) said prices rose. The Institute for Fiscal "
          "Studies said taxes would rise.");
  EXPECT_EQ(type_of(x, "Office for National Statistics"), EntityType::organisation);
  EXPECT_EQ(speaker_name(quote_with(x, "prices rose")), "Office for National Statistics");
}

TEST(Entities, AMembersTitleIsNotPartOfTheName) {
  // "MP", "MEP", "MSP" are titles: the tagger ran "Labour MP" into the name it knows.
  auto x =
      run("Labour MP Diane Abbott said the vote was wrong. Conservative MEP Ivo Perić agreed.");
  EXPECT_EQ(type_of(x, "Diane Abbott"), EntityType::person);
  EXPECT_EQ(type_of(x, "Ivo Perić"), EntityType::person);
  EXPECT_EQ(speaker_name(quote_with(x, "vote was wrong")), "Diane Abbott");
}

TEST(ActorIds, ABodysFirstWordAloneIsTheBody) {
  // "the Census said" after "the Census Bureau"; not a person's name read as a body ("Trump"
  // after "Trump University" and "Donald Trump"), nor an acronym.
  auto x =
      run("The Census Bureau said the count was late. Later, the Census said the count was "
          "fair.");
  EXPECT_EQ(speaker_name(quote_with(x, "count was fair")), "Census Bureau");
  for (const auto& e : x.entities) {
    EXPECT_EQ(e.actor_id, text::actor_id_for("Census Bureau")) << e.text;
  }
}

}  // namespace
}  // namespace quotewire::extract
