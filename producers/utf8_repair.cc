#include "producers/utf8_repair.h"

#include "text/utf8.h"

namespace quotewire::producers {

bool repair_utf8(std::string& text) {
  auto bad = text::utf8::first_invalid(text);
  if (!bad) return false;
  std::string out;
  std::string_view rest = text;
  while (bad) {
    out.append(rest.substr(0, *bad));
    out.append("\xEF\xBF\xBD");
    rest.remove_prefix(*bad + 1);
    bad = text::utf8::first_invalid(rest);
  }
  out.append(rest);
  text = std::move(out);
  return true;
}

std::vector<std::string> repair_metadata_utf8(pb::Article& article) {
  std::vector<std::string> repaired;
  auto check = [&](std::string* field, const char* name) {
    if (repair_utf8(*field)) repaired.emplace_back(name);
  };
  check(article.mutable_article_id(), "article_id");
  check(article.mutable_source(), "source");
  check(article.mutable_url(), "url");
  check(article.mutable_title(), "title");
  check(article.mutable_byline(), "byline");
  check(article.mutable_language(), "language");
  // Map keys cannot be edited in place: rebuild the map when one is broken.
  google::protobuf::Map<std::string, std::string> metadata;
  bool metadata_repaired = false;
  for (const auto& [key, value] : article.metadata()) {
    std::string k = key, v = value;
    metadata_repaired |= repair_utf8(k);
    metadata_repaired |= repair_utf8(v);
    metadata[k] = v;
  }
  if (metadata_repaired) {
    *article.mutable_metadata() = std::move(metadata);
    repaired.emplace_back("metadata");
  }
  return repaired;
}

}  // namespace quotewire::producers
