#pragma once
// A page's bytes to UTF-8: the charset the HTTP header declares, else a byte-order mark's, else
// a <meta charset> or http-equiv near the start, else UTF-8 if the bytes are valid UTF-8, else
// windows-1252 (what browsers assume); decoded with ICU's converters.

#include <string>
#include <string_view>

namespace quotewire::web {

// The charset name to decode `bytes` with ("utf-8", "windows-1252", "iso-8859-2", ...).
std::string page_charset(std::string_view bytes, std::string_view content_type);

// `bytes` in `charset` as UTF-8, invalid sequences replaced by U+FFFD, a BOM dropped. Throws
// std::runtime_error for a charset ICU does not know.
std::string to_utf8(std::string_view bytes, std::string_view charset);

}  // namespace quotewire::web
