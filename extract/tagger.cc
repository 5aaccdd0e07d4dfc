#include "extract/tagger.h"

#include <cstddef>
#include <cstring>
#include <limits>
#include <string>

namespace quotewire::extract::ner {

uint64_t header_check(const ModelHeader& header) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(&header);
  uint64_t h = 1469598103934665603ull;
  for (size_t k = 0; k < offsetof(ModelHeader, header_check); ++k) {
    h = (h ^ bytes[k]) * 1099511628211ull;
  }
  return h;
}

Model Model::view(std::string_view bytes) {
  auto fail = [](const std::string& why) { throw ModelError("entity model: " + why); };
  if (bytes.size() < sizeof(ModelHeader)) fail("too short to be a model");
  if (reinterpret_cast<uintptr_t>(bytes.data()) % alignof(ModelHeader) != 0) fail("misaligned");
  const auto* header = reinterpret_cast<const ModelHeader*>(bytes.data());
  if (std::memcmp(header->magic, kMagic, sizeof kMagic) != 0) fail("not a quotewire model");
  if (header->format_version != kFormatVersion) {
    fail("format version " + std::to_string(header->format_version) + ", this build reads " +
         std::to_string(kFormatVersion));
  }
  if (header->header_check != header_check(*header)) fail("corrupt header");
  if (header->feature_version != kFeatureVersion) {
    fail("trained for feature set " + std::to_string(header->feature_version) +
         ", this build computes feature set " + std::to_string(kFeatureVersion) + ": retrain it");
  }
  if (header->tags != kTags || header->columns != kColumns) fail("unexpected tag set");
  for (uint8_t t = 0; t < kTags; ++t) {
    if (std::string_view(header->tag_names[t]) != tag_name(t)) fail("unexpected tag set");
  }
  if (header->hash_bits < 8 || header->hash_bits > 26) fail("bad hash size");
  const uint64_t rows_bytes = (uint64_t{1} << header->hash_bits) * kColumns * sizeof(int16_t);
  if (header->rows_bytes != rows_bytes || header->rows_offset % 64 != 0 ||
      header->rows_offset < sizeof(ModelHeader) ||
      header->rows_offset + rows_bytes != bytes.size()) {
    fail("size does not match its header (truncated?)");
  }
  Model m;
  m.header_ = header;
  m.rows_ = reinterpret_cast<const int16_t*>(bytes.data() + header->rows_offset);
  m.shift_ = 32 - header->hash_bits;
  return m;
}

namespace {

// For each tag, the tags BILOU lets come before it: O, L-* and U-* before O, B-* and U-*; B-X and
// I-X before I-X and L-X. Viterbi looks only at those (9 or 2 of 17).
struct Predecessors {
  uint8_t count[kTags] = {};
  uint8_t tags[kTags][kTags] = {};
  bool may_start[kTags] = {};
  bool may_end[kTags] = {};
  Predecessors() {
    for (uint8_t t = 0; t < kTags; ++t) {
      for (uint8_t p = 0; p < kTags; ++p) {
        if (allowed(p, t)) tags[t][count[t]++] = p;
      }
      may_start[t] = allowed(0, t);
      may_end[t] = allowed(t, 0);
    }
  }
};

}  // namespace

void viterbi(const float* emission, uint32_t n, const float (*transition)[kTags],
             const float* start, const float* end, uint8_t* tags) {
  if (n == 0) return;
  constexpr float kNever = -std::numeric_limits<float>::infinity();
  static const Predecessors before;
  thread_local std::vector<uint8_t> back;
  back.resize(static_cast<size_t>(n) * kTags);
  float score[kTags], next[kTags];
  for (uint8_t t = 0; t < kTags; ++t) {
    score[t] = before.may_start[t] ? start[t] + (t ? emission[t - 1] : 0.f) : kNever;
  }
  for (uint32_t k = 1; k < n; ++k) {
    const float* e = emission + static_cast<size_t>(k) * kColumns;
    uint8_t* from = &back[static_cast<size_t>(k) * kTags];
    for (uint8_t t = 0; t < kTags; ++t) {
      float best = kNever;
      uint8_t arg = before.tags[t][0];
      for (uint8_t j = 0; j < before.count[t]; ++j) {
        const uint8_t p = before.tags[t][j];
        const float s = score[p] + transition[p][t];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      next[t] = best + (t ? e[t - 1] : 0.f);
      from[t] = arg;
    }
    std::memcpy(score, next, sizeof score);
  }
  float best = kNever;
  uint8_t arg = 0;
  for (uint8_t t = 0; t < kTags; ++t) {
    if (before.may_end[t] && score[t] + end[t] > best) {
      best = score[t] + end[t];
      arg = t;
    }
  }
  for (uint32_t k = n; k-- > 0;) {
    tags[k] = arg;
    arg = back[static_cast<size_t>(k) * kTags + arg];
  }
}

std::vector<Span> tag(const Model& model, const Document& doc) {
  std::vector<Span> spans;
  auto collect = [&](const Range& window, const uint8_t* tags) {
    for (uint32_t i = window.begin; i < window.end; ++i) {
      const uint8_t t = tags[i - window.begin];
      if (t == 0) continue;
      const Position p = position_of_tag(t);
      if (p == kBegin || p == kUnit) {
        spans.push_back({i, i + 1, type_of_tag(t)});
      } else {
        spans.back().end = i + 1;
      }
    }
  };
  const ModelHeader& h = model.header();
  std::vector<float> emission;
  // The sums of each token's static rows: the same in both passes, so summed once.
  std::vector<int32_t> statics;
  tag_passes(doc, windows(doc), [&](const WindowFeatures& w, uint8_t* tags) {
    const uint32_t n = w.range.end - w.range.begin;
    if (w.settled) return collect(w.range, tags);
    if (w.pass == 0) statics.resize(static_cast<size_t>(w.first + n) * kColumns);
    emission.resize(static_cast<size_t>(n) * kColumns);
    for (uint32_t k = 0; k < n; ++k) {
      int32_t* fixed = &statics[static_cast<size_t>(w.first + k) * kColumns];
      if (w.pass == 0) {
        std::fill(fixed, fixed + kColumns, 0);
        for (uint32_t f = w.offsets[k]; f < w.dynamic[k]; ++f) {
          const int16_t* row = model.row(w.ids[f]);
          for (int c = 0; c < kColumns; ++c) fixed[c] += row[c];
        }
      }
      int32_t sum[kColumns];
      std::copy(fixed, fixed + kColumns, sum);
      for (uint32_t f = w.dynamic[k]; f < w.offsets[k + 1]; ++f) {
        const int16_t* row = model.row(w.ids[f]);
        for (int c = 0; c < kColumns; ++c) sum[c] += row[c];
      }
      for (int c = 0; c < kColumns; ++c) {
        emission[static_cast<size_t>(k) * kColumns + c] = static_cast<float>(sum[c]);
      }
    }
    viterbi(emission.data(), n, h.transition, h.start, h.end, tags);
    if (w.pass == 1) collect(w.range, tags);
  });
  return spans;
}

}  // namespace quotewire::extract::ner
