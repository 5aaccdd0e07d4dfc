#pragma once
// `quotewire train ner`: trains the entity tagger (extract/tagger.h) on CoNLL-2003 and GMB as
// quotewire's tokenizer reads them, and writes the model with a JSON manifest beside it
// (<out>.manifest.json, or ner.manifest.json beside ner.qwm). Deterministic: the same inputs and
// options give a byte-identical model.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace quotewire::train {

struct TrainOptions {
  std::string conll;  // eng.train(.gz)
  std::string gmb;    // gmb_conll_utf8.txt(.gz); its held-out blocks are never read for training
  std::string out;    // the model file
  int iterations = 8;
  int conll_weight = 5;          // passes over each CoNLL article per iteration (GMB's: 1)
  uint64_t limit_sentences = 0;  // per corpus; 0: all (small values for tests)
  uint64_t seed = 1;             // the order documents are seen in
  uint32_t hash_bits = 18;       // 2^hash_bits weight rows of 32 bytes
  // Scored through the extractor after training, into the manifest ("conll:PATH", ...).
  std::vector<std::string> evaluate;
  // What changed since the last model, for the manifest's trajectory (earlier entries are kept).
  std::string note;
};

// Trains, writes the model and manifest, and logs progress to `log`. Throws std::runtime_error.
void train_ner(const TrainOptions& options, std::ostream& log);

// The manifest's path for a model path: "x/ner.qwm" -> "x/ner.manifest.json".
std::string manifest_path(const std::string& model_path);

}  // namespace quotewire::train
