#pragma once
// RSS 2.0 (also 0.9x and RDF/RSS 1.0) and Atom feeds to articles. Each item becomes an article:
// title, link (relative links resolved against the feed's), guid/id, published date, author,
// body from content:encoded / content, else description / summary, HTML stripped to text.
// News sitemaps (<urlset> with <news:news>) too: each news URL an article with its title, date,
// publication and language but no body (the page has it); a sitemap index lists sitemaps.
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

// What a follower needs beside the article to judge an item.
struct FeedItemInfo {
  bool full_text = false;  // the body is the item's full text (content:encoded, Atom content)
  std::string updated;     // Atom <updated>, a sitemap's <lastmod>: changes when the item does
};

struct ParsedFeed {
  std::vector<pb::Article> articles;  // in document order, article_id set
  std::vector<FeedItemInfo> items;    // one per article
  std::vector<FeedError> errors;
  std::vector<std::string> sitemaps;  // a sitemap index's sitemaps
  int64_t ttl_ms = 0;                 // RSS <ttl>: how long the feed may be cached; 0 if none
};

ParsedFeed parse_feed(std::string_view xml);

// True when the content looks like an XML feed rather than a text article.
bool looks_like_feed(std::string_view content);

}  // namespace quotewire::producers
