#include "web/page.h"

#include <libxml/HTMLparser.h>

#include <memory>

#include "web/charset.h"
#include "web/dom.h"
#include "web/main_text.h"
#include "web/metadata.h"

namespace quotewire::web {
namespace {

const xmlNode* find_body(const xmlNode* n) {
  for (; n; n = n->next) {
    if (dom::is(n, "body")) return n;
    if (const xmlNode* found = find_body(n->children)) return found;
  }
  return nullptr;
}

}  // namespace

std::string PageArticle::body() const {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

bool looks_like_html(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  size_t i = 0;
  while (i < bytes.size() && i < 1024 &&
         (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
    ++i;
  }
  if (i >= bytes.size() || bytes[i] != '<') return false;
  std::string head;
  for (size_t k = i; k < bytes.size() && k < i + 1024; ++k) {
    head += static_cast<char>(bytes[k] >= 'A' && bytes[k] <= 'Z' ? bytes[k] | 0x20 : bytes[k]);
  }
  return head.rfind("<!doctype html", 0) == 0 || head.find("<html") != std::string::npos ||
         head.find("<head") != std::string::npos || head.find("<body") != std::string::npos;
}

PageArticle read_page(std::string_view bytes, const PageOptions& options) {
  if (bytes.size() > options.max_bytes) {
    throw NotAPage("page of " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                   std::to_string(options.max_bytes));
  }
  if (bytes.substr(0, 1024).find('\0') != std::string_view::npos &&
      bytes.substr(0, 2) != "\xFF\xFE" && bytes.substr(0, 2) != "\xFE\xFF") {
    throw NotAPage("binary content, not a page");
  }
  const std::string utf8 = to_utf8(bytes, page_charset(bytes, options.content_type));
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), options.url.c_str(), "UTF-8",
                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                         HTML_PARSE_NONET | HTML_PARSE_COMPACT),
      xmlFreeDoc);
  if (!doc) throw NotAPage("no HTML could be read");
  PageMetadata meta = read_metadata(doc.get());
  PageArticle out;
  out.paragraphs = main_text(find_body(xmlDocGetRootElement(doc.get())));
  out.title = std::move(meta.title);
  out.url = meta.url.empty() ? options.url : std::move(meta.url);
  out.published = std::move(meta.published);
  out.authors = std::move(meta.authors);
  out.site = std::move(meta.site);
  out.language = std::move(meta.language);
  return out;
}

}  // namespace quotewire::web
