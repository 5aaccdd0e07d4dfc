#include "web/dom.h"

namespace quotewire::web::dom {

void append_collapsed(std::string& out, std::string_view raw) {
  bool space = !out.empty() && out.back() == ' ';
  for (size_t i = 0; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    const bool nbsp =
        c == 0xC2 && i + 1 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0xA0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || nbsp) {
      if (nbsp) ++i;
      if (!space && !out.empty()) {
        out += ' ';
        space = true;
      }
      continue;
    }
    out += static_cast<char>(c);
    space = false;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

namespace {
void collect(const xmlNode* n, std::string& out) {
  for (; n; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) append_collapsed(out, reinterpret_cast<const char*>(n->content));
    } else if (n->type == XML_ELEMENT_NODE && !is(n, "script") && !is(n, "style")) {
      collect(n->children, out);
    }
  }
}
}  // namespace

std::string text(const xmlNode* n) {
  std::string out;
  if (n) collect(n->children, out);
  return std::string(trim(out));
}

}  // namespace quotewire::web::dom
