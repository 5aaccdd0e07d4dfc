#pragma once
// A hash table from strings to values for the word lists: built once, then only read, millions of
// lookups per second from string_views (no allocation). Open addressing with the full hash kept
// in each slot, so a miss rarely touches key bytes; std::unordered_map's nodes cost a cache miss
// each.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quotewire::extract {

template <typename V>
class StringTable {
 public:
  // The value for `key`, or nullptr.
  const V* find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const uint64_t h = hash(key);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.hash == 0) return nullptr;
      if (s.hash == h && this->key(s) == key) return &values_[s.value];
    }
  }
  V* find(std::string_view key) {
    return const_cast<V*>(static_cast<const StringTable*>(this)->find(key));
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }

  // The value for `key`, default-constructed if new.
  V& operator[](std::string_view key) {
    if (V* v = find(key)) return *v;
    if ((values_.size() + 1) * 2 > slots_.size()) grow();
    const uint32_t index = static_cast<uint32_t>(values_.size());
    values_.emplace_back();
    insert(Slot{hash(key), static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(key.size()),
                index});
    arena_.append(key);
    return values_.back();
  }

  size_t size() const { return values_.size(); }

 private:
  struct Slot {
    uint64_t hash = 0;  // 0: empty (hash() never returns 0)
    uint32_t key_begin = 0;
    uint32_t key_length = 0;
    uint32_t value = 0;
  };

  static uint64_t hash(std::string_view key) {  // FNV-1a, then mixed; never 0
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
    h ^= h >> 29;
    return h | 1;
  }
  std::string_view key(const Slot& s) const {
    return std::string_view(arena_).substr(s.key_begin, s.key_length);
  }
  void insert(const Slot& slot) {
    size_t i = slot.hash & mask_;
    while (slots_[i].hash != 0) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.hash != 0) insert(s);
    }
  }

  std::vector<Slot> slots_;
  std::vector<V> values_;
  std::string arena_;
  size_t mask_ = 0;
};

}  // namespace quotewire::extract
