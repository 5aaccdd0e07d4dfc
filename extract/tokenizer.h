#pragma once
// Splits an article into tokens over its UTF-8 bytes: words (with internal apostrophes, hyphens
// and the full stop of known abbreviations and initials: "O’Neill", "Botsan-Kharchenko",
// "U.S.", "Mr."), numbers, punctuation and quotation marks. Each word carries its folded key
// and what the lexicon knows about it, so later stages never touch bytes or hash strings again.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quotewire::extract {

class Lexicon;
struct WordInfo;

enum class TokenKind : uint8_t { word, number, punct, quote };

enum TokenFlag : uint16_t {
  kCapitalised = 1u << 0,     // first letter upper case
  kAllCaps = 1u << 1,         // two or more letters, all upper case ("EU", "EURACTIV")
  kSpaceBefore = 1u << 2,     // whitespace (or the start of the text) right before
  kParagraphStart = 1u << 3,  // first token of a paragraph (a line; see tokenizer.cc)
  kSentenceStart = 1u << 4,   // set by split_sentences
  kQuoted = 1u << 5,          // inside a quotation (set by find_quotations)
  kHyphenated = 1u << 6,      // a compound with internal hyphens ("EU-led", "Kosovo-Serbia")
  kAbbreviated = 1u << 7,     // ends in the full stop of an abbreviation or initials
  kInitials = 1u << 8,        // letters with full stops: "U.S.", "J."
  kPossessive = 1u << 9,      // the "’s" split off a word
  kContraction = 1u << 10,    // the "’s" of "he’s", "it’s": "is" or "has", keyed "is"
  kHasUpper = 1u << 11,       // an upper-case letter anywhere ("McDonald", "iPhone", "EU")
  kDomain = 1u << 12,         // a site's name: "Mic.com", "Amazon.co.uk"
};

struct Token {
  uint32_t start = 0;  // byte offsets into the text, half-open
  uint32_t end = 0;
  uint32_t key_begin = 0;  // folded form: keys.substr(key_begin, key_length)
  uint32_t key_length = 0;
  char32_t mark = 0;  // punctuation and quotation marks: the character
  TokenKind kind = TokenKind::word;
  uint16_t flags = 0;
  const WordInfo* info = nullptr;  // lexicon entry of the key, if any

  bool has(uint16_t flag) const { return (flags & flag) != 0; }
  bool is_punct(char32_t c) const { return kind == TokenKind::punct && mark == c; }
  uint32_t lex() const;  // WordFlag bits, 0 when unknown
};

inline std::string_view token_key(const Token& t, const std::string& keys) {
  return std::string_view(keys).substr(t.key_begin, t.key_length);
}

// Is token `i` the apostrophe of a plural possessive ("the dockers’ union", "Employers'
// Association"): a quotation mark right after a word ending in "s", with a word after it past a
// space?
inline bool plural_possessive(const std::vector<Token>& tokens, const std::string& keys,
                              uint32_t i) {
  if (i == 0 || i + 1 >= tokens.size()) return false;
  const Token& t = tokens[i];
  const Token& before = tokens[i - 1];
  if (t.kind != TokenKind::quote || (t.mark != U'\'' && t.mark != U'\u2019')) return false;
  if (t.has(kSpaceBefore) || before.kind != TokenKind::word || before.has(kPossessive))
    return false;
  const std::string_view word = token_key(before, keys);
  return !word.empty() && word.back() == 's' && tokens[i + 1].kind == TokenKind::word &&
         tokens[i + 1].has(kSpaceBefore) && !tokens[i + 1].has(kParagraphStart);
}

// Appends the tokens of `text` to `out` and their folded keys to `keys`.
void tokenize(std::string_view text, const Lexicon& lexicon, std::vector<Token>& out,
              std::string& keys);

}  // namespace quotewire::extract
