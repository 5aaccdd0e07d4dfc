#include "extract/linear_model.h"

#include <cstring>
#include <stdexcept>

namespace quotewire::extract {
namespace {

constexpr std::string_view kMagic = "QWLM";
constexpr uint32_t kVersion = 1;
constexpr uint32_t kMaxBits = 24;

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  T read() {
    if (bytes_.size() - pos_ < sizeof(T)) {
      throw std::runtime_error("model file truncated at byte " + std::to_string(pos_));
    }
    T value;
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }
  std::string_view take(size_t n) {
    if (bytes_.size() - pos_ < n) {
      throw std::runtime_error("model file truncated at byte " + std::to_string(pos_));
    }
    std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  bool done() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

template <typename T>
void put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

}  // namespace

std::vector<NamedModel> parse_models(std::string_view bytes) {
  Reader in(bytes);
  if (bytes.size() < kMagic.size() || in.take(kMagic.size()) != kMagic) {
    throw std::runtime_error("not a quotewire model file (no QWLM header)");
  }
  if (const auto version = in.read<uint32_t>(); version != kVersion) {
    throw std::runtime_error("model format version " + std::to_string(version) +
                             ", this build reads version " + std::to_string(kVersion));
  }
  std::vector<NamedModel> models(in.read<uint32_t>());
  for (NamedModel& m : models) {
    m.name = std::string(in.take(in.read<uint32_t>()));
    const auto bits = in.read<uint32_t>();
    if (bits == 0 || bits > kMaxBits) {
      throw std::runtime_error("model " + m.name + ": table of 2^" + std::to_string(bits));
    }
    m.model = LinearModel(bits);
    m.model.bias() = in.read<float>();
    const auto count = in.read<uint32_t>();
    for (uint32_t k = 0; k < count; ++k) {
      const auto index = in.read<uint32_t>();
      const auto weight = in.read<float>();
      if (index >= m.model.weights().size()) {
        throw std::runtime_error("model " + m.name + ": weight index out of range");
      }
      m.model.weights()[index] = weight;
    }
  }
  if (!in.done()) throw std::runtime_error("model file has trailing bytes");
  return models;
}

std::string serialize_models(const std::vector<NamedModel>& models) {
  std::string out(kMagic);
  put(out, kVersion);
  put(out, static_cast<uint32_t>(models.size()));
  for (const NamedModel& m : models) {
    put(out, static_cast<uint32_t>(m.name.size()));
    out += m.name;
    put(out, m.model.bits());
    put(out, m.model.bias());
    const auto& w = m.model.weights();
    uint32_t count = 0;
    for (const float x : w) count += x != 0.0f;
    put(out, count);
    for (uint32_t i = 0; i < w.size(); ++i) {
      if (w[i] == 0.0f) continue;
      put(out, i);
      put(out, w[i]);
    }
  }
  return out;
}

}  // namespace quotewire::extract
