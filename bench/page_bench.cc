// HTML page -> article text and metadata, over the 91 news pages of shared/data/web (issue 17:
// >= 40 MB of HTML per second per core). Skipped when the pages are not beside the project.
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "web/page.h"

namespace {

std::string gunzip(const std::string& gz) {
  std::string out(gz.size() * 8, '\0');
  z_stream z{};
  inflateInit2(&z, 16 + MAX_WBITS);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  int status = Z_OK;
  while (status == Z_OK) {
    if (z.total_out == out.size()) out.resize(out.size() * 2);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + z.total_out);
    z.avail_out = static_cast<uInt>(out.size() - z.total_out);
    status = inflate(&z, Z_NO_FLUSH);
  }
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

std::vector<std::string> load_pages() {
  std::vector<std::string> pages;
  const std::filesystem::path dir = QUOTEWIRE_SOURCE_DIR "/../shared/data/web/html";
  if (!std::filesystem::is_directory(dir)) return pages;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    pages.push_back(gunzip({std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}));
  }
  return pages;
}

void BM_ReadPages(benchmark::State& state) {
  const auto pages = load_pages();
  if (pages.empty()) {
    state.SkipWithError("no pages in ../shared/data/web/html");
    return;
  }
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const auto& html : pages) {
      benchmark::DoNotOptimize(quotewire::web::read_page(html));
      bytes += static_cast<int64_t>(html.size());
    }
  }
  state.SetBytesProcessed(bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(pages.size()));
}
BENCHMARK(BM_ReadPages)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
