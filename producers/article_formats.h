#pragma once
// The article formats `quotewire publish` reads:
//  * plain text: optional header lines (Title:, URL:, Date:, Source:, Byline:, Language:, Id:),
//    a blank line, then the body; without headers the whole file is the body;
//  * JSON Lines: one article object per line (body/text/content, title, url/link, id/guid, ...).

#include <string>
#include <string_view>
#include <variant>

#include "proto/quotewire.pb.h"

namespace quotewire::producers {

struct FormatError {
  std::string reason;
};

pb::Article parse_text_article(std::string_view content);

std::variant<pb::Article, FormatError> parse_json_article(std::string_view line);

}  // namespace quotewire::producers
