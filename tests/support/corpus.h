#pragma once
// Test corpora made from the bundled samples: n articles with distinct ids and fixed dates,
// so two runs over the same corpus must give identical aggregates.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "producers/article_source.h"
#include "proto/quotewire.pb.h"

namespace quotewire::testing {

std::vector<pb::Article> sample_corpus(size_t n);
void write_jsonl(const std::vector<pb::Article>& articles, const std::filesystem::path& path);

// The articles given, in order, optionally paced so that a run lasts long enough to be watched.
class CorpusSource : public producers::ArticleSource {
 public:
  explicit CorpusSource(std::vector<pb::Article> articles, std::chrono::microseconds pause = {})
      : articles_(std::move(articles)), pause_(pause) {}
  std::optional<pb::Article> next() override;

 private:
  std::vector<pb::Article> articles_;
  std::chrono::microseconds pause_;
  size_t i_ = 0;
};

}  // namespace quotewire::testing
