#pragma once
// Paragraphs and sentences over the token stream. A full stop ends a sentence unless it belongs to
// an abbreviation that cannot end one ("Mr.", "Sen.") or the next word does not start a sentence
// ("the U.S. Senate", "Jan. 5"); a line break ends a paragraph.

#include <cstdint>
#include <vector>

#include "extract/tokenizer.h"

namespace quotewire::extract {

struct Range {  // token indices, half-open
  uint32_t begin = 0;
  uint32_t end = 0;
  bool contains(uint32_t i) const { return i >= begin && i < end; }
};

struct Layout {
  std::vector<Range> paragraphs;
  std::vector<Range> sentences;
  std::vector<uint32_t> sentence_of;   // token index -> sentence index
  std::vector<uint32_t> paragraph_of;  // token index -> paragraph index
  // Per sentence: most words capitalised, as in headlines and mastheads ("Mayor Says She Never
  // Promised To ..."), where a capital does not make a name.
  std::vector<bool> title_case;

  bool in_title_case(uint32_t token) const { return title_case[sentence_of[token]]; }
};

// Is token `i` the first word of its sentence, of a quotation or of what follows a colon, where
// a capital says nothing about a name? Only punctuation other than commas and full stops may
// come between.
bool opens_sentence(const std::vector<Token>& tokens, const Layout& layout, uint32_t i);

// A wire dateline opening paragraph `begin`: capitals, maybe a region or date, maybe the agency
// in brackets, then a dash ("WASHINGTON (Reuters) - ", "KYIV, Ukraine (AP) — ", "LONDON, Dec 7
// (Reuters) – "). Returns the token after the dash, or `begin` when there is none. The story's
// first sentence starts there, not with the dateline.
uint32_t dateline_end(const std::vector<Token>& tokens, uint32_t begin);

// Fills `layout` and sets kSentenceStart on the first token of each sentence.
void split_sentences(std::vector<Token>& tokens, Layout& layout);

}  // namespace quotewire::extract
