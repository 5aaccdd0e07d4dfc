// libFuzzer: any bytes as an article must extract or be refused as invalid text (with the
// offending offset inside the input), never crash; every offset must lie inside the body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  try {
    const auto x = quotewire::extract::Extractor::shared().extract(body);
    for (const auto& e : x.entities) {
      if (e.start > e.end || e.end > size) __builtin_trap();
    }
    for (const auto& q : x.quotes) {
      if (q.start > q.end || q.end > size) __builtin_trap();
    }
  } catch (const quotewire::extract::InvalidText& e) {
    if (e.offset() >= size) __builtin_trap();
  }
  return 0;
}
