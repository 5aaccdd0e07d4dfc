#include "extract/tagger.h"

#include <array>
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

void viterbi(const float* emission, uint32_t n, const float (*transition)[kTags],
             const float* start, const float* end, uint8_t* tags) {
  if (n == 0) return;
  constexpr float kNever = -std::numeric_limits<float>::infinity();
  // Transitions the BILOU tags forbid, as -inf, so that the inner loop has no branches.
  static const auto forbidden = [] {
    std::array<std::array<bool, kTags>, kTags + 1> f{};  // [prev][next]; row kTags: the edges
    for (uint8_t p = 0; p < kTags; ++p) {
      for (uint8_t t = 0; t < kTags; ++t) f[p][t] = !allowed(p, t);
    }
    for (uint8_t t = 0; t < kTags; ++t) f[kTags][t] = !allowed(t, 0);
    return f;
  }();
  float trans[kTags][kTags];
  for (uint8_t p = 0; p < kTags; ++p) {
    for (uint8_t t = 0; t < kTags; ++t) trans[p][t] = forbidden[p][t] ? kNever : transition[p][t];
  }
  thread_local std::vector<uint8_t> back;
  back.resize(static_cast<size_t>(n) * kTags);
  float score[kTags], next[kTags];
  for (uint8_t t = 0; t < kTags; ++t) {
    score[t] = forbidden[0][t] ? kNever : start[t] + (t ? emission[t - 1] : 0.f);
  }
  for (uint32_t k = 1; k < n; ++k) {
    const float* e = emission + static_cast<size_t>(k) * kColumns;
    for (uint8_t t = 0; t < kTags; ++t) {
      float best = kNever;
      uint8_t arg = 0;
      for (uint8_t p = 0; p < kTags; ++p) {
        const float s = score[p] + trans[p][t];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      next[t] = best + (t ? e[t - 1] : 0.f);
      back[static_cast<size_t>(k) * kTags + t] = arg;
    }
    std::memcpy(score, next, sizeof score);
  }
  float best = kNever;
  uint8_t arg = 0;
  for (uint8_t t = 0; t < kTags; ++t) {
    if (forbidden[kTags][t]) continue;
    if (score[t] + end[t] > best) {
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
  const ModelHeader& h = model.header();
  std::vector<float> emission;
  tag_passes(doc, windows(doc),
             [&](const Range& w, const std::vector<uint32_t>& ids,
                 const std::vector<uint32_t>& offsets, int pass, uint8_t* tags) {
               const uint32_t n = w.end - w.begin;
               emission.resize(static_cast<size_t>(n) * kColumns);
               for (uint32_t k = 0; k < n; ++k) {
                 int32_t sum[kColumns] = {};
                 for (uint32_t f = offsets[k]; f < offsets[k + 1]; ++f) {
                   const int16_t* row = model.row(ids[f]);
                   for (int c = 0; c < kColumns; ++c) sum[c] += row[c];
                 }
                 for (int c = 0; c < kColumns; ++c) {
                   emission[static_cast<size_t>(k) * kColumns + c] = static_cast<float>(sum[c]);
                 }
               }
               viterbi(emission.data(), n, h.transition, h.start, h.end, tags);
               if (pass == 0) return;
               for (uint32_t k = 0; k < n; ++k) {
                 if (tags[k] == 0) continue;
                 const Position p = position_of_tag(tags[k]);
                 if (p == kBegin || p == kUnit) {
                   spans.push_back({w.begin + k, w.begin + k + 1, type_of_tag(tags[k])});
                 } else {
                   spans.back().end = w.begin + k + 1;
                 }
               }
             });
  return spans;
}

}  // namespace quotewire::extract::ner
