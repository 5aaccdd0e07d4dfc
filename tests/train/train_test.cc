// `quotewire train ner` on a slice of the corpora: a model the extractor loads, byte for byte the
// same on a second run. Skipped where the corpora (../shared/data/ner) are not checked out.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "extract/extractor.h"
#include "train/corpus.h"
#include "train/evaluate.h"
#include "train/trainer.h"

namespace quotewire::train {
namespace {

const std::filesystem::path kData =
    std::filesystem::path(QUOTEWIRE_SOURCE_DIR) / "../shared/data/ner";

std::string train_slice(const std::filesystem::path& out) {
  TrainOptions options;
  options.conll = (kData / "conll2003/eng.train.gz").string();
  options.gmb = (kData / "gmb_conll_utf8.txt.gz").string();
  options.out = out.string();
  options.limit_sentences = 300;
  options.iterations = 2;
  options.hash_bits = 16;
  std::ostringstream log;
  train_ner(options, log);
  return read_file(options.out);
}

TEST(TrainNer, SliceGivesALoadableModelTwiceTheSame) {
  if (!std::filesystem::exists(kData / "conll2003/eng.train.gz")) {
    GTEST_SKIP() << "no corpora at " << kData;
  }
  const auto dir =
      std::filesystem::temp_directory_path() / ("quotewire-train-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string first = train_slice(dir / "a.qwm");
  const std::string second = train_slice(dir / "b.qwm");
  EXPECT_TRUE(std::filesystem::exists(dir / "a.manifest.json"));
  EXPECT_EQ(first, second);
  extract::ExtractorOptions options;
  options.ner_model = first;
  const extract::Extractor extractor(std::move(options));
  EXPECT_NO_THROW(extractor.extract("Talks between Ana Kovač and the World Bank in Zagreb."));
  std::filesystem::remove_all(dir);
}

// GMB tags countries "gpe" as names and as adjectives alike; CoNLL, which the tagger follows,
// calls the name a location and the adjective MISC.
TEST(GmbCorpus, CountryNamesArePlacesAndTheirAdjectivesMisc) {
  const std::string gmb =
      "Nepal NNP B-gpe\nsaid VBD O\nNepalese JJ B-gpe\ntroops NNS O\nand CC O\nNorth NNP B-gpe\n"
      "Korean JJ I-gpe\nofficials NNS O\nmet VBD O\nin IN O\nKathmandu NNP B-geo\n. . O\n\n";
  CorpusCounts counts;
  const auto lexicon = extract::Lexicon::load_embedded();
  const auto articles = read_gmb(gmb, 0, 0, 0, *lexicon, counts);
  ASSERT_EQ(articles.size(), 1u);
  const LabelledText& a = articles[0];
  std::vector<std::pair<std::string, extract::EntityType>> got;
  for (const GoldEntity& e : a.entities) {
    got.emplace_back(a.text.substr(e.start, e.end - e.start), e.type);
  }
  using T = extract::EntityType;
  const std::vector<std::pair<std::string, extract::EntityType>> want = {
      {"Nepal", T::location},
      {"Nepalese", T::misc},
      {"North Korean", T::misc},
      {"Kathmandu", T::location}};
  EXPECT_EQ(got, want);
}

// `--mistakes`: every span the extractor missed or made up, with its text.
TEST(EvaluateNer, MistakesListMissedAndSpuriousSpans) {
  LabelledText article;
  article.text = "Talks between Ana Kovač and the World Bank in Zagreb ended.";
  auto span = [&](std::string_view s, extract::EntityType type) {
    const auto start = static_cast<uint32_t>(article.text.find(s));
    return GoldEntity{start, start + static_cast<uint32_t>(s.size()), type};
  };
  // Zagreb is missing from this gold, and Ana Kovač has the wrong type.
  article.entities = {span("Ana Kovač", extract::EntityType::location),
                      span("World Bank", extract::EntityType::organisation)};
  const extract::Extractor extractor;
  std::ostringstream mistakes;
  const Scores scores = evaluate(extractor, {article}, &mistakes);
  EXPECT_EQ(scores.overall.gold, 2u);
  EXPECT_EQ(scores.overall.correct, 1u);
  const std::string log = mistakes.str();
  EXPECT_NE(log.find(R"("kind":"missed","text":"Ana Kovač","type":"LOC")"), std::string::npos)
      << log;
  EXPECT_NE(log.find(R"("kind":"spurious","text":"Ana Kovač","type":"PER")"), std::string::npos)
      << log;
  EXPECT_NE(log.find(R"("kind":"spurious","text":"Zagreb","type":"LOC")"), std::string::npos)
      << log;
  EXPECT_EQ(log.find(R"("text":"World Bank")"), std::string::npos) << log;
}

}  // namespace
}  // namespace quotewire::train
