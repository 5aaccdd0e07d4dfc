#pragma once
// Entity scores through the real extractor: each labelled article's raw text goes through
// Extractor::extract (rules and model, what users get), and its entities are matched to the gold
// ones by exact byte span and type, CoNLL-style. Place references ("Russian") count as MISC.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "train/corpus.h"

namespace quotewire::train {

struct Counts {
  uint64_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? double(correct) / double(predicted) : 0; }
  double recall() const { return gold ? double(correct) / double(gold) : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct Scores {
  Counts overall;
  Counts by_type[4];  // EntityType order: PER, ORG, LOC, MISC
  double seconds = 0;
  uint64_t bytes = 0;
};

// With `mistakes`, every missed and every spurious span is written there as a JSON line.
Scores evaluate(const extract::Extractor& extractor, const std::vector<LabelledText>& articles,
                std::ostream* mistakes = nullptr);

nlohmann::json to_json(const Scores& scores);
std::string table(const std::string& name, const Scores& scores);

// A set to evaluate on, named as on the command line: "conll:PATH" (every document) or
// "gmb-heldout:PATH" (GMB's development block). Throws std::runtime_error for other names.
struct EvaluationSet {
  std::string name;  // "conll", "gmb-heldout"
  std::string path;
  std::vector<LabelledText> articles;
};
EvaluationSet load_evaluation_set(const std::string& spec, const extract::Lexicon& lexicon);

}  // namespace quotewire::train
