// `quotewire train ner` on a slice of the corpora: a model the extractor loads, byte for byte the
// same on a second run. Skipped where the corpora (../shared/data/ner) are not checked out.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "extract/extractor.h"
#include "train/corpus.h"
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

}  // namespace
}  // namespace quotewire::train
