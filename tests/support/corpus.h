#pragma once
// Test corpora made from the bundled samples: n articles with distinct ids and fixed dates,
// so two runs over the same corpus must give identical aggregates.

#include <filesystem>
#include <string>
#include <vector>

#include "proto/quotewire.pb.h"

namespace quotewire::testing {

std::vector<pb::Article> sample_corpus(size_t n);
void write_jsonl(const std::vector<pb::Article>& articles, const std::filesystem::path& path);

}  // namespace quotewire::testing
