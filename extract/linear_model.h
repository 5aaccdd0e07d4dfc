#pragma once
// Binary linear classifiers over hashed features: the small learned parts of attribution (where
// reported speech ends, which candidate statements are statements). A feature is a 32-bit hash
// of a template number and its values, built without allocation; a model maps it to a weight in a
// table of 2^bits floats, so scoring is a few array reads. Trained by train/ (quotewire train).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quotewire::extract {

class Features {
 public:
  // Template `kind` with no value (a flag), one value, or two.
  void add(uint32_t kind) { push(mix(kind, 0x9e3779b9u)); }
  void add(uint32_t kind, std::string_view value) { push(mix(kind, hash(value))); }
  void add(uint32_t kind, std::string_view a, std::string_view b) {
    push(mix(mix(kind, hash(a)), hash(b)));
  }
  void add(uint32_t kind, uint64_t value) {
    push(mix(mix(kind, static_cast<uint32_t>(value)), static_cast<uint32_t>(value >> 32)));
  }
  void add(uint32_t kind, std::string_view a, uint64_t value) {
    push(mix(mix(kind, hash(a)), static_cast<uint32_t>(value)));
  }

  const std::vector<uint32_t>& hashes() const { return hashes_; }
  void clear() { hashes_.clear(); }

 private:
  static uint32_t hash(std::string_view s) {
    uint32_t h = 2166136261u;  // FNV-1a
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
  }
  static uint32_t mix(uint32_t a, uint32_t b) {
    uint64_t x = (static_cast<uint64_t>(a) << 32 | b) * 0x9E3779B97F4A7C15ull;
    return static_cast<uint32_t>(x >> 29);
  }
  void push(uint32_t h) { hashes_.push_back(h); }
  std::vector<uint32_t> hashes_;
};

class LinearModel {
 public:
  LinearModel() = default;
  explicit LinearModel(uint32_t bits) : bits_(bits), weights_(size_t{1} << bits, 0.0f) {}

  bool empty() const { return weights_.empty(); }
  uint32_t bits() const { return bits_; }
  // The margin: bias plus the features' weights (0 for an empty model).
  float score(const Features& f) const {
    if (weights_.empty()) return 0.0f;
    float s = bias_;
    const uint32_t mask = static_cast<uint32_t>(weights_.size() - 1);
    for (const uint32_t h : f.hashes()) s += weights_[h & mask];
    return s;
  }

  float& bias() { return bias_; }
  float bias() const { return bias_; }
  std::vector<float>& weights() { return weights_; }
  const std::vector<float>& weights() const { return weights_; }

 private:
  uint32_t bits_ = 0;
  float bias_ = 0.0f;
  std::vector<float> weights_;
};

// Named models in one file: "QWLM", format version, then per model its name, table size, bias
// and non-zero weights (little-endian). parse_models throws std::runtime_error on a file that is
// not one, with the reason.
struct NamedModel {
  std::string name;
  LinearModel model;
};
std::vector<NamedModel> parse_models(std::string_view bytes);
std::string serialize_models(const std::vector<NamedModel>& models);

}  // namespace quotewire::extract
