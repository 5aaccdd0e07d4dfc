#pragma once
// Several sources as one: files and feed URLs given together to `publish` or `run`. Articles are
// taken from each in turn; acknowledgements go back to the source that gave the article,
// under that source's own ordinal.

#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "producers/article_source.h"

namespace quotewire::producers {

class MergedSource : public ArticleSource {
 public:
  explicit MergedSource(std::vector<std::unique_ptr<ArticleSource>> sources);

  std::optional<pb::Article> next() override;
  bool exhausted() const override;
  bool live() const override;
  void acknowledged(uint64_t ordinal) override;
  void sync(bool final) override;
  void export_to(metrics::Exposition& out) const override;
  void status_to(nlohmann::json& out) const override;

 private:
  struct Part {
    std::unique_ptr<ArticleSource> source;
    uint64_t handed_out = 0;  // the source's next ordinal
  };
  std::vector<Part> parts_;
  size_t turn_ = 0;
  std::unordered_map<uint64_t, std::pair<size_t, uint64_t>> origin_;  // ordinal → part, its own
  uint64_t handed_out_ = 0;
};

}  // namespace quotewire::producers
