// The entity tagger: names in no word list found from context, deterministic decoding, and
// model files that are not models refused with a reason.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "extract/tagger.h"
#include "tests/extract/test_support.h"

namespace quotewire::extract {
namespace {

using testing::entity;
using testing::run;

// Names made up for these tests: in none of extract/data's lists.
TEST(Tagger, FindsNamesInNoWordList) {
  auto x =
      run("Shares of Brelvox Dynamics Corp rose 4 percent after the company agreed to buy a rival, "
          "chief executive Tarquin Volesby told reporters in Quendara on Tuesday.");
  const Entity* org = entity(x, "Brelvox Dynamics Corp");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->type, EntityType::organisation);
  const Entity* person = entity(x, "Tarquin Volesby");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->type, EntityType::person);
  const Entity* place = entity(x, "Quendara");
  ASSERT_NE(place, nullptr);
  EXPECT_EQ(place->type, EntityType::location);
}

TEST(Tagger, DecodingIsDeterministic) {
  const std::string text =
      "Orvane Telecom said on Monday that its chairman, Ilse Marnovic, would step down. Marnovic "
      "led Orvane for a decade from its base in Velstrand.";
  const Extraction first = run(text);
  const Extraction again = Extractor(ExtractorOptions{}).extract(text);
  ASSERT_EQ(first.entities.size(), again.entities.size());
  for (size_t k = 0; k < first.entities.size(); ++k) {
    EXPECT_EQ(first.entities[k].text, again.entities[k].text);
    EXPECT_EQ(first.entities[k].type, again.entities[k].type);
    EXPECT_EQ(first.entities[k].start, again.entities[k].start);
  }
}

// A small valid model file, changed by `edit`, offered to an extractor: why it was refused, or
// "accepted".
std::string refused(void (*edit)(std::string&)) {
  ExtractorOptions options;
  ner::ModelHeader h;
  std::memset(&h, 0, sizeof h);
  std::memcpy(h.magic, ner::kMagic, sizeof h.magic);
  h.format_version = ner::kFormatVersion;
  h.feature_version = ner::kFeatureVersion;
  h.hash_bits = 8;
  h.tags = ner::kTags;
  h.columns = ner::kColumns;
  for (uint8_t t = 0; t < ner::kTags; ++t) {
    std::memcpy(h.tag_names[t], ner::tag_name(t).data(), ner::tag_name(t).size());
  }
  h.rows_offset = (sizeof h + 63) / 64 * 64;
  h.rows_bytes = (size_t{1} << h.hash_bits) * ner::kColumns * sizeof(int16_t);
  h.header_check = ner::header_check(h);
  options.ner_model.assign(h.rows_offset + h.rows_bytes, '\0');
  std::memcpy(options.ner_model.data(), &h, sizeof h);
  edit(options.ner_model);
  try {
    Extractor extractor(std::move(options));
  } catch (const ner::ModelError& e) {
    return e.what();
  }
  return "accepted";
}

ner::ModelHeader& header_of(std::string& bytes) {
  return *reinterpret_cast<ner::ModelHeader*>(bytes.data());
}

TEST(Tagger, ModelFilesAreChecked) {
  EXPECT_EQ(refused([](std::string&) {}), "accepted");  // the helper makes a valid one
  EXPECT_NE(refused([](std::string& b) { b[0] = 'X'; }).find("not a quotewire model"),
            std::string::npos);
  EXPECT_NE(refused([](std::string& b) {
              header_of(b).format_version = 99;
              header_of(b).header_check = ner::header_check(header_of(b));
            }).find("format version 99"),
            std::string::npos);
  EXPECT_NE(refused([](std::string& b) {
              header_of(b).feature_version = ner::kFeatureVersion + 1;
              header_of(b).header_check = ner::header_check(header_of(b));
            }).find("retrain"),
            std::string::npos);
  EXPECT_NE(refused([](std::string& b) { header_of(b).scale = 2; }).find("corrupt header"),
            std::string::npos);
  EXPECT_NE(refused([](std::string& b) { b.resize(b.size() - 1); }).find("truncated"),
            std::string::npos);
  EXPECT_NE(refused([](std::string& b) { b.resize(10); }).find("too short"), std::string::npos);
}

}  // namespace
}  // namespace quotewire::extract
