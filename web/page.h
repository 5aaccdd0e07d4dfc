#pragma once
// A news page's article: its main text as paragraphs in reading order (no navigation, ads, share
// bars, captions, "read more" lists, comments or footer) and its metadata, from JSON-LD
// (NewsArticle), OpenGraph and meta tags, <time> and <title>. Pure: bytes in, values out.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace quotewire::web {

struct PageArticle {
  std::string title;
  std::vector<std::string> paragraphs;  // the main text, in reading order
  std::string url;                      // canonical URL, else the one the page was read from
  std::string published;                // as the page gives it (ISO 8601 mostly)
  std::vector<std::string> authors;
  std::string site;
  std::string language;  // BCP 47 as declared ("en", "en-US"), empty if none

  // The main text with a blank line between paragraphs (what the extractor reads).
  std::string body() const;
};

struct PageOptions {
  std::string url;              // where the page came from, if known
  std::string content_type;     // the HTTP Content-Type, if known (its charset wins)
  size_t max_bytes = 8u << 20;  // larger pages are refused
};

// Thrown for what cannot be a page: too large, binary, no markup at all.
class NotAPage : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a page of any declared charset (decoded to UTF-8 with ICU). Throws NotAPage.
PageArticle read_page(std::string_view bytes, const PageOptions& options = {});

// Does this look like an HTML page rather than plain text (a doctype or <html>/<head>/<body>
// near the start, after a BOM and whitespace)?
bool looks_like_html(std::string_view bytes);

}  // namespace quotewire::web
