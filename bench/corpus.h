#pragma once
// A benchmark corpus of realistic articles, varied from the bundled samples (compiled in, so
// `quotewire bench` runs anywhere): each article is one sample story, sometimes followed by
// part of another, with its own id and date. The same seed gives the same corpus.

#include <cstdint>
#include <vector>

#include "proto/quotewire.pb.h"

namespace quotewire::bench {

std::vector<pb::Article> generate_corpus(size_t n, uint32_t seed);

}  // namespace quotewire::bench
