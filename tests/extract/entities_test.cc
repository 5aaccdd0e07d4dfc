// Entities: types, acronyms, metonymy, demonyms as place references, actor ids.
#include <gtest/gtest.h>

#include "tests/extract/test_support.h"

namespace quotewire::extract {
namespace {

using testing::entity;
using testing::run;

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

TEST(ActorIds, CaseAndDiacriticsFold) {
  EXPECT_EQ(actor_id_for("Saša Janković"), "sasa-jankovic");
  EXPECT_EQ(actor_id_for("Sasa Jankovic"), "sasa-jankovic");
  EXPECT_EQ(actor_id_for("SASA JANKOVIC"), "sasa-jankovic");
  EXPECT_EQ(actor_id_for("Đorđe Šarić"), "dorde-saric");
  EXPECT_EQ(actor_id_for("Ana M. Kovač"), actor_id_for("Ana Kovač"));
}

TEST(ActorIds, DecomposedInputFoldsLikeComposed) {
  // "Saša" with a combining caron (NFD) and with the precomposed letter (NFC).
  EXPECT_EQ(actor_id_for("Sas\xCC\x8C"
                         "a Jankovic\xCC\x81"),
            actor_id_for("Saša Janković"));
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

}  // namespace
}  // namespace quotewire::extract
