#include "web/charset.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <stdexcept>

namespace quotewire::web {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The value after "charset=" in a header or meta content, unquoted.
std::string charset_in(std::string_view text) {
  const std::string folded = lower(text);
  const size_t at = folded.find("charset");
  if (at == std::string::npos) return {};
  size_t i = at + 7;
  while (i < folded.size() && (folded[i] == ' ' || folded[i] == '=')) ++i;
  while (i < folded.size() && (folded[i] == '"' || folded[i] == '\'')) ++i;
  size_t end = i;
  while (end < folded.size() &&
         (std::isalnum(static_cast<unsigned char>(folded[end])) || folded[end] == '-' ||
          folded[end] == '_' || folded[end] == ':' || folded[end] == '.')) {
    ++end;
  }
  return folded.substr(i, end - i);
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace

std::string page_charset(std::string_view bytes, std::string_view content_type) {
  if (std::string declared = charset_in(content_type); !declared.empty()) return declared;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  if (bytes.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (bytes.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  // <meta charset="..."> or <meta http-equiv="Content-Type" content="...; charset=...">, which
  // HTML requires within the first 1024 bytes; pages are laxer, so 4 KB.
  const std::string head = lower(bytes.substr(0, 4096));
  for (size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    const size_t end = head.find('>', at);
    if (end == std::string::npos) break;
    if (std::string found = charset_in(std::string_view(head).substr(at, end - at));
        !found.empty()) {
      return found;
    }
  }
  return valid_utf8(bytes) ? "utf-8" : "windows-1252";
}

std::string to_utf8(std::string_view bytes, std::string_view charset) {
  std::string name = lower(charset);
  if (name == "utf-8" || name == "utf8") {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (valid_utf8(bytes)) return std::string(bytes);
  }
  // Browsers read ISO-8859-1 and ASCII as windows-1252 (the WHATWG Encoding standard).
  if (name == "iso-8859-1" || name == "latin1" || name == "us-ascii" || name == "ascii") {
    name = "windows-1252";
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> from(ucnv_open(name.c_str(), &status),
                                                          ucnv_close);
  if (U_FAILURE(status)) throw std::runtime_error("unknown charset \"" + name + "\"");
  std::unique_ptr<UConverter, decltype(&ucnv_close)> utf8(ucnv_open("utf-8", &status), ucnv_close);
  std::string out(bytes.size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(utf8.get(), from.get(), &target, out.data() + out.size(), &source,
                 bytes.data() + bytes.size(), nullptr, nullptr, nullptr, nullptr, true, true,
                 &status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("cannot decode as ") + name);
  out.resize(static_cast<size_t>(target - out.data()));
  if (std::string_view(out).substr(0, 3) == "\xEF\xBB\xBF") out.erase(0, 3);
  return out;
}

}  // namespace quotewire::web
