#pragma once
// The article formats `quotewire publish` reads:
//  * plain text: optional header lines (Title:, URL:, Date:, Source:, Byline:, Language:, Id:),
//    a blank line, then the body; without headers the whole file is the body;
//  * JSON Lines: one article object per line (body/text/content, title, url/link, id/guid, ...),
//    with a field mapping for feeds whose names differ;
//  * HTML pages, read with web::read_page (their main text and metadata).

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "proto/quotewire.pb.h"
#include "web/page.h"

namespace quotewire::producers {

struct FormatError {
  std::string reason;
};

pb::Article parse_text_article(std::string_view content);

// An HTML page's metadata over the article's fields: title, URL, date, authors, site and
// language where the page gives them; the article's own (a feed item's) stay where it does not.
void apply_page_metadata(const web::PageArticle& page, pb::Article& article);

// Where a JSON feed keeps each article field: `--map body=story.text,url=link` reads the body
// from {"story": {"text": ...}} and the URL from "link". Unmapped fields keep the usual names.
class FieldMap {
 public:
  // The fields a mapping can set.
  static constexpr std::string_view kFields[] = {"body",   "title",  "url",      "id",
                                                 "source", "byline", "language", "published"};

  // "field=path" items; throws std::invalid_argument naming a bad item.
  static FieldMap parse(const std::vector<std::string>& items);

  bool empty() const { return entries_.empty(); }
  // (field, dotted path) pairs, in the order given.
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

std::variant<pb::Article, FormatError> parse_json_article(std::string_view line,
                                                          const FieldMap& map = {});

}  // namespace quotewire::producers
