#pragma once
// UTF-8 handling for the extractor and the producers: validation (with the offending byte offset),
// decoding, the character classes the tokenizer needs, and folding for matching and actor ids.
// Character data comes from ICU, not from tables of our own.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quotewire::text::utf8 {

// The byte offset of the first byte that does not start a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF included), or nullopt.
std::optional<size_t> first_invalid(std::string_view text);

// The code point at `pos` of valid UTF-8 and the byte length of its sequence.
struct CodePoint {
  char32_t value;
  uint32_t length;
};
CodePoint decode_multibyte(std::string_view text, size_t pos);
inline CodePoint decode(std::string_view text, size_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  return byte < 0x80 ? CodePoint{byte, 1} : decode_multibyte(text, pos);  // ASCII: most text
}

// Letters, digits and combining marks: the characters words are made of. The ASCII cases are
// inline; the rest asks ICU.
bool is_word_char_beyond_ascii(char32_t c);
bool is_upper_beyond_ascii(char32_t c);
bool is_space_beyond_ascii(char32_t c);
inline bool is_word_char(char32_t c) {
  if (c >= 0x80) return is_word_char_beyond_ascii(c);
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
}
inline bool is_upper(char32_t c) {
  return c < 0x80 ? c >= U'A' && c <= U'Z' : is_upper_beyond_ascii(c);
}
inline bool is_space(char32_t c) {
  if (c >= 0x80) return is_space_beyond_ascii(c);
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f' || c == U'\v';
}

// Folds text for comparison and ids: compatibility decomposition, accents dropped, Latin letters
// without a decomposition mapped to ASCII ("đ" -> "d", "ß" -> "ss"), case folded. ASCII input
// takes a fast path, and other words are remembered per thread (names recur from article to
// article); "Saša Janković", "Sasa Jankovic" and "SASA JANKOVIC" fold alike.
void append_folded(std::string& out, std::string_view text);
std::string folded(std::string_view text);

}  // namespace quotewire::text::utf8
