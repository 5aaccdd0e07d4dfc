#pragma once
// Small helpers over libxml2's HTML tree: names, attributes and text without allocation where
// it matters (every element of a 200 KB page is visited).

#include <libxml/tree.h>

#include <string>
#include <string_view>

namespace quotewire::web::dom {

inline std::string_view name(const xmlNode* n) {
  return n && n->name ? std::string_view(reinterpret_cast<const char*>(n->name))
                      : std::string_view();
}

inline bool is(const xmlNode* n, std::string_view tag) {
  return n->type == XML_ELEMENT_NODE && name(n) == tag;
}

// The value of attribute `key`, or empty (an attribute's value is its one text child).
inline std::string_view attr(const xmlNode* n, std::string_view key) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (a->name && std::string_view(reinterpret_cast<const char*>(a->name)) == key) {
      return a->children && a->children->content
                 ? std::string_view(reinterpret_cast<const char*>(a->children->content))
                 : std::string_view();
    }
  }
  return {};
}

inline bool has_attr(const xmlNode* n, std::string_view key) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (a->name && std::string_view(reinterpret_cast<const char*>(a->name)) == key) return true;
  }
  return false;
}

// All text below `n`, whitespace collapsed.
std::string text(const xmlNode* n);

// Appends `raw` with runs of whitespace (&nbsp; included) collapsed to one space.
void append_collapsed(std::string& out, std::string_view raw);

// `s` without leading and trailing spaces.
std::string_view trim(std::string_view s);

}  // namespace quotewire::web::dom
