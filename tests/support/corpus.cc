#include "tests/support/corpus.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "producers/article_formats.h"
#include "tests/support/process.h"

namespace quotewire::testing {

std::vector<pb::Article> sample_corpus(size_t n) {
  std::vector<pb::Article> samples;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(QUOTEWIRE_SOURCE_DIR "/samples")) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) samples.push_back(producers::parse_text_article(read_file(file)));
  std::vector<pb::Article> out;
  for (size_t i = 0; i < n; ++i) {
    pb::Article a = samples[i % samples.size()];
    a.set_article_id("corpus-" + std::to_string(i));
    a.set_published_unix_ms(1735689600000 + static_cast<int64_t>(i) * 60000);
    out.push_back(std::move(a));
  }
  return out;
}

void write_jsonl(const std::vector<pb::Article>& articles, const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary);
  for (const auto& a : articles) {
    out << nlohmann::json{{"id", a.article_id()},
                          {"title", a.title()},
                          {"source", a.source()},
                          {"url", a.url()},
                          {"published", std::to_string(a.published_unix_ms())},
                          {"body", a.body()}}
               .dump()
        << '\n';
  }
}

std::optional<pb::Article> CorpusSource::next() {
  if (i_ >= articles_.size()) return std::nullopt;
  if (pause_.count()) std::this_thread::sleep_for(pause_);
  return articles_[i_++];
}

}  // namespace quotewire::testing
