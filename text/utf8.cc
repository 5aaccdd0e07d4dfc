#include "text/utf8.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace quotewire::text::utf8 {

std::optional<size_t> first_invalid(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {  // ASCII fast path: most of an English article
      ++i;
      continue;
    }
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);  // ICU's checked decoder: rejects overlongs, surrogates, > U+10FFFF
    if (c < 0) return static_cast<size_t>(at);
  }
  return std::nullopt;
}

CodePoint decode_multibyte(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT_UNSAFE(s, i, c);
  return {static_cast<char32_t>(c), static_cast<uint32_t>(i - static_cast<int32_t>(pos))};
}

bool is_word_char_beyond_ascii(char32_t c) {
  return u_isalnum(static_cast<UChar32>(c)) ||
         (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}

bool is_upper_beyond_ascii(char32_t c) {
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

bool is_space_beyond_ascii(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

namespace {

// ICU transliterators are expensive to build and not meant to be shared between threads while
// in use: one prototype per process, one clone per thread.
const icu::Transliterator& fold_prototype() {
  static std::unique_ptr<icu::Transliterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "NFKD; [:Nonspacing Mark:] Remove; Latin-ASCII; Lower; NFC", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t) throw std::runtime_error("ICU transliterator unavailable");
    return t;
  }();
  return *prototype;
}

const icu::Transliterator& fold_transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> mine(fold_prototype().clone());
  return *mine;
}

}  // namespace

void append_folded(std::string& out, std::string_view text) {
  bool ascii = true;
  for (char ch : text) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  if (ascii) {
    for (char ch : text) out += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch | 0x20) : ch;
    return;
  }
  // Transliteration costs microseconds; names and words recur, so each thread remembers its
  // results (bounded: forgotten wholesale when it grows large).
  thread_local std::unordered_map<std::string, std::string> cache;
  const std::string key(text);
  if (auto it = cache.find(key); it != cache.end()) {
    out += it->second;
    return;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  fold_transliterator().transliterate(u);
  std::string result;
  u.toUTF8String(result);
  if (cache.size() >= 20000) cache.clear();
  out += result;
  cache.emplace(key, std::move(result));
}

std::string folded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_folded(out, text);
  return out;
}

}  // namespace quotewire::text::utf8
