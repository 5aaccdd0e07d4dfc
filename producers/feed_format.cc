#include "producers/feed_format.h"

#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <new>

#include "producers/article_id.h"
#include "producers/dates.h"
#include "producers/html_text.h"
#include "producers/xml_errors.h"

namespace quotewire::producers {
namespace {

// Where an element's name comes from. RSS has no namespace (RSS 1.0 has its own, treated the
// same); Atom has one, but sloppy feeds leave it out, so Atom documents accept `core` too.
enum class Vocab { core, atom, dc, content, sitemap, news };

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kSitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
constexpr std::string_view kNewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

std::string_view str(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

Vocab vocab_of(const xmlNode* node) {
  const std::string_view ns = node->ns ? str(node->ns->href) : std::string_view();
  if (ns == kAtomNs) return Vocab::atom;
  if (ns == kDcNs) return Vocab::dc;
  if (ns == kContentNs) return Vocab::content;
  if (ns == kSitemapNs) return Vocab::sitemap;
  if (ns == kNewsNs) return Vocab::news;
  return Vocab::core;
}

bool is(const xmlNode* node, std::string_view name, std::initializer_list<Vocab> vocabs) {
  return node->type == XML_ELEMENT_NODE && str(node->name) == name &&
         std::find(vocabs.begin(), vocabs.end(), vocab_of(node)) != vocabs.end();
}

std::vector<const xmlNode*> children(const xmlNode* parent, std::string_view name,
                                     std::initializer_list<Vocab> vocabs) {
  std::vector<const xmlNode*> out;
  if (!parent) return out;
  for (const xmlNode* n = parent->children; n; n = n->next) {
    if (is(n, name, vocabs)) out.push_back(n);
  }
  return out;
}

const xmlNode* child(const xmlNode* parent, std::string_view name,
                     std::initializer_list<Vocab> vocabs) {
  auto found = children(parent, name, vocabs);
  return found.empty() ? nullptr : found.front();
}

std::string attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out(str(value));
  xmlFree(value);
  return out;
}

// The element's character data: text, CDATA and the HTML entities XML left unexpanded.
void gather_text(const xmlNode* node, std::string& out) {
  for (const xmlNode* n = node->children; n; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      out += str(n->content);
    } else if (n->type == XML_ELEMENT_NODE || n->type == XML_ENTITY_REF_NODE) {
      gather_text(n, out);
    }
  }
}

std::string field(const xmlNode* node) {
  std::string out;
  if (node) gather_text(node, out);
  const auto begin = out.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  const auto end = out.find_last_not_of(" \t\r\n");
  return out.substr(begin, end - begin + 1);
}

bool has_element_children(const xmlNode* node) {
  for (const xmlNode* n = node->children; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

// RSS text that may carry HTML, escaped or in CDATA, or (sloppy feeds) as unescaped elements.
std::string rss_text(const xmlNode* node) {
  if (!node) return {};
  if (has_element_children(node)) return node_to_text(node->children);
  return html_to_text(field(node));
}

// An Atom text construct: type="text" (default), "html" or "xhtml".
std::string atom_text(const xmlNode* node) {
  if (!node) return {};
  const std::string type = attribute(node, "type");
  if (type == "xhtml") return node_to_text(node->children);
  if (type == "html" || type == "text/html") return html_to_text(field(node));
  return plain_text(field(node));
}

// `link` resolved against `base` (relative links are common in hand-made feeds).
std::string resolve(const std::string& link, const std::string& base) {
  if (link.empty() || base.empty()) return link;
  xmlChar* resolved = xmlBuildURI(reinterpret_cast<const xmlChar*>(link.c_str()),
                                  reinterpret_cast<const xmlChar*>(base.c_str()));
  std::string out = resolved ? std::string(str(resolved)) : link;
  xmlFree(resolved);
  return out;
}

// The base an element's relative links resolve against: its xml:base, else the feed's link.
std::string base_of(const xmlNode* node, const std::string& feed_link) {
  xmlChar* base = xmlNodeGetBase(node->doc, node);
  std::string out(str(base));
  xmlFree(base);
  if (out.empty()) return feed_link;
  return resolve(out, feed_link);
}

// Feed guids like "12345" are only unique within their feed: scope them by the feed, so two
// outlets' item 12345 stay two articles. URLs, URNs and tag: URIs are global already.
std::string article_id_for(const std::string& guid, const std::string& feed_key) {
  if (guid.empty()) return {};
  const bool global =
      guid.find("://") != std::string::npos || guid.starts_with("urn:") || guid.starts_with("tag:");
  if (global || feed_key.empty()) return guid;
  return feed_key + "#" + guid;
}

void set_date(pb::Article& article, const std::string& text) {
  if (text.empty()) return;
  if (auto ms = parse_date(text)) {
    article.set_published_unix_ms(*ms);
  } else {
    (*article.mutable_metadata())["unparsed_date"] = text;
  }
}

// RSS <author> is "email (Name)" by the spec; the name is what the extractor wants.
std::string rss_author(const std::string& author) {
  const auto open = author.find('(');
  const auto close = author.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open + 1) {
    return author.substr(open + 1, close - open - 1);
  }
  return author;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

struct FeedInfo {
  std::string title;  // the outlet, as the feed names itself
  std::string link;   // the site; relative item links resolve against it
  std::string language;
};

pb::Article rss_item(const xmlNode* item, const FeedInfo& feed, FeedItemInfo& info) {
  pb::Article a;
  a.set_title(rss_text(child(item, "title", {Vocab::core})));
  const std::string base = base_of(item, feed.link);
  std::string link = field(child(item, "link", {Vocab::core}));
  const xmlNode* guid = child(item, "guid", {Vocab::core});
  const std::string guid_text = field(guid);
  // A permalink guid is the article's URL when the item has no link.
  if (link.empty() && guid && attribute(guid, "isPermaLink") != "false") link = guid_text;
  a.set_url(resolve(link, base));
  a.set_article_id(article_id_for(guid_text, feed.link.empty() ? feed.title : feed.link));

  const xmlNode* body = child(item, "encoded", {Vocab::content});
  info.full_text = body && !field(body).empty();
  if (!info.full_text) body = child(item, "description", {Vocab::core});
  a.set_body(rss_text(body));

  std::vector<std::string> authors;
  for (const auto* creator : children(item, "creator", {Vocab::dc})) {
    authors.push_back(field(creator));
  }
  if (authors.empty()) authors.push_back(rss_author(field(child(item, "author", {Vocab::core}))));
  a.set_byline(join(authors));

  std::string date = field(child(item, "pubDate", {Vocab::core}));
  if (date.empty()) date = field(child(item, "date", {Vocab::dc}));
  set_date(a, date);
  return a;
}

std::string atom_link(const xmlNode* parent) {
  std::string fallback;
  for (const auto* link : children(parent, "link", {Vocab::atom, Vocab::core})) {
    const std::string rel = attribute(link, "rel");
    if (rel.empty() || rel == "alternate") {
      return resolve(attribute(link, "href"), base_of(link, ""));
    }
    if (fallback.empty() && rel != "self" && rel != "enclosure") {
      fallback = resolve(attribute(link, "href"), base_of(link, ""));
    }
  }
  return fallback;
}

pb::Article atom_entry(const xmlNode* entry, const FeedInfo& feed, FeedItemInfo& info) {
  const auto atom = {Vocab::atom, Vocab::core};
  pb::Article a;
  a.set_title(atom_text(child(entry, "title", atom)));
  std::string link = atom_link(entry);
  a.set_url(link.empty() ? link : resolve(link, feed.link));
  a.set_article_id(article_id_for(field(child(entry, "id", atom)), feed.link));

  const xmlNode* body = child(entry, "content", atom);
  info.full_text = body && !(attribute(body, "src").size() && !has_element_children(body));
  if (!info.full_text) body = child(entry, "summary", atom);
  a.set_body(atom_text(body));
  info.updated = field(child(entry, "updated", atom));

  std::vector<std::string> authors;
  for (const auto* author : children(entry, "author", atom)) {
    authors.push_back(field(child(author, "name", atom)));
  }
  a.set_byline(join(authors));

  std::string date = field(child(entry, "published", atom));
  if (date.empty()) date = field(child(entry, "updated", atom));
  set_date(a, date);
  return a;
}

// A news sitemap's <url>: the page is the article; the sitemap knows its title and date.
pb::Article sitemap_url(const xmlNode* url, FeedItemInfo& info) {
  const auto sitemap = {Vocab::sitemap, Vocab::core};
  const auto news_vocab = {Vocab::news};
  const xmlNode* news = child(url, "news", news_vocab);
  const xmlNode* publication = child(news, "publication", news_vocab);
  pb::Article a;
  a.set_url(field(child(url, "loc", sitemap)));
  a.set_title(plain_text(field(child(news, "title", news_vocab))));
  a.set_source(field(child(publication, "name", news_vocab)));
  a.set_language(field(child(publication, "language", news_vocab)));
  set_date(a, field(child(news, "publication_date", news_vocab)));
  info.updated = field(child(url, "lastmod", sitemap));
  return a;
}

// HTML's named entities (&nbsp;, &eacute;) are common in feeds that never declare them, and XML
// would drop them as errors. Offered to the parser as predefined entities, they decode like
// the HTML they come from. Made once, shared by all parsers (never freed: about 250 small).
xmlEntityPtr get_entity(void* context, const xmlChar* name) {
  if (xmlEntityPtr declared = xmlSAX2GetEntity(context, name)) return declared;
  const htmlEntityDesc* html = htmlEntityLookup(name);
  if (!html) return nullptr;
  static std::mutex mutex;
  // On the heap and never destroyed: the entities must outlive every parser, up to exit.
  static auto* entities = new std::map<std::string, xmlEntityPtr, std::less<>>();
  std::lock_guard lock(mutex);
  auto& entity = (*entities)[std::string(str(name))];
  if (!entity) {
    xmlChar utf8[8] = {};
    xmlCopyCharMultiByte(utf8, static_cast<int>(html->value));
    entity = xmlNewEntity(nullptr, name, XML_INTERNAL_PREDEFINED_ENTITY, nullptr, nullptr, utf8);
  }
  return entity;
}

}  // namespace

bool looks_like_feed(std::string_view content) {
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  const auto start = content.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  content.remove_prefix(start);
  return content.starts_with("<?xml") || content.starts_with("<rss") ||
         content.starts_with("<feed") || content.starts_with("<rdf:RDF") ||
         content.starts_with("<urlset") || content.starts_with("<sitemapindex");
}

ParsedFeed parse_feed(std::string_view xml) {
  ParsedFeed out;
  XmlErrors errors;
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> parser(xmlNewParserCtxt(),
                                                                      &xmlFreeParserCtxt);
  if (!parser) throw std::bad_alloc();
  parser->sax->getEntity = &get_entity;
  // RECOVER keeps what can be kept of a broken feed. No NOENT and NONET: a feed never makes us
  // read a file or fetch anything (external entities stay unexpanded).
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlCtxtReadMemory(parser.get(), xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                        XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA |
                            XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING),
      &xmlFreeDoc);
  for (const auto& e : errors.errors()) out.errors.push_back({e.line, e.message});

  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) {
    if (out.errors.empty()) out.errors.push_back({0, "not an XML document"});
    return out;
  }
  std::vector<const xmlNode*> items;
  enum class Kind { rss, atom, sitemap } kind = Kind::rss;
  FeedInfo feed;
  const std::string_view root_name = str(root->name);
  const auto sitemap = {Vocab::sitemap, Vocab::core};
  if (root_name == "sitemapindex") {
    for (const auto* entry : children(root, "sitemap", sitemap)) {
      if (auto loc = field(child(entry, "loc", sitemap)); !loc.empty()) {
        out.sitemaps.push_back(std::move(loc));
      }
    }
    return out;
  }
  if (root_name == "urlset") {
    kind = Kind::sitemap;
    // Only news URLs: a site's full sitemap lists every page it has, articles or not.
    for (const auto* url : children(root, "url", sitemap)) {
      if (child(url, "news", {Vocab::news})) items.push_back(url);
    }
  } else if (root_name == "feed") {
    kind = Kind::atom;
    const auto vocab = {Vocab::atom, Vocab::core};
    feed.title = atom_text(child(root, "title", vocab));
    feed.link = atom_link(root);
    items = children(root, "entry", vocab);
  } else if (root_name == "rss" || root_name == "RDF") {
    const xmlNode* channel = child(root, "channel", {Vocab::core});
    feed.title = rss_text(child(channel, "title", {Vocab::core}));
    feed.link = field(child(channel, "link", {Vocab::core}));
    if (const std::string ttl = field(child(channel, "ttl", {Vocab::core})); !ttl.empty()) {
      out.ttl_ms = std::max(0L, std::atol(ttl.c_str())) * 60'000;
    }
    feed.language = field(child(channel, "language", {Vocab::core}));
    if (feed.language.empty()) feed.language = field(child(channel, "language", {Vocab::dc}));
    items = children(channel, "item", {Vocab::core});
    auto rdf_items = children(root, "item", {Vocab::core});  // RSS 1.0: beside the channel
    items.insert(items.end(), rdf_items.begin(), rdf_items.end());
  } else {
    out.errors.push_back(
        {0, fmt::format("not an RSS or Atom feed nor a sitemap (the root element is <{}>)",
                        root_name)});
    return out;
  }
  if (feed.language.empty()) {
    xmlChar* lang = xmlNodeGetLang(root);
    feed.language = str(lang);
    xmlFree(lang);
  }

  // An item that an error falls into (from its first line up to the next item's) is left out.
  std::vector<long> starts;
  for (const auto* item : items) starts.push_back(xmlGetLineNo(item));
  auto damaged = [&](size_t i) {
    for (const auto& e : out.errors) {
      const bool after_start = e.line >= starts[i];
      const bool before_next = i + 1 == items.size() || e.line < starts[i + 1];
      if (after_start && before_next) return true;
    }
    return false;
  };
  for (size_t i = 0; i < items.size(); ++i) {
    if (damaged(i)) continue;
    FeedItemInfo info;
    pb::Article article = kind == Kind::atom      ? atom_entry(items[i], feed, info)
                          : kind == Kind::sitemap ? sitemap_url(items[i], info)
                                                  : rss_item(items[i], feed, info);
    if (!feed.title.empty()) article.set_source(feed.title);
    if (!feed.language.empty()) article.set_language(feed.language);
    ensure_article_id(article);
    out.articles.push_back(std::move(article));
    out.items.push_back(std::move(info));
  }
  return out;
}

}  // namespace quotewire::producers
