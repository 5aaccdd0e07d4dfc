// quotewire train attribution on a slice of the annotated corpus (shared/data/dev, beside the
// project; skipped where it is absent): the model loads, and training twice gives the same bytes.
#include "train/attribution_trainer.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "extract/extractor.h"

namespace quotewire::train {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(QUOTEWIRE_SOURCE_DIR) / "../shared/data/dev/polnear_train.jsonl";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(AttributionTrainer, ASliceGivesALoadableModelByteForByteTwice) {
  if (!fs::exists(kCorpus)) GTEST_SKIP() << "no corpus at " << kCorpus;
  const fs::path dir = fs::temp_directory_path() / ("qw-train-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  AttributionTrainingOptions options;
  options.corpus = kCorpus.string();
  options.limit_articles = 40;
  options.logistic.epochs = 2;
  options.out = (dir / "a.qwm").string();
  const auto report = train_attribution(options);
  EXPECT_EQ(report.articles, 40u);
  EXPECT_GT(report.content_end_positive, 0u);
  EXPECT_GT(report.statement_positive, 0u);
  EXPECT_TRUE(fs::exists(dir / "a.manifest.json"));
  options.out = (dir / "b.qwm").string();
  train_attribution(options);
  const std::string a = read(dir / "a.qwm");
  EXPECT_EQ(a, read(dir / "b.qwm"));
  const extract::Extractor extractor(extract::ExtractorOptions{.attribution_model = a});
  const auto x = extractor.extract("“The dock is closed,” said Goran Matić.");
  EXPECT_EQ(x.quotes.size(), 1u);
  fs::remove_all(dir);
}

TEST(AttributionTrainer, ACorpusThatIsNotOneIsAClearError) {
  const fs::path bad = fs::temp_directory_path() / ("qw-bad-" + std::to_string(::getpid()));
  std::ofstream(bad) << "{\"id\": \"x\"}\n";
  AttributionTrainingOptions options;
  options.corpus = bad.string();
  options.out = (bad.string() + ".qwm");
  try {
    train_attribution(options);
    FAIL() << "trained on a corpus without text";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(":1:"), std::string::npos) << e.what();
  }
  fs::remove(bad);
}

}  // namespace
}  // namespace quotewire::train
