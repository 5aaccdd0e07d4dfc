#pragma once
// The article's main text in a parsed page: paragraphs scored by length and commas vote for the
// element they are in (and half for its parent); the element with most votes, less the share
// of its text in links, and those of its siblings that score well too, hold the article. Before
// that, what is never article text goes: scripts, forms, navigation, asides, figures and their
// captions, hidden elements, and elements whose class or id says share bar, related links,
// comments, ads, newsletter and the like. General rules, no site's markup.

#include <libxml/tree.h>

#include <string>
#include <vector>

namespace quotewire::web {

// The paragraphs of the article below `body`, in reading order.
std::vector<std::string> main_text(const xmlNode* body);

}  // namespace quotewire::web
