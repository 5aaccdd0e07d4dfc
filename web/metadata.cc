#include "web/metadata.h"

#include <nlohmann/json.hpp>

#include "web/dom.h"

namespace quotewire::web {
namespace {

using dom::attr;
using dom::is;

bool article_type(const nlohmann::json& type) {
  auto one = [](const nlohmann::json& t) {
    if (!t.is_string()) return false;
    const std::string s = t.get<std::string>();
    return s.find("Article") != std::string::npos || s == "BlogPosting" || s == "Report";
  };
  if (type.is_array()) {
    for (const auto& t : type) {
      if (one(t)) return true;
    }
    return false;
  }
  return one(type);
}

std::string string_of(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("name")) return string_of(v["name"]);
  if (v.is_array() && !v.empty()) return string_of(v[0]);
  return {};
}

void names_of(const nlohmann::json& v, std::vector<std::string>& out) {
  if (v.is_array()) {
    for (const auto& x : v) names_of(x, out);
    return;
  }
  if (std::string name = string_of(v); !name.empty()) out.push_back(std::move(name));
}

// The first object in a JSON-LD value (a graph, a list or one object) that is an article.
const nlohmann::json* find_article(const nlohmann::json& v) {
  if (v.is_array()) {
    for (const auto& x : v) {
      if (const auto* found = find_article(x)) return found;
    }
    return nullptr;
  }
  if (!v.is_object()) return nullptr;
  if (v.contains("@type") && article_type(v["@type"])) return &v;
  if (v.contains("@graph")) return find_article(v["@graph"]);
  return nullptr;
}

void from_json_ld(const xmlNode* script, PageMetadata& m) {
  const std::string text = dom::text(script);
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return;
  const nlohmann::json* a = find_article(json);
  if (!a) return;
  if (m.title.empty() && a->contains("headline")) m.title = string_of((*a)["headline"]);
  if (m.published.empty() && a->contains("datePublished")) {
    m.published = string_of((*a)["datePublished"]);
  }
  if (m.authors.empty() && a->contains("author")) names_of((*a)["author"], m.authors);
  if (m.site.empty() && a->contains("publisher")) m.site = string_of((*a)["publisher"]);
  if (m.url.empty() && a->contains("url")) m.url = string_of((*a)["url"]);
  if (m.body.empty() && a->contains("articleBody")) m.body = string_of((*a)["articleBody"]);
}

void find_json_ld(const xmlNode* n, PageMetadata& m) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is(n, "script")) {
      if (attr(n, "type") == "application/ld+json") from_json_ld(n, m);
      continue;
    }
    find_json_ld(n->children, m);
  }
}

void walk(const xmlNode* n, PageMetadata& m, std::string& title_tag, std::string& time_tag) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is(n, "script")) continue;
    if (is(n, "meta")) {
      const std::string_view key =
          !attr(n, "property").empty() ? attr(n, "property") : attr(n, "name");
      const std::string value(dom::trim(attr(n, "content")));
      if (value.empty()) continue;
      if (key == "og:title" && m.title.empty()) m.title = value;
      if (key == "og:url" && m.url.empty()) m.url = value;
      if (key == "og:site_name" && m.site.empty()) m.site = value;
      if ((key == "article:published_time" || key == "datePublished" || key == "date" ||
           key == "pubdate" || key == "publish-date" || key == "dc.date") &&
          m.published.empty()) {
        m.published = value;
      }
      if ((key == "author" || key == "article:author" || key == "dc.creator") &&
          m.authors.empty() && value.rfind("http", 0) != 0) {
        m.authors.push_back(value);
      }
      continue;
    }
    if (is(n, "link") && attr(n, "rel") == "canonical" && m.url.empty()) {
      m.url = std::string(attr(n, "href"));
    }
    if (is(n, "title") && title_tag.empty()) title_tag = dom::text(n);
    if (is(n, "time") && time_tag.empty()) time_tag = std::string(attr(n, "datetime"));
    walk(n->children, m, title_tag, time_tag);
  }
}

}  // namespace

PageMetadata read_metadata(const xmlDoc* doc) {
  PageMetadata m;
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (!root) return m;
  // JSON-LD first, wherever its script stands; then the meta tags fill what it left empty.
  find_json_ld(root, m);
  std::string title_tag, time_tag;
  walk(root, m, title_tag, time_tag);
  if (m.title.empty()) m.title = title_tag;
  if (m.published.empty()) m.published = time_tag;
  m.language = std::string(attr(root, "lang"));
  return m;
}

}  // namespace quotewire::web
