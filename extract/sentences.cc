#include "extract/sentences.h"

#include "extract/lexicon.h"

namespace quotewire::extract {
namespace {

bool is_terminal(const Token& t) {
  return t.kind == TokenKind::punct &&
         (t.mark == U'.' || t.mark == U'!' || t.mark == U'?' || t.mark == U'\u2026');
}

bool is_closing_bracket(const Token& t) {
  return t.kind == TokenKind::punct && (t.mark == U')' || t.mark == U']');
}

// Could `t` be the first token of a sentence? Capitalised words, numbers, opening marks.
bool starts_sentence(const Token& t) {
  if (!t.has(kSpaceBefore)) return false;
  switch (t.kind) {
    case TokenKind::word:
      return t.has(kCapitalised);
    case TokenKind::number:
    case TokenKind::quote:
      return true;
    case TokenKind::punct:
      return t.mark == U'(' || t.mark == U'[' || t.mark == U'\u2014' || t.mark == U'-';
  }
  return false;
}

// A capitalised word that is usually written in lower case ("The", "He", "But"): after an
// abbreviation it signals a new sentence, where a name ("the U.S. Senate") does not.
bool common_capitalised(const Token& t) {
  return t.kind == TokenKind::word && t.has(kCapitalised) &&
         (t.lex() & (kCommon | kDet | kPronoun | kConj | kPrep)) != 0;
}

// Does the sentence end with token `i`, given that `next` is the first token after it and its
// closing marks? Full stops, question and exclamation marks do when a sentence can start next;
// the full stop of an abbreviation may double as the sentence's only before a word that is not a
// name ("in the U.S. The ..." but "the U.S. Senate").
// `after` is the token after `next`, if any: an opening quotation mark after an abbreviation
// opens a sentence unless a lower-case word follows ("the U.S. “clearly” needed").
bool ends_sentence(const Token& t, const Token& next, const Token* after) {
  if (is_terminal(t)) return starts_sentence(next);
  if (t.kind != TokenKind::word || !t.has(kAbbreviated)) return false;
  const uint32_t lex = t.lex();
  // A title is written with its capital ("Mr.", "No. 10"); "said no." is the word and a stop.
  if (lex & kAbbrevTitle) {
    return !t.has(kCapitalised) && next.kind != TokenKind::number && starts_sentence(next);
  }
  const bool quote_opens = next.kind == TokenKind::quote &&
                           !(after && after->kind == TokenKind::word && !after->has(kCapitalised));
  // "U.S. Attorney Damian Williams said": a title after the abbreviation goes on with it.
  return next.has(kSpaceBefore) &&
         ((common_capitalised(next) && !(next.lex() & kTitle)) || quote_opens);
}

}  // namespace

uint32_t dateline_end(const std::vector<Token>& tokens, uint32_t begin) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  // Three letters at least: "US - China talks" is no dateline.
  if (begin >= n || tokens[begin].kind != TokenKind::word || !tokens[begin].has(kAllCaps) ||
      tokens[begin].end - tokens[begin].start < 3) {
    return begin;
  }
  for (uint32_t i = begin + 1; i < n && i < begin + 12; ++i) {
    const Token& t = tokens[i];
    if (t.has(kParagraphStart) || is_terminal(t)) return begin;
    if (t.kind == TokenKind::punct &&
        (t.mark == U'-' || t.mark == U'\u2013' || t.mark == U'\u2014')) {
      const bool spaced = t.has(kSpaceBefore) && i + 1 < n && tokens[i + 1].has(kSpaceBefore);
      return spaced && i + 1 < n && !tokens[i + 1].has(kParagraphStart) ? i + 1 : begin;
    }
    // Only the place, a date and the agency come before the dash: no lower-case word.
    if (t.kind == TokenKind::word && !t.has(kCapitalised)) return begin;
  }
  return begin;
}

namespace {

// "NEW DELHI: …", as Indian papers write it, in the story's first lines: the place in capitals
// alone before the colon. Not a transcript's "KATE BOLDUAN: …", which starts with a first name.
uint32_t colon_dateline_end(const std::vector<Token>& tokens, uint32_t begin) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  if (begin >= n || (tokens[begin].lex() & kFirstName)) return begin;
  for (uint32_t i = begin; i < n && i < begin + 4; ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::punct && t.mark == U':' && i > begin) {
      return i + 1 < n && tokens[i + 1].has(kSpaceBefore) && !tokens[i + 1].has(kParagraphStart)
                 ? i + 1
                 : begin;
    }
    if (t.kind != TokenKind::word || !t.has(kAllCaps) || t.end - t.start < 3) return begin;
  }
  return begin;
}

}  // namespace

void split_sentences(std::vector<Token>& tokens, Layout& layout) {
  layout.paragraphs.clear();
  layout.sentences.clear();
  layout.sentence_of.assign(tokens.size(), 0);
  layout.paragraph_of.assign(tokens.size(), 0);
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  uint32_t sentence_begin = 0;
  uint32_t after_dateline = 0;
  auto close_sentence = [&](uint32_t end) {
    if (end > sentence_begin) {
      tokens[sentence_begin].flags |= kSentenceStart;
      layout.sentences.push_back({sentence_begin, end});
    }
    sentence_begin = end;
  };
  for (uint32_t i = 0; i < n; ++i) {
    if (tokens[i].has(kParagraphStart)) {
      close_sentence(i);
      if (!layout.paragraphs.empty()) layout.paragraphs.back().end = i;
      layout.paragraphs.push_back({i, n});
      after_dateline = dateline_end(tokens, i);
      if (after_dateline == i && layout.paragraphs.size() <= 2) {
        after_dateline = colon_dateline_end(tokens, i);
      }
    } else if (i == after_dateline) {
      close_sentence(i);
    }
    if (is_terminal(tokens[i]) || tokens[i].has(kAbbreviated)) {
      // Closing quotation marks and brackets right after the stop stay with the sentence.
      uint32_t j = i + 1;
      while (j < n && !tokens[j].has(kSpaceBefore) &&
             (tokens[j].kind == TokenKind::quote || is_closing_bracket(tokens[j]))) {
        ++j;
      }
      if (j < n && !tokens[j].has(kParagraphStart) &&
          ends_sentence(tokens[i], tokens[j], j + 1 < n ? &tokens[j + 1] : nullptr)) {
        close_sentence(j);
        i = j - 1;
      }
    }
  }
  close_sentence(n);
  layout.title_case.assign(layout.sentences.size(), false);
  for (uint32_t s = 0; s < layout.sentences.size(); ++s) {
    uint32_t words = 0, capitalised = 0;
    bool lower_content = false;  // a lower-case word other than "of", "the", "and": "said"
    for (uint32_t i = layout.sentences[s].begin; i < layout.sentences[s].end; ++i) {
      layout.sentence_of[i] = s;
      if (tokens[i].kind != TokenKind::word || tokens[i].has(kPossessive)) continue;
      ++words;
      capitalised += tokens[i].has(kCapitalised);
      lower_content =
          lower_content || (!tokens[i].has(kCapitalised) &&
                            !(tokens[i].lex() & (kDet | kPrep | kConj | kPronoun | kAux)));
    }
    // "Senator Jeff Sessions said." is no headline, whatever its capitals.
    layout.title_case[s] = words >= 4 && capitalised * 10 >= words * 7 && !lower_content;
  }
  for (uint32_t p = 0; p < layout.paragraphs.size(); ++p) {
    for (uint32_t i = layout.paragraphs[p].begin; i < layout.paragraphs[p].end; ++i) {
      layout.paragraph_of[i] = p;
    }
  }
}

bool opens_sentence(const std::vector<Token>& tokens, const Layout& layout, uint32_t i) {
  const uint32_t begin = layout.sentences[layout.sentence_of[i]].begin;
  while (i > begin) {
    const Token& prev = tokens[i - 1];
    if (prev.kind == TokenKind::quote || prev.is_punct(U':')) return true;
    if (prev.kind != TokenKind::punct || prev.mark == U',' || prev.mark == U'.') return false;
    --i;
  }
  return true;
}

}  // namespace quotewire::extract
