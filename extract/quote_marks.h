#pragma once
// Pairs quotation marks into quotations: curly and straight double marks, single marks nested in
// them, «guillemets» (and »reversed«), „low-high“ marks, and NYT-style ''doubled'' apostrophes.
// A quotation that runs over several paragraphs repeats its opening mark at each paragraph start
// and closes only at the end; it becomes one quotation with one part per paragraph.

#include <cstdint>
#include <string_view>
#include <vector>

#include "extract/extraction.h"
#include "extract/sentences.h"
#include "extract/tokenizer.h"

namespace quotewire::extract {

struct Quotation {
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t open = 0;        // token index of the opening mark
  uint32_t close = kNone;   // token index of the closing mark; kNone if the paragraph ended first
  uint32_t last_token = 0;  // index of the last token inside (before the closing mark)
  std::vector<TextSpan> parts;  // quoted text, one part per paragraph, marks excluded
  uint8_t depth = 0;            // 0: not inside another quotation
};

// Finds the quotations of the text (ordered by opening mark) and sets kQuoted on the tokens inside
// top-level ones.
std::vector<Quotation> find_quotations(std::vector<Token>& tokens, const Layout& layout);

}  // namespace quotewire::extract
