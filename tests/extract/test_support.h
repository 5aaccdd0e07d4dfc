#pragma once
// Helpers for the extractor tests: run the shared extractor and look statements up by content.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "extract/extractor.h"

namespace quotewire::extract::testing {

inline Extraction run(std::string_view text) {
  return Extractor::shared().extract(text);
}

// The statement whose text contains `fragment`, or nullptr.
inline const Quote* quote_with(const Extraction& x, std::string_view fragment) {
  for (const auto& q : x.quotes) {
    if (q.text.find(fragment) != std::string::npos) return &q;
  }
  return nullptr;
}

// The first entity written exactly as `text`, or nullptr.
inline const Entity* entity(const Extraction& x, std::string_view text) {
  for (const auto& e : x.entities) {
    if (e.text == text) return &e;
  }
  return nullptr;
}

inline std::string speaker_name(const Quote* q) {
  return q && q->speaker ? q->speaker->name : std::string("<none>");
}

// The role of the speaker of the statement in `text` that contains `fragment`.
inline std::string role_of(std::string_view text, std::string_view fragment) {
  const Extraction x = run(text);
  const Quote* q = quote_with(x, fragment);
  return q && q->speaker ? q->speaker->role : std::string("<none>");
}

}  // namespace quotewire::extract::testing
