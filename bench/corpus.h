#pragma once
// A benchmark corpus of realistic articles, varied from the bundled samples (compiled in, so
// `quotewire bench` runs anywhere): each article is one sample story, sometimes followed by
// part of another, with its own id and date. The same seed gives the same corpus.

#include <cstdint>
#include <string>
#include <vector>

#include "proto/quotewire.pb.h"

namespace quotewire::bench {

std::vector<pb::Article> generate_corpus(size_t n, uint32_t seed);

// Real articles from a file or directory, in any format `quotewire publish` reads (JSON Lines,
// text, feeds, HTML pages), the first `n`, or all cycled to `n`: copies after the first round
// get a URL and id of their own, so the sink stores each one. `distinct` gets how many differ.
// Throws std::runtime_error naming the path when nothing could be read; unreadable items are logged
// and skipped.
std::vector<pb::Article> load_corpus(const std::string& path, size_t n, size_t& distinct);

}  // namespace quotewire::bench
