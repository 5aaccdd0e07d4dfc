#pragma once
// Feed descriptions and content are HTML (escaped or in CDATA); the extractor wants plain text
// with its paragraphs: block elements become blank-line breaks, <br> a line break, entities are
// decoded, scripts and styles dropped, runs of whitespace collapsed.

#include <libxml/tree.h>

#include <string>
#include <string_view>

namespace quotewire::producers {

// Parses an HTML fragment leniently (tag soup is normal in feeds) and returns its text.
std::string html_to_text(std::string_view html);

// Text declared as plain (Atom type="text"): whitespace collapsed, blank lines kept as
// paragraph breaks, nothing parsed as markup.
std::string plain_text(std::string_view text);

// The text of already parsed nodes (a node and its following siblings, with descendants), as
// for Atom's type="xhtml" content.
std::string node_to_text(const xmlNode* node);

}  // namespace quotewire::producers
