// The samples give the same who-said-what read as text or as an HTML page made from them, with
// a site's usual furniture around the story (issue 17).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "extract/extractor.h"
#include "web/page.h"

namespace quotewire::web {
namespace {

namespace fs = std::filesystem;

std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

// The body of a sample (header lines such as "Title:" dropped) and the same as a page.
struct Sample {
  std::string name;
  std::string body;
  std::string html;
};

std::vector<std::string> paragraphs_of(const std::string& body) {
  std::vector<std::string> out;
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

Sample make(const std::string& name, const std::string& title, const std::string& body) {
  Sample s{name, body, {}};
  s.html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
           escape(title) +
           "</title></head><body><header><nav><a href=\"/\">Home</a> <a "
           "href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav></header><main><article>"
           "<h1>" +
           escape(title) + "</h1><div class=\"share\"><a href=\"#\">Share</a></div>";
  for (const std::string& p : paragraphs_of(body)) s.html += "<p>" + escape(p) + "</p>";
  s.html +=
      "</article><aside class=\"related\"><h2>More news</h2><ul><li><a href=\"/x\">Ferry "
      "strike ends after a week of talks in Split</a></li></ul></aside></main><footer>"
      "<p>All rights reserved by the publisher and its partners, 2025.</p></footer>"
      "</body></html>";
  return s;
}

std::vector<Sample> samples() {
  std::vector<Sample> out;
  for (const auto& entry : fs::directory_iterator(fs::path(QUOTEWIRE_SOURCE_DIR) / "samples")) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (entry.path().extension() == ".jsonl") {
      std::istringstream lines(text);
      for (std::string line; std::getline(lines, line);) {
        const auto article = nlohmann::json::parse(line);
        out.push_back(make(article["id"], article["title"], article["body"]));
      }
      continue;
    }
    // Header lines, a blank line, then the body; files without headers are all body.
    std::string title, body = text;
    if (const size_t blank = text.find("\n\n");
        blank != std::string::npos && text.find(':') < blank && text.rfind("Title:", 0) == 0) {
      title = text.substr(7, text.find('\n') - 7);
      body = text.substr(blank + 2);
    }
    out.push_back(make(entry.path().filename().string(), title, body));
  }
  return out;
}

TEST(SamplesAsPages, SameStatementsFromTextAndFromThePage) {
  const auto& extractor = extract::Extractor::shared();
  const auto all = samples();
  ASSERT_GE(all.size(), 5u);
  for (const Sample& s : all) {
    const PageArticle page = read_page(s.html);
    EXPECT_EQ(page.paragraphs, paragraphs_of(s.body)) << s.name;
    const auto from_text = extractor.extract(s.body);
    const auto from_page = extractor.extract(page.body());
    ASSERT_EQ(from_text.quotes.size(), from_page.quotes.size()) << s.name;
    for (size_t k = 0; k < from_text.quotes.size(); ++k) {
      EXPECT_EQ(from_text.quotes[k].text, from_page.quotes[k].text) << s.name;
      ASSERT_EQ(bool(from_text.quotes[k].speaker), bool(from_page.quotes[k].speaker));
      if (from_text.quotes[k].speaker) {
        EXPECT_EQ(from_text.quotes[k].speaker->name, from_page.quotes[k].speaker->name) << s.name;
      }
    }
  }
}

}  // namespace
}  // namespace quotewire::web
