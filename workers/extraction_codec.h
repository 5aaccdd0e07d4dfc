#pragma once
// The extractor's plain result, written into the protobuf the sink reads.

#include "extract/extraction.h"
#include "proto/quotewire.pb.h"

namespace quotewire::workers {

void fill(pb::Extraction& out, const extract::Extraction& extraction);

}  // namespace quotewire::workers
