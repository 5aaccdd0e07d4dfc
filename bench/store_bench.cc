// The sink's store alone: applying realistic extractions (the bench corpus, extracted) in batches.
// Tells whether the database, not the transport, sets the sink's pace. SQLite by default;
// QUOTEWIRE_STORE_BENCH_DB=postgresql://... measures PostgreSQL in that database, a scratch one:
// each run empties it.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "extract/extractor.h"
#include "sink/store.h"
#include "workers/extraction_codec.h"

namespace {

// `quotewire bench`'s corpus (the samples varied: names, places, paragraphs), extracted: articles
// that name different actors, as a sink receives them.
std::vector<quotewire::pb::Envelope> corpus_results(size_t n) {
  const auto articles = quotewire::bench::generate_corpus(n, 1);
  std::vector<quotewire::pb::Envelope> out(n);
  for (size_t i = 0; i < n; ++i) {
    auto* x = out[i].mutable_extraction();
    quotewire::workers::fill(*x,
                             quotewire::extract::Extractor::shared().extract(articles[i].body()));
    x->set_producer_id("bench");
    x->set_sequence(i);
    x->set_source(articles[i].source());
    x->set_url(articles[i].url());
    x->set_published_unix_ms(articles[i].published_unix_ms());
  }
  return out;
}

// Article ids as producers make them: hashes, so index inserts land all over the b-trees.
std::string article_id(uint64_t n) {
  uint64_t z = n + 0x9e3779b97f4a7c15ULL;  // splitmix64
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  const uint64_t h = z ^ (z >> 31);
  return fmt::format("url-{:016x}{:016x}", h, h * 0x9e3779b97f4a7c15ULL);  // 128-bit, as theirs
}

// A new, empty database: the SQLite file at `path`, or the PostgreSQL database named.
std::string empty_database(const std::filesystem::path& path) {
  const char* uri = std::getenv("QUOTEWIRE_STORE_BENCH_DB");
  if (!uri) {
    std::filesystem::remove(path);
    return path.string();
  }
  quotewire::sink::Database(uri, quotewire::sink::Database::Mode::read_write)
      .exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  return uri;
}

// Arguments: batch size; articles already in the database (a sink that has run for a while).
void BM_StoreApply(benchmark::State& state) {
  const auto batch_size = static_cast<size_t>(state.range(0));
  const auto prefilled = static_cast<size_t>(state.range(1));
  const auto path = std::filesystem::temp_directory_path() / "quotewire-store-bench.db";
  quotewire::sink::Store store({.path = empty_database(path)});
  static const auto results = corpus_results(1024);
  // The store takes each batch's quotes into its updates, so every batch is a fresh copy.
  std::vector<quotewire::pb::Envelope> batch(batch_size);
  std::vector<quotewire::pb::Envelope*> items;
  uint64_t next_id = 0;
  auto next_batch = [&] {  // the corpus in turn, with new ids: every batch is new work
    items.clear();
    for (auto& r : batch) {
      r = results[next_id % results.size()];
      r.mutable_extraction()->set_article_id(article_id(next_id++));
      items.push_back(&r);
    }
  };
  while (next_id < prefilled) {
    next_batch();
    store.apply(items);
  }
  for (auto _ : state) {
    state.PauseTiming();
    next_batch();
    state.ResumeTiming();
    benchmark::DoNotOptimize(store.apply(items));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * batch_size));
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
}
BENCHMARK(BM_StoreApply)->ArgsProduct({{1, 16, 256}, {0}})->Args({256, 200000});
// A fixed number of batches, so that instruction counts (callgrind) compare between builds: the
// cost per batch grows with the database.
BENCHMARK(BM_StoreApply)->Args({16, 0})->Iterations(64);

}  // namespace

BENCHMARK_MAIN();
