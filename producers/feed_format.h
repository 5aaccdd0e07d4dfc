#pragma once
// RSS 2.0 (also 0.9x and RDF/RSS 1.0) and Atom feeds to articles. Each item becomes an article:
// title, link (relative links resolved against the feed's), guid/id, published date, author,
// body from content:encoded / content, else description / summary, HTML stripped to text.
//
// Malformed XML is reported with its line; items the errors fall into are left out and the
// others still go through (a truncated download loses its last item, not the whole feed).

#include <string>
#include <string_view>
#include <vector>

#include "proto/quotewire.pb.h"

namespace quotewire::producers {

struct FeedError {
  int line = 0;  // 0 when the error concerns the whole document
  std::string reason;
};

struct ParsedFeed {
  std::vector<pb::Article> articles;  // in document order, article_id set
  std::vector<FeedError> errors;
};

ParsedFeed parse_feed(std::string_view xml);

// True when the content looks like an XML feed rather than a text article.
bool looks_like_feed(std::string_view content);

}  // namespace quotewire::producers
