#pragma once
// The statistical entity tagger: a linear model over hashed features (ner_features.h), trained as
// an averaged perceptron (train/), decoded with first-order Viterbi over BILOU tags, window by
// window (ner::windows), earlier windows' tags feeding later ones' history features.
//
// Model file (little-endian), read in place without copying the weights:
//   ModelHeader, then at header.rows_offset the weight rows: 2^hash_bits rows of kColumns int16,
//   one row per hashed feature, weight = round(w * scale); a row is 32 bytes, so a lookup
//   touches one cache line.

#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "extract/ner_features.h"

namespace quotewire::extract::ner {

inline constexpr char kMagic[8] = {'Q', 'W', 'N', 'E', 'R', 'M', 'D', 'L'};
inline constexpr uint32_t kFormatVersion = 1;

struct ModelHeader {
  char magic[8];
  uint32_t format_version;
  uint32_t feature_version;  // kFeatureVersion of the code that trained it
  uint32_t hash_bits;        // 2^hash_bits weight rows
  uint32_t tags;             // kTags
  uint32_t columns;          // kColumns: the weights of every tag but O
  float scale;               // int16 weight = round(weight * scale)
  char tag_names[kTags][8];  // "O", "B-PER", ...: the tag set, checked on load
  // Scores already multiplied by `scale`: transition[prev][next], start[tag] before the first
  // token of a window, end[tag] after its last.
  float transition[kTags][kTags];
  float start[kTags];
  float end[kTags];
  uint64_t rows_offset;  // from the start of the file; a multiple of 64
  uint64_t rows_bytes;
  uint64_t header_check;  // FNV-1a of the bytes above
};

class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Computes the check of `header`'s fields before header_check.
uint64_t header_check(const ModelHeader& header);

class Model {
 public:
  // Views `bytes`, which must outlive the model and start 2-byte aligned. Throws ModelError
  // naming what is wrong (magic, format or feature version, tag set, size).
  static Model view(std::string_view bytes);

  const ModelHeader& header() const { return *header_; }
  const int16_t* row(uint32_t feature) const {
    return rows_ + (static_cast<size_t>(feature >> shift_) * kColumns);
  }

 private:
  const ModelHeader* header_ = nullptr;
  const int16_t* rows_ = nullptr;
  uint32_t shift_ = 32;
};

// Viterbi over `n` tokens: emission[k * kColumns + tag - 1] is token k's score for tag (O scores
// 0), transitions as in ModelHeader. Writes the best allowed tags to `tags`.
void viterbi(const float* emission, uint32_t n, const float (*transition)[kTags],
             const float* start, const float* end, uint8_t* tags);

// Tags the document with the model: entity spans in text order.
std::vector<Span> tag(const Model& model, const Document& doc);

}  // namespace quotewire::extract::ner
