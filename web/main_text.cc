#include "web/main_text.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>

#include "web/dom.h"

namespace quotewire::web {
namespace {

using dom::is;
using dom::name;

// Elements that are never article text, whatever they hold.
bool boilerplate_tag(std::string_view tag) {
  // Not <form>: some sites wrap the whole page in one; a search or login form holds too little
  // text to win.
  static constexpr std::array<std::string_view, 23> kTags = {
      "script", "style",  "noscript",   "template", "svg",   "canvas", "iframe", "object",
      "embed",  "button", "select",     "textarea", "input", "label",  "nav",    "footer",
      "aside",  "figure", "figcaption", "picture",  "video", "audio",  "menu"};
  return std::find(kTags.begin(), kTags.end(), tag) != kTags.end();
}

// Elements that start a paragraph of their own.
bool block_tag(std::string_view tag) {
  static constexpr std::array<std::string_view, 26> kTags = {
      "p",  "div", "section", "article", "main",  "blockquote", "pre",    "li",    "ul",
      "ol", "dl",  "dd",      "dt",      "table", "tbody",      "tr",     "td",    "th",
      "h1", "h2",  "h3",      "h4",      "h5",    "h6",         "header", "center"};
  return std::find(kTags.begin(), kTags.end(), tag) != kTags.end();
}

// Words of class and id names that mark boilerplate, and those that mark content. A name is
// cut into words at non-letters ("share-bar", "adContainer" is one word: "adcontainer").
bool negative_word(std::string_view w) {
  static constexpr std::array<std::string_view, 60> kWords = {
      "comment",    "comments",    "share",
      "sharing",    "social",      "related",
      "promo",      "promotion",   "advert",
      "ad",         "ads",         "advertisement",
      "sponsor",    "sponsored",   "sidebar",
      "footer",     "nav",         "navigation",
      "menu",       "breadcrumb",  "breadcrumbs",
      "newsletter", "subscribe",   "subscription",
      "signup",     "popup",       "modal",
      "cookie",     "cookies",     "banner",
      "caption",    "credit",      "credits",
      "byline",     "tags",        "tag",
      "widget",     "recommended", "recommendations",
      "trending",   "popular",     "outbrain",
      "taboola",    "paywall",     "disclaimer",
      "toolbar",    "print",       "skip",
      "hidden",     "sr",          "masthead",
      "topics",     "follow",      "rail",
      "dateline",   "timestamp",   "meta",
      "author",     "bio",         "more"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

bool positive_word(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kWords = {
      "article", "body", "content", "entry", "main",      "post",
      "story",   "text", "prose",   "blog",  "paragraph", "articlebody"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

// -1: its class or id says boilerplate; +1: content; 0: neither.
int class_hint(const xmlNode* n) {
  int negative = 0, positive = 0;
  for (std::string_view key : {std::string_view("class"), std::string_view("id")}) {
    const std::string_view value = dom::attr(n, key);
    std::string word;
    auto flush = [&] {
      if (word.empty()) return;
      if (negative_word(word)) ++negative;
      if (positive_word(word)) ++positive;
      word.clear();
    };
    for (const char c : value) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        word += static_cast<char>(c | 0x20);
      } else {
        flush();
      }
    }
    flush();
  }
  if (positive > 0) return 1;
  return negative > 0 ? -1 : 0;
}

bool hidden(const xmlNode* n) {
  if (dom::has_attr(n, "hidden") || dom::attr(n, "aria-hidden") == "true") return true;
  const std::string_view style = dom::attr(n, "style");
  return style.find("display:none") != std::string_view::npos ||
         style.find("display: none") != std::string_view::npos;
}

// A paragraph candidate: the inline text of one block element.
struct Unit {
  const xmlNode* block = nullptr;
  std::string text;
  size_t link_chars = 0;
  int depth = 0;
  bool heading = false;
};

// Per element: the score its paragraphs give it, and its text and link totals.
struct Stats {
  double score = 0;   // votes of the paragraphs in it and in its children
  double points = 0;  // the points of all good paragraphs anywhere below it
  size_t chars = 0;
  size_t link_chars = 0;
};

class Reader {
 public:
  std::vector<std::string> run(const xmlNode* body) {
    walk(body, nullptr, 0, false);
    score();
    return select();
  }

 private:
  void walk(const xmlNode* n, Unit* unit, int depth, bool in_link) {
    for (; n; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (!unit || !n->content) continue;
        const size_t before = unit->text.size();
        dom::append_collapsed(unit->text, reinterpret_cast<const char*>(n->content));
        if (in_link) unit->link_chars += unit->text.size() - before;
        continue;
      }
      if (n->type != XML_ELEMENT_NODE) continue;
      const std::string_view tag = name(n);
      if (boilerplate_tag(tag) || hidden(n) || (class_hint(n) < 0 && !holds_article(n))) continue;
      if (tag == "br") {
        if (unit) unit->text += ' ';
        continue;
      }
      if (block_tag(tag)) {
        const size_t index = units_.size();
        units_.push_back({n, {}, 0, depth + 1, tag.size() == 2 && tag[0] == 'h'});
        walk(n->children, nullptr, depth + 1, in_link);
        // Text directly in this block (between its inner blocks) is one paragraph.
        Unit& own = units_[index];
        own.text.clear();
        collect_inline(n->children, own, in_link);
        continue;
      }
      walk(n->children, unit, depth, in_link || tag == "a");
    }
  }

  // The text of `n`'s inline content (inner blocks left to their own units).
  void collect_inline(const xmlNode* n, Unit& unit, bool in_link) {
    for (; n; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (!n->content) continue;
        const size_t before = unit.text.size();
        dom::append_collapsed(unit.text, reinterpret_cast<const char*>(n->content));
        if (in_link) unit.link_chars += unit.text.size() - before;
        continue;
      }
      if (n->type != XML_ELEMENT_NODE) continue;
      const std::string_view tag = name(n);
      if (block_tag(tag) || boilerplate_tag(tag) || hidden(n) || class_hint(n) < 0) continue;
      if (tag == "br") {
        unit.text += ' ';
        continue;
      }
      collect_inline(n->children, unit, in_link || tag == "a");
    }
  }

  // Does a boilerplate-looking element hold the article anyway ("content-sidebar-wrap" around
  // the story)? Only a big one can: it must contain an <article> or several long paragraphs.
  bool holds_article(const xmlNode* n) const {
    size_t long_paragraphs = 0;
    return find_article(n->children, long_paragraphs);
  }
  bool find_article(const xmlNode* n, size_t& long_paragraphs) const {
    for (; n; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      if (is(n, "article")) return true;
      if (is(n, "p") && dom::text(n).size() > 200 && ++long_paragraphs >= 3) return true;
      if (find_article(n->children, long_paragraphs)) return true;
    }
    return false;
  }

  // Readability's idea: every paragraph of some length votes for the element it is in, and
  // half a vote for that element's parent; the element with the most votes, less the share of
  // its text in links, holds the article.
  void score() {
    for (Unit& u : units_) {
      u.text = std::string(dom::trim(u.text));
      const size_t chars = u.text.size();
      for (const xmlNode* up = u.block; up; up = up->parent) {
        Stats& s = stats_[up];
        s.chars += chars;
        s.link_chars += u.link_chars;
      }
      if (chars < 25 || u.heading) continue;
      const double links = static_cast<double>(u.link_chars) / static_cast<double>(chars);
      if (links > 0.5) continue;
      double points = 1 + static_cast<double>(std::count(u.text.begin(), u.text.end(), ','));
      points += std::min<double>(static_cast<double>(chars) / 100.0, 3.0);
      const xmlNode* parent = is(u.block, "p") || is(u.block, "li") ? u.block->parent : u.block;
      if (parent) stats_[parent].score += points;
      if (parent && parent->parent) stats_[parent->parent].score += points / 2;
      for (const xmlNode* up = u.block; up; up = up->parent) stats_[up].points += points;
    }
  }

  double final_score(const xmlNode* n) const {
    const auto it = stats_.find(n);
    if (it == stats_.end()) return 0;
    const Stats& s = it->second;
    const double links =
        s.chars ? static_cast<double>(s.link_chars) / static_cast<double>(s.chars) : 0;
    return s.score * (1 - links) * (class_hint(n) > 0 ? 1.25 : 1.0);
  }

  std::vector<std::string> select() {
    const xmlNode* top = nullptr;
    double best = 0;
    for (const auto& [node, s] : stats_) {
      const double f = final_score(node);
      if (f > best || (f == best && top && node < top)) {
        best = f;
        top = node;
      }
    }
    std::vector<std::string> out;
    if (!top) return out;
    // An article split into several blocks ("StoryBodyCompanionColumn", one <div> per
    // paragraph group) votes for one block: climb while the parent holds clearly more of the
    // good text and is not a page of links.
    const xmlNode* climbed = top;
    for (const xmlNode* up = top->parent; up && up->type == XML_ELEMENT_NODE; up = up->parent) {
      const Stats& at = stats_[up];
      const double links =
          at.chars ? static_cast<double>(at.link_chars) / static_cast<double>(at.chars) : 0;
      if (links > 0.35) break;
      // Wrappers that add nothing are passed through; one that adds a good share is taken.
      if (at.points >= stats_[climbed].points * 1.5) climbed = up;
    }
    if (climbed != top) {
      top = climbed;
      best = std::max(best, final_score(top));
    }
    // The article: the top element and those siblings that score well too.
    std::vector<const xmlNode*> chosen;
    const double threshold = std::max(10.0, best * 0.2);
    for (const xmlNode* s = top->parent ? top->parent->children : top; s; s = s->next) {
      if (s == top || (s->type == XML_ELEMENT_NODE && final_score(s) >= threshold)) {
        chosen.push_back(s);
      }
    }
    auto inside = [&](const xmlNode* n) {
      for (; n; n = n->parent) {
        if (std::find(chosen.begin(), chosen.end(), n) != chosen.end()) return true;
      }
      return false;
    };
    for (const Unit& u : units_) {
      // The headline is the title, not the text.
      if (u.text.empty() || is(u.block, "h1") || !inside(u.block)) continue;
      const double links = static_cast<double>(u.link_chars) / static_cast<double>(u.text.size());
      if (links > 0.5) continue;
      out.push_back(u.text);
    }
    return out;
  }

  std::vector<Unit> units_;
  std::unordered_map<const xmlNode*, Stats> stats_;
};

}  // namespace

std::vector<std::string> main_text(const xmlNode* body) {
  if (!body) return {};
  return Reader().run(body->children);
}

}  // namespace quotewire::web
