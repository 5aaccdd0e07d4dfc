// Extraction speed on the bundled sample articles, word lists and models loaded once (issue 15:
// ≥ 15 MB/s per core with the entity tagger).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "extract/extractor.h"

namespace {

std::vector<std::string> load_samples() {
  std::vector<std::string> bodies;
  for (const auto& entry : std::filesystem::directory_iterator(QUOTEWIRE_SOURCE_DIR "/samples")) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    bodies.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return bodies;
}

// The whole extractor as workers run it; with state.range(0) == 0 without the entity tagger (the
// word lists and rules alone), the baseline the tagger's cost is read against.
void BM_ExtractSamples(benchmark::State& state) {
  const quotewire::extract::Extractor extractor(
      quotewire::extract::ExtractorOptions{.rules_only = state.range(0) == 0});
  const auto bodies = load_samples();
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const auto& body : bodies) {
      benchmark::DoNotOptimize(extractor.extract(body));
      bytes += static_cast<int64_t>(body.size());
    }
  }
  state.SetBytesProcessed(bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(bodies.size()));
}
BENCHMARK(BM_ExtractSamples)->ArgName("tagger")->Arg(1)->Arg(0);

// What a worker pays once at start-up: parsing the embedded word lists.
void BM_LoadWordLists(benchmark::State& state) {
  for (auto _ : state) {
    quotewire::extract::Extractor extractor;
    benchmark::DoNotOptimize(&extractor);
  }
}
BENCHMARK(BM_LoadWordLists)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
