// The seed article in samples/: every statement of its gold annotation (read by hand from
// shared/data/000_fd82fa2dbaf82b53.gold.json) with the right speaker and kind.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "tests/extract/test_support.h"

namespace quotewire::extract {
namespace {

std::string read_sample(const std::string& name) {
  std::ifstream in(std::string(QUOTEWIRE_SOURCE_DIR) + "/samples/" + name, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Expected {
  const char* fragment;  // words from the statement's text
  const char* speaker;
  QuoteKind kind;
  const char* role;
};

TEST(SeedArticle, StatementsHaveTheGoldSpeakersAndKinds) {
  const std::string body = read_sample("000_fd82fa2dbaf82b53.txt");
  ASSERT_FALSE(body.empty());
  auto x = testing::run(body);
  const Expected expected[] = {
      {"interpret the European proposal", "Dragomir Andjelkovic", QuoteKind::indirect,
       "political analyst"},
      {"brutal imposition on Serbia", "Dragomir Andjelkovic", QuoteKind::direct,
       "political analyst"},
      {"consistently committed to UN Security Council", "Alexander Botsan-Kharchenko",
       QuoteKind::indirect, "Russia’s Ambassador to Serbia"},
      {"has not made significant public statements", "Dimitrije Milic", QuoteKind::indirect,
       "political analyst and program director of the New Third World organisation"},
      {"authorities in Moscow do not like it", "Dimitrije Milic", QuoteKind::direct,
       "political analyst and program director of the New Third World organisation"},
      {"additional step towards normalising", "Dimitrije Milic", QuoteKind::direct,
       "political analyst and program director of the New Third World organisation"},
      {"excellent negotiating position", "Saša Janković", QuoteKind::indirect,
       "expert in human and minority rights and security"},
      {"violent secession of Kosovo", "Saša Janković", QuoteKind::direct,
       "expert in human and minority rights and security"},
  };
  for (const auto& e : expected) {
    const Quote* q = testing::quote_with(x, e.fragment);
    ASSERT_NE(q, nullptr) << e.fragment;
    EXPECT_EQ(testing::speaker_name(q), e.speaker) << e.fragment;
    EXPECT_EQ(q->kind, e.kind) << e.fragment;
    EXPECT_EQ(q->speaker->role, e.role) << e.fragment;
  }
  // No statement beyond those and the optional "it has said" one, and the byline never speaks.
  EXPECT_LE(x.quotes.size(), 9u);
  // Russia's, by the gold; "the EU-led negotiations" never makes the EU a subject "it" names.
  if (const Quote* q = testing::quote_with(x, "the plan is unfavourable")) {
    EXPECT_NE(testing::speaker_name(q), "European Union");
  }
  for (const auto& q : x.quotes) {
    ASSERT_TRUE(q.speaker) << q.text;
    EXPECT_NE(q.speaker->name, "Tamara Milošević Grbić");
  }
}

TEST(SeedArticle, GoldEntitiesWithTheirTypes) {
  auto x = testing::run(read_sample("000_fd82fa2dbaf82b53.txt"));
  const std::pair<const char*, EntityType> expected[] = {
      {"Dragomir Andjelkovic", EntityType::person},
      {"Alexander Botsan-Kharchenko", EntityType::person},
      {"Dimitrije Milic", EntityType::person},
      {"Saša Janković", EntityType::person},
      {"Putin", EntityType::person},
      {"Tamara Milošević Grbić", EntityType::person},
      {"EU", EntityType::organisation},
      {"UN Security Council", EntityType::organisation},
      {"United Nations", EntityType::organisation},
      {"New Third World", EntityType::organisation},
      {"Kremlin", EntityType::organisation},
      {"EURACTIV", EntityType::organisation},
      {"Russia", EntityType::location},
      {"Serbia", EntityType::location},
      {"Kosovo", EntityType::location},
      {"Belgrade", EntityType::location},
      {"Pristina", EntityType::location},
      {"Moscow", EntityType::location},
      {"Brussels", EntityType::location},
      {"Ukraine", EntityType::location},
      {"US", EntityType::location},
  };
  for (const auto& [text, type] : expected) {
    const Entity* e = testing::entity(x, text);
    ASSERT_NE(e, nullptr) << text;
    EXPECT_EQ(e->type, type) << text;
  }
  for (const char* adjective : {"Russian", "Serbian", "Western", "European"}) {
    EXPECT_EQ(testing::entity(x, adjective), nullptr) << adjective;
  }
  EXPECT_EQ(testing::entity(x, "Janković")->actor_id,
            testing::entity(x, "Saša Janković")->actor_id);
}

}  // namespace
}  // namespace quotewire::extract
