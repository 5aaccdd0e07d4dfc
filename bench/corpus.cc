#include "bench/corpus.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <random>
#include <stdexcept>
#include <string>

#include "bench_samples.h"  // generated: samples/*.txt
#include "producers/article_formats.h"
#include "producers/article_id.h"
#include "producers/article_source.h"

namespace quotewire::bench {
namespace {

std::vector<std::string> paragraphs(const std::string& body) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find("\n\n", pos);
    if (end == std::string::npos) end = body.size();
    if (end > pos) out.push_back(body.substr(pos, end - pos));
    pos = end + 2;
  }
  return out;
}

}  // namespace

std::vector<pb::Article> generate_corpus(size_t n, uint32_t seed) {
  std::vector<pb::Article> stories;
  for (const auto& file : samples::embedded_files()) {
    stories.push_back(producers::parse_text_article(file.contents));
  }
  std::mt19937 random(seed);
  std::vector<pb::Article> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    pb::Article a = stories[random() % stories.size()];
    // Half the articles carry a few paragraphs of a second story: lengths and mixes vary.
    if (random() % 2) {
      const auto extra = paragraphs(stories[random() % stories.size()].body());
      const size_t from = random() % extra.size();
      const size_t count = 1 + random() % 3;
      std::string body = a.body();
      for (size_t k = from; k < extra.size() && k < from + count; ++k) body += "\n\n" + extra[k];
      a.set_body(std::move(body));
    }
    // Ids as a producer makes them from a URL: hashes, which land at random places in the
    // sink's index (sequential ids would flatter it).
    a.set_url(fmt::format("https://news.example/{}/{}", seed, i));
    a.clear_article_id();
    producers::ensure_article_id(a);
    a.set_published_unix_ms(1735689600000 + static_cast<int64_t>(i) * 1000);
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<pb::Article> load_corpus(const std::string& path, size_t n, size_t& distinct) {
  size_t errors = 0;
  producers::FileSource source({path}, [&](const producers::InputError& e) {
    ++errors;
    spdlog::warn("bench: {}: {}", e.where, e.reason);
  });
  std::vector<pb::Article> out;
  while (true) {
    if (auto article = source.next()) {
      out.push_back(std::move(*article));
    } else if (source.exhausted()) {
      break;
    }
  }
  if (out.empty()) {
    throw std::runtime_error(
        fmt::format("{}: no articles to measure ({} unreadable)", path, errors));
  }
  if (out.size() > n) out.resize(n);
  distinct = out.size();
  for (size_t i = distinct; i < n; ++i) {
    pb::Article copy = out[i % distinct];
    copy.set_url(fmt::format("{}#bench-copy-{}", copy.url(), i));
    copy.clear_article_id();
    producers::ensure_article_id(copy);
    out.push_back(std::move(copy));
  }
  return out;
}

}  // namespace quotewire::bench
