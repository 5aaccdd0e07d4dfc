#include "producers/merged_source.h"

#include <algorithm>

namespace quotewire::producers {

MergedSource::MergedSource(std::vector<std::unique_ptr<ArticleSource>> sources) {
  for (auto& source : sources) parts_.push_back({std::move(source)});
}

std::optional<pb::Article> MergedSource::next() {
  for (size_t tried = 0; tried < parts_.size(); ++tried) {
    const size_t index = (turn_ + tried) % parts_.size();
    Part& part = parts_[index];
    if (auto article = part.source->next()) {
      turn_ = index + 1;  // the next one's turn: one busy source does not starve the others
      origin_.emplace(handed_out_++, std::make_pair(index, part.handed_out++));
      return article;
    }
  }
  return std::nullopt;
}

bool MergedSource::exhausted() const {
  return std::all_of(parts_.begin(), parts_.end(),
                     [](const Part& part) { return part.source->exhausted(); });
}

bool MergedSource::live() const {
  return std::any_of(parts_.begin(), parts_.end(),
                     [](const Part& part) { return part.source->live(); });
}

void MergedSource::acknowledged(uint64_t ordinal) {
  auto node = origin_.extract(ordinal);
  if (node.empty()) return;
  const auto [index, own] = node.mapped();
  parts_[index].source->acknowledged(own);
}

void MergedSource::sync(bool final) {
  for (auto& part : parts_) part.source->sync(final);
}

void MergedSource::status_to(nlohmann::json& out) const {
  for (const auto& part : parts_) part.source->status_to(out);
}

void MergedSource::export_to(metrics::Exposition& out) const {
  for (const auto& part : parts_) part.source->export_to(out);
}

}  // namespace quotewire::producers
