#pragma once
// One article as the extraction stages see it: the text, its tokens, paragraphs and sentences,
// quotations, entity mentions and actors. Each stage fills its part; the later ones read.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/actors.h"
#include "extract/entities.h"
#include "extract/lexicon.h"
#include "extract/quote_marks.h"
#include "extract/sentences.h"
#include "extract/tokenizer.h"

namespace quotewire::extract {

struct AttributionModel;

struct Article {
  std::string_view text;
  const Lexicon& lexicon;
  std::vector<Token> tokens;
  std::string keys;
  Layout layout;
  std::vector<Quotation> quotations;
  Entities entities;
  std::vector<Actor> actors;
  const AttributionModel* attribution = nullptr;  // the learned parts; none: the rules alone

  uint32_t size() const { return static_cast<uint32_t>(tokens.size()); }
  std::string_view key(uint32_t i) const { return token_key(tokens[i], keys); }
  uint32_t lex(uint32_t i) const { return tokens[i].lex(); }
  // A word (not the split-off "’s").
  bool word(uint32_t i) const {
    return i < tokens.size() && tokens[i].kind == TokenKind::word && !tokens[i].has(kPossessive);
  }
  // A word in lower case with these lexicon flags.
  bool lower(uint32_t i, uint32_t flags) const {
    return word(i) && !tokens[i].has(kCapitalised) && (lex(i) & flags) != 0;
  }
  bool punct(uint32_t i, char32_t c) const { return i < tokens.size() && tokens[i].is_punct(c); }
  // Commas, dashes, semicolons, colons and brackets: where appositives and clauses start or end.
  bool boundary(uint32_t i) const {
    if (i >= tokens.size() || tokens[i].kind != TokenKind::punct) return false;
    switch (tokens[i].mark) {
      case U',':
      case U';':
      case U':':
      case U'(':
      case U')':
      case U'\u2014':
      case U'\u2013':
        return true;
      case U'-':  // "--" or a spaced hyphen used as a dash
        return tokens[i].end - tokens[i].start > 1 || tokens[i].has(kSpaceBefore);
      default:
        return false;
    }
  }
  int32_t mention_at(uint32_t i) const { return i < size() ? entities.mention_at[i] : -1; }
  const Mention& mention(int32_t m) const { return entities.mentions[static_cast<size_t>(m)]; }
  // The bytes from the start of token `begin` to the end of token `end - 1`.
  std::string_view span(uint32_t begin, uint32_t end) const {
    return text.substr(tokens[begin].start, tokens[end - 1].end - tokens[begin].start);
  }
};

// The tokens that a byte span covers, wholly or in part.
inline Range tokens_in(const Article& a, TextSpan span) {
  auto lo = std::lower_bound(a.tokens.begin(), a.tokens.end(), span.start,
                             [](const Token& t, uint32_t pos) { return t.end <= pos; });
  auto hi = std::lower_bound(a.tokens.begin(), a.tokens.end(), span.end,
                             [](const Token& t, uint32_t pos) { return t.start < pos; });
  return {static_cast<uint32_t>(lo - a.tokens.begin()),
          static_cast<uint32_t>(hi - a.tokens.begin())};
}

namespace ner {
class Model;
}

// Runs the stages before attribution on `a.text` (valid UTF-8): tokens, sentences, quotations,
// entities (with the tagger, if given) and actors. What Extractor::extract does first; the
// trainers use it too.
void analyse(Article& a, const ner::Model* tagger);

}  // namespace quotewire::extract
