#pragma once
// The extractor: article text in, Extraction out. Pure: no sockets, no files, no logging in the
// hot path. Word lists are loaded once per process (see Extractor::shared()).

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "extract/extraction.h"

namespace quotewire::extract {

class Lexicon;
namespace ner {
class Model;
}

// Thrown for text the extractor refuses (invalid UTF-8, ...); says where and why.
class InvalidText : public std::runtime_error {
 public:
  InvalidText(uint64_t offset, const std::string& reason);
  uint64_t offset() const { return offset_; }

 private:
  uint64_t offset_;
};

struct ExtractorOptions {
  // The entity tagger's model: the bytes of a model file (`quotewire train ner` writes them), or
  // empty for the model built into the binary.
  std::string ner_model;
  // The attribution model's bytes (`quotewire train attribution`), or empty for the bundled one.
  std::string attribution_model;
  // Entities from the word lists and rules alone, without the tagger: the baseline it is
  // measured against.
  bool rules_only = false;
  // State aliases added to the bundled ones (rows as in data/state_aliases.tsv; "-" as what the
  // alias stands for drops a bundled one).
  std::string state_aliases;
};

class Extractor {
 public:
  // The process-wide instance with the bundled gazetteers; built on first use, thread-safe.
  static const Extractor& shared();

  Extractor();
  // Throws std::runtime_error (ner::ModelError for the tagger's) for a model it cannot read.
  explicit Extractor(ExtractorOptions options);
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Thread-safe (const). Throws InvalidText for invalid UTF-8.
  Extraction extract(std::string_view body) const;

  // For the trainers, which run the stages before attribution themselves (article.h: analyse):
  // the word lists and the entity tagger (nullptr with rules_only) this extractor runs with.
  const Lexicon& lexicon() const;
  const ner::Model* tagger() const;

  // The place a demonym or place adjective points to ("Russian" -> Russia), if it is one.
  std::optional<PlaceReference> place_for_demonym(std::string_view word) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quotewire::extract
