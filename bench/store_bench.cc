// The sink's store alone: applying realistic extractions (the samples, extracted) in batches.
// Tells whether SQLite, not the transport, sets the sink's pace.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "sink/store.h"
#include "workers/extraction_codec.h"

namespace {

std::vector<quotewire::pb::Envelope> sample_results(size_t n, const std::string& prefix) {
  std::vector<std::string> bodies;
  for (const auto& entry : std::filesystem::directory_iterator(QUOTEWIRE_SOURCE_DIR "/samples")) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    bodies.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::vector<quotewire::pb::Envelope> out(n);
  for (size_t i = 0; i < n; ++i) {
    auto* x = out[i].mutable_extraction();
    quotewire::workers::fill(
        *x, quotewire::extract::Extractor::shared().extract(bodies[i % bodies.size()]));
    x->set_article_id(prefix + std::to_string(i));
    x->set_producer_id("bench");
    x->set_sequence(i);
    x->set_published_unix_ms(1735689600000);
  }
  return out;
}

void BM_StoreApply(benchmark::State& state) {
  const auto batch_size = static_cast<size_t>(state.range(0));
  const auto path = std::filesystem::temp_directory_path() / "quotewire-store-bench.db";
  std::filesystem::remove(path);
  quotewire::sink::Store store({.path = path.string()});
  auto results = sample_results(batch_size, "");
  std::vector<const quotewire::pb::Envelope*> items;
  for (const auto& r : results) items.push_back(&r);
  size_t round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (size_t i = 0; i < results.size(); ++i) {  // new ids: every round is new work
      results[i].mutable_extraction()->set_article_id(fmt::format("r{}-{}", round, i));
    }
    ++round;
    state.ResumeTiming();
    benchmark::DoNotOptimize(store.apply(items));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * batch_size));
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
}
BENCHMARK(BM_StoreApply)->Arg(1)->Arg(16)->Arg(256);

}  // namespace

BENCHMARK_MAIN();
