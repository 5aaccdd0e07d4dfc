#include "producers/article_formats.h"

#include <fmt/format.h>

#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <set>
#include <stdexcept>

#include "producers/dates.h"
#include "text/utf8.h"

namespace quotewire::producers {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Sets the article field a header or JSON key names; false when the key is not one we know.
bool set_field(pb::Article& article, const std::string& key, std::string_view value) {
  if (key == "title" || key == "headline") {
    article.set_title(std::string(value));
  } else if (key == "url" || key == "link") {
    article.set_url(std::string(value));
  } else if (key == "source" || key == "outlet" || key == "publisher") {
    article.set_source(std::string(value));
  } else if (key == "byline" || key == "author") {
    article.set_byline(std::string(value));
  } else if (key == "language" || key == "lang") {
    article.set_language(std::string(value));
  } else if (key == "id" || key == "article_id" || key == "guid") {
    article.set_article_id(std::string(value));
  } else if (key == "date" || key == "published" || key == "published_at" || key == "pubdate") {
    if (auto ms = parse_date(value)) {
      article.set_published_unix_ms(*ms);
    } else {
      (*article.mutable_metadata())["unparsed_date"] = std::string(value);
    }
  } else {
    return false;
  }
  return true;
}

// A header line is "Key: value" with a short single-word key we know.
bool is_header(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 16) return false;
  pb::Article probe;
  return set_field(probe, lower(trim(line.substr(0, colon))), "");
}

}  // namespace

pb::Article parse_text_article(std::string_view content) {
  pb::Article article;
  size_t pos = 0;
  // Headers only count when the very first line is one and a blank line ends them.
  std::string_view first = content.substr(0, content.find('\n'));
  if (is_header(trim(first))) {
    pb::Article headers;
    size_t cursor = 0;
    bool ended = false;
    while (cursor < content.size()) {
      size_t eol = content.find('\n', cursor);
      if (eol == std::string_view::npos) eol = content.size();
      std::string_view line = trim(content.substr(cursor, eol - cursor));
      cursor = eol + 1;
      if (line.empty()) {
        ended = true;
        break;
      }
      if (!is_header(line)) break;
      const auto colon = line.find(':');
      set_field(headers, lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
    }
    if (ended) {
      article = std::move(headers);
      pos = std::min(cursor, content.size());
    }
  }
  article.set_body(std::string(content.substr(pos)));
  return article;
}

void apply_page_metadata(const web::PageArticle& page, pb::Article& article) {
  if (!page.title.empty()) article.set_title(page.title);
  if (!page.url.empty()) article.set_url(page.url);
  if (auto published = parse_date(page.published)) article.set_published_unix_ms(*published);
  std::string authors;
  for (const auto& author : page.authors) {
    if (author.empty()) continue;
    if (!authors.empty()) authors += ", ";
    authors += author;
  }
  if (!authors.empty()) article.set_byline(authors);
  if (!page.site.empty()) article.set_source(page.site);
  if (!page.language.empty()) article.set_language(page.language);
}

FieldMap FieldMap::parse(const std::vector<std::string>& items) {
  FieldMap map;
  for (const auto& item : items) {
    const auto eq = item.find('=');
    const std::string field = lower(trim(std::string_view(item).substr(0, eq)));
    const std::string path(
        trim(eq == std::string::npos ? "" : std::string_view(item).substr(eq + 1)));
    if (eq == std::string::npos || path.empty()) {
      throw std::invalid_argument(fmt::format("\"{}\" is not field=path", item));
    }
    if (std::find(std::begin(kFields), std::end(kFields), field) == std::end(kFields)) {
      throw std::invalid_argument(fmt::format("\"{}\": no article field \"{}\" (one of {})", item,
                                              field, fmt::join(kFields, ", ")));
    }
    map.entries_.emplace_back(field, path);
  }
  return map;
}

namespace {

// The value at a dotted path ("story.text"); nullptr when absent.
const nlohmann::json* lookup(const nlohmann::json& object, std::string_view path) {
  const nlohmann::json* node = &object;
  while (!path.empty()) {
    const auto dot = path.find('.');
    const std::string key(path.substr(0, dot));
    if (!node->is_object()) return nullptr;
    const auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return node;
}

std::string top_key(const std::string& path) {
  return path.substr(0, path.find('.'));
}

// nlohmann::json refuses invalid UTF-8 inside strings, which made a JSON Lines article with a
// broken body "malformed JSON", dropped, where the same bytes in a .txt reach the worker and are
// dead-lettered as "invalid UTF-8 at byte N". So each invalid byte crosses the parser as a
// private-use character, U+10FF00 + byte (F4 8F BC..BF xx), and is put back in the values after.
bool escape_invalid_utf8(std::string& line) {
  auto bad = text::utf8::first_invalid(line);
  if (!bad) return false;
  std::string out;
  std::string_view rest = line;
  while (bad) {
    const auto byte = static_cast<unsigned char>(rest[*bad]);
    out.append(rest.substr(0, *bad));
    out += "\xF4\x8F";
    out += static_cast<char>(0xBC + (byte >> 6));
    out += static_cast<char>(0x80 | (byte & 0x3F));
    rest.remove_prefix(*bad + 1);
    bad = text::utf8::first_invalid(rest);
  }
  out.append(rest);
  line = std::move(out);
  return true;
}

void restore_invalid_utf8(std::string& text) {
  std::string out;
  size_t done = 0;
  for (size_t i = text.find("\xF4\x8F"); i != std::string::npos && i + 3 < text.size();
       i = text.find("\xF4\x8F", i + 1)) {
    const auto lead = static_cast<unsigned char>(text[i + 2]);
    if (lead < 0xBC || lead > 0xBF) continue;
    out.append(text, done, i - done);
    out +=
        static_cast<char>(((lead - 0xBC) << 6) | (static_cast<unsigned char>(text[i + 3]) & 0x3F));
    done = i + 4;
  }
  if (done == 0) return;
  out.append(text, done);
  text = std::move(out);
}

void restore_strings(nlohmann::json& value) {
  if (value.is_string()) {
    restore_invalid_utf8(value.get_ref<std::string&>());
  } else if (value.is_structured()) {
    for (auto& element : value) restore_strings(element);
  }
}

// The characters the escape uses, already in the line (as bytes or as \u escapes): escaping
// would be ambiguous, so such a line keeps the parser's verdict.
bool uses_escape_range(std::string_view line) {
  for (const char* lead : {"\xF4\x8F\xBC", "\xF4\x8F\xBD", "\xF4\x8F\xBE", "\xF4\x8F\xBF"}) {
    if (line.find(lead) != std::string_view::npos) return true;
  }
  std::string lower_line = lower(line);
  return lower_line.find("\\udbff") != std::string::npos;
}

constexpr auto kReplace = nlohmann::json::error_handler_t::replace;

}  // namespace

std::variant<pb::Article, FormatError> parse_json_article(std::string_view line,
                                                          const FieldMap& map) {
  nlohmann::json object;
  std::string text(line);
  const bool escaped = !uses_escape_range(line) && escape_invalid_utf8(text);
  try {
    object = nlohmann::json::parse(text);
    if (escaped) restore_strings(object);
  } catch (const nlohmann::json::parse_error& e) {
    const auto bad = escaped ? std::nullopt : text::utf8::first_invalid(line);
    if (bad) return FormatError{fmt::format("invalid UTF-8 at byte {}", *bad)};
    return FormatError{fmt::format("malformed JSON at byte {}", e.byte)};
  } catch (const nlohmann::json::exception& e) {
    // Well-formed but unrepresentable, e.g. a number beyond a double (found by fuzzing).
    return FormatError{fmt::format("unusable JSON: {}", e.what())};
  }
  if (!object.is_object()) return FormatError{"not a JSON object"};
  pb::Article article;
  bool has_body = false;
  std::set<std::string> mapped_keys;
  for (const auto& [field, path] : map.entries()) mapped_keys.insert(top_key(path));
  for (const auto& [key, value] : object.items()) {
    if (mapped_keys.contains(key)) continue;  // read through the mapping below
    const std::string name = lower(key);
    if (name == "body" || name == "text" || name == "content") {
      if (!value.is_string()) return FormatError{fmt::format("\"{}\" is not a string", key)};
      article.set_body(value.get<std::string>());
      has_body = true;
    } else if (name == "metadata" && value.is_object()) {
      for (const auto& [mk, mv] : value.items()) {
        (*article.mutable_metadata())[mk] =
            mv.is_string() ? mv.get<std::string>() : mv.dump(-1, ' ', false, kReplace);
      }
    } else if (value.is_string()) {
      if (!set_field(article, name, value.get<std::string>())) {
        (*article.mutable_metadata())[key] = value.get<std::string>();
      }
    } else if (value.is_number_integer() && (name == "published" || name == "date")) {
      article.set_published_unix_ms(value.get<int64_t>());
    } else if (!value.is_null()) {
      (*article.mutable_metadata())[key] = value.dump(-1, ' ', false, kReplace);
    }
  }
  for (const auto& [field, path] : map.entries()) {
    const nlohmann::json* value = lookup(object, path);
    if (!value || value->is_null()) continue;
    if (field == "published" && value->is_number_integer()) {
      article.set_published_unix_ms(value->get<int64_t>());
      continue;
    }
    if (!value->is_string()) {
      return FormatError{fmt::format("\"{}\" (mapped to {}) is not a string", path, field)};
    }
    if (field == "body") {
      article.set_body(value->get<std::string>());
      has_body = true;
    } else {
      set_field(article, field, value->get<std::string>());
    }
  }
  if (!has_body) {
    return FormatError{map.empty()
                           ? "no \"body\", \"text\" or \"content\" field"
                           : "no \"body\", \"text\" or \"content\" field, nor a mapped body"};
  }
  return article;
}

}  // namespace quotewire::producers
