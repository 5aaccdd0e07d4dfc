#pragma once
// quotewire train attribution: learns the extractor's attribution models (extract/
// attribution_model.h) from articles annotated with who said what. Two stages: where reported
// speech after its cue ends, from the annotated contents; then which of the rules' candidate
// statements are statements, from the candidates the extractor proposes (with the first model in
// place) matched to the annotations as the shared scorer matches them.

#include <cstddef>
#include <string>
#include <vector>

#include "train/logistic.h"

namespace quotewire::train {

struct AttributionTrainingOptions {
  std::string corpus;                        // JSON Lines, see quote_corpus.h
  std::vector<std::string> holdout;          // JSON Lines files whose articles are never used
  std::vector<std::string> exclude_outlets;  // for cross-validation by outlet
  std::string out;                           // the model file; its manifest goes beside it
  size_t limit_articles = 0;                 // 0: all
  // Candidates whose statement margin is below this are dropped: lower keeps more (recall),
  // higher fewer (precision). Folded into the model's bias.
  double statement_threshold = 0.0;
  LogisticOptions logistic;
};

struct AttributionTrainingReport {
  size_t articles = 0;
  size_t content_end_examples = 0;
  size_t content_end_positive = 0;
  size_t statement_examples = 0;
  size_t statement_positive = 0;
  std::string manifest;  // where the manifest was written
};

// Throws std::runtime_error for unreadable or malformed input and an unwritable output.
AttributionTrainingReport train_attribution(const AttributionTrainingOptions& options);

}  // namespace quotewire::train
