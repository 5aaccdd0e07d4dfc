#include "extract/quote_marks.h"

#include <algorithm>

namespace quotewire::extract {
namespace {

enum class Family : uint8_t { double_mark, guillemet, single_mark, single_guillemet };

struct Open {
  uint32_t token;
  char32_t mark;
  Family family;
  uint8_t depth;
  std::vector<TextSpan> parts;
  uint32_t part_start;
};

Family family_of(char32_t m) {
  switch (m) {
    case U'\u00AB':
    case U'\u00BB':
      return Family::guillemet;
    case U'\u2039':
    case U'\u203A':
      return Family::single_guillemet;
    case U'\'':
    case U'\u2018':
    case U'\u2019':
    case U'\u201A':
      return Family::single_mark;
    default:
      return Family::double_mark;
  }
}

// Flanking as in CommonMark: a mark touching the word after it (and not the one before) opens, one
// touching the word before it (and not the one after) closes; straight marks need this.
struct Flanks {
  bool left;   // may open
  bool right;  // may close
};

Flanks flanks(const std::vector<Token>& tokens, uint32_t i) {
  const Token& t = tokens[i];
  const bool space_before = t.has(kSpaceBefore) || i == 0;
  const bool space_after = i + 1 >= tokens.size() || tokens[i + 1].has(kSpaceBefore);
  const bool punct_before = i > 0 && (tokens[i - 1].kind == TokenKind::quote ||
                                      (tokens[i - 1].kind == TokenKind::punct &&
                                       tokens[i - 1].mark != U'.' && tokens[i - 1].mark != U',' &&
                                       tokens[i - 1].mark != U'!' && tokens[i - 1].mark != U'?'));
  const bool punct_after = !space_after && (tokens[i + 1].kind == TokenKind::punct ||
                                            tokens[i + 1].kind == TokenKind::quote);
  return {!space_after && (space_before || punct_before) && !punct_after,
          !space_before && (space_after || punct_after) && !punct_before};
}

bool can_close(const Open& open, char32_t m, Flanks f) {
  if (family_of(m) != open.family) {
    // „low-high“: the low opening mark is closed by a high one.
    return open.mark == U'\u201E' && (m == U'\u201C' || m == U'\u201D');
  }
  switch (m) {
    case U'\u201D':  // ”
    case U'\u2019':  // ’
      return !f.left || open.mark == U'\u201D';
    case U'\u201C':  // “ closes „ and, misused, a quotation it ends
      return open.mark == U'\u201E' || (f.right && !f.left);
    case U'\u2018':  // ‘ closes ‚
      return open.mark == U'\u201A';
    case U'\u00BB':  // »
      return open.mark == U'\u00AB';
    case U'\u00AB':  // « closes »reversed«
      return open.mark == U'\u00BB';
    case U'\u203A':
      return open.mark == U'\u2039';
    case U'\u2039':
      return open.mark == U'\u203A';
    default:  // straight marks
      return f.right || !f.left;
  }
}

bool can_open(char32_t m, Flanks f) {
  switch (m) {
    case U'\u201C':
    case U'\u201E':
    case U'\u201F':
    case U'\u2018':
    case U'\u201A':
    case U'\u00AB':
    case U'\u2039':
      return true;
    case U'\u201D':  // ”Swedish” and »reversed« styles open with the closing mark
    case U'\u00BB':
    case U'\u203A':
      return f.left;
    case U'\u2019':
      return false;
    default:  // straight marks
      return f.left || !f.right;
  }
}

bool opens_family(const Token& t, Family family) {
  if (t.kind != TokenKind::quote) return false;
  Family f = family_of(t.mark);
  return f == family || (family == Family::double_mark && t.mark == U'\u201E');
}

}  // namespace

std::vector<Quotation> find_quotations(std::vector<Token>& tokens, const Layout& layout) {
  std::vector<Quotation> found;
  std::vector<Open> stack;
  auto finish = [&](Open& open, uint32_t close, uint32_t last_token, uint32_t content_end) {
    Quotation q;
    q.open = open.token;
    q.close = close;
    q.last_token = last_token;
    q.depth = open.depth;
    q.parts = std::move(open.parts);
    if (content_end > open.part_start) q.parts.push_back({open.part_start, content_end});
    if (!q.parts.empty()) found.push_back(std::move(q));
  };

  for (size_t p = 0; p < layout.paragraphs.size(); ++p) {
    const Range para = layout.paragraphs[p];
    uint32_t i = para.begin;
    // A quotation left open by the paragraph before goes on here (its mark repeated).
    if (!stack.empty() && i < para.end) {
      stack.back().part_start = tokens[i].end;
      ++i;
    }
    for (; i < para.end; ++i) {
      const Token& t = tokens[i];
      if (t.kind != TokenKind::quote) continue;
      const Flanks f = flanks(tokens, i);
      // Close the innermost quotation this mark can close; single marks left open above it were
      // apostrophes after all.
      size_t k = stack.size();
      while (k > 0 && !can_close(stack[k - 1], t.mark, f)) {
        if (stack[k - 1].family != Family::single_mark) {
          k = 0;
          break;
        }
        --k;
      }
      if (k > 0) {
        stack.resize(k);
        finish(stack.back(), i, i - 1, t.start);
        stack.pop_back();
        continue;
      }
      if (can_open(t.mark, f)) {
        stack.push_back(
            Open{i, t.mark, family_of(t.mark), static_cast<uint8_t>(stack.size()), {}, t.end});
      }
    }
    // Paragraph end: a quotation continues only if the next paragraph starts with an opening
    // mark of its family; other single marks still open were apostrophes. A quotation in single
    // marks (as British papers write them) continues like one in double marks.
    const auto continues_next = [&] {
      return p + 1 < layout.paragraphs.size() && stack.size() == 1 &&
             opens_family(tokens[layout.paragraphs[p + 1].begin], stack[0].family);
    };
    if (!continues_next()) {
      while (!stack.empty() && stack.back().family == Family::single_mark) stack.pop_back();
    }
    if (stack.empty()) continue;
    const uint32_t last = para.end - 1;
    const bool continues = continues_next();
    if (continues) {
      stack[0].parts.push_back({stack[0].part_start, tokens[last].end});
      continue;
    }
    while (!stack.empty()) {
      finish(stack.back(), Quotation::kNone, last, tokens[last].end);
      stack.pop_back();
    }
  }
  std::sort(found.begin(), found.end(),
            [](const Quotation& a, const Quotation& b) { return a.open < b.open; });
  for (const auto& q : found) {
    if (q.depth != 0) continue;
    for (uint32_t i = q.open + 1; i <= q.last_token && i < tokens.size(); ++i) {
      tokens[i].flags |= kQuoted;
    }
  }
  return found;
}

}  // namespace quotewire::extract
