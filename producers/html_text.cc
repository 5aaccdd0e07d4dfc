#include "producers/html_text.h"

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <array>
#include <memory>

#include "producers/xml_errors.h"

namespace quotewire::producers {
namespace {

bool named(const xmlNode* node, std::string_view name) {
  return node->name && std::string_view(reinterpret_cast<const char*>(node->name)) == name;
}

bool is_block(const xmlNode* node) {
  static constexpr std::array<std::string_view, 24> kBlocks = {
      "p",  "div",    "section",    "article", "blockquote", "li",    "ul",  "ol",
      "h1", "h2",     "h3",         "h4",      "h5",         "h6",    "pre", "table",
      "tr", "figure", "figcaption", "header",  "footer",     "aside", "dd",  "dt"};
  for (auto name : kBlocks) {
    if (named(node, name)) return true;
  }
  return false;
}

bool is_hidden(const xmlNode* node) {
  return named(node, "script") || named(node, "style") || named(node, "noscript") ||
         named(node, "iframe") || named(node, "template");
}

// Accumulates text with collapsed whitespace and at most one blank line between paragraphs.
// Text without markup keeps its blank lines as paragraph breaks (that is how feeds write plain
// text); in HTML only the elements make paragraphs.
class TextBuilder {
 public:
  explicit TextBuilder(bool blank_lines_are_paragraphs = false)
      : blank_lines_are_paragraphs_(blank_lines_are_paragraphs) {}

  void text(std::string_view s) {
    int newlines = 0;  // in the current run of whitespace
    for (size_t i = 0; i < s.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      // U+00A0 (&nbsp;) is a space to the extractor.
      if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        ++i;
        space();
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        if (c == '\n' && ++newlines == 2 && blank_lines_are_paragraphs_) paragraph_break();
        space();
      } else {
        newlines = 0;
        flush_pending();
        out_ += static_cast<char>(c);
      }
    }
  }
  void line_break() { breaks_ = std::max(breaks_, 1); }
  void paragraph_break() { breaks_ = 2; }

  std::string finish() { return std::move(out_); }

 private:
  void space() {
    if (!out_.empty() && breaks_ == 0) pending_space_ = true;
  }
  void flush_pending() {
    if (out_.empty()) {
      breaks_ = 0;
      pending_space_ = false;
      return;
    }
    if (breaks_ > 0) {
      out_.append(static_cast<size_t>(breaks_), '\n');
    } else if (pending_space_) {
      out_ += ' ';
    }
    breaks_ = 0;
    pending_space_ = false;
  }

  bool blank_lines_are_paragraphs_;
  std::string out_;
  int breaks_ = 0;
  bool pending_space_ = false;
};

void walk(const xmlNode* node, TextBuilder& out) {
  for (; node; node = node->next) {
    switch (node->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (node->content) out.text(reinterpret_cast<const char*>(node->content));
        break;
      case XML_ENTITY_REF_NODE:  // an entity the document declared: its parsed content
        walk(node->children, out);
        break;
      case XML_ELEMENT_NODE:
        if (is_hidden(node)) break;
        if (named(node, "br")) {
          out.line_break();
          break;
        }
        if (is_block(node)) out.paragraph_break();
        walk(node->children, out);
        if (is_block(node)) out.paragraph_break();
        break;
      default:
        break;
    }
  }
}

}  // namespace

std::string node_to_text(const xmlNode* node) {
  TextBuilder out;
  walk(node, out);
  return out.finish();
}

std::string plain_text(std::string_view text) {
  TextBuilder out(true);
  out.text(text);
  return out.finish();
}

std::string html_to_text(std::string_view html) {
  const bool has_tags = html.find('<') != std::string_view::npos;
  if (!has_tags && html.find('&') == std::string_view::npos) return plain_text(html);
  // Feeds' HTML is fragments in unknown shape; errors are expected and not worth reporting.
  SilencedXmlErrors silence;
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                         HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED),
      &xmlFreeDoc);
  if (!doc) return {};
  TextBuilder out(!has_tags);
  walk(doc->children, out);
  return out.finish();
}

}  // namespace quotewire::producers
