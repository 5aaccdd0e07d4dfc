#pragma once
// A page's metadata: JSON-LD (schema.org NewsArticle and kin) first, then OpenGraph and other
// meta tags, <link rel="canonical">, <time datetime>, <title>, <html lang>.

#include <libxml/tree.h>

#include <string>
#include <vector>

namespace quotewire::web {

struct PageMetadata {
  std::string title;
  std::string url;
  std::string published;
  std::vector<std::string> authors;
  std::string site;
  std::string language;
  std::string body;  // JSON-LD's articleBody, when the page gives one
};

PageMetadata read_metadata(const xmlDoc* doc);

}  // namespace quotewire::web
