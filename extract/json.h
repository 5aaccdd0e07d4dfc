#pragma once
// The JSON form of an Extraction: the `quotewire extract --json` contract that scripts rely on.

#include <nlohmann/json.hpp>

#include "extract/extraction.h"

namespace quotewire::extract {

nlohmann::json to_json(const Extraction& extraction);

}  // namespace quotewire::extract
