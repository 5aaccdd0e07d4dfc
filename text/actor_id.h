#pragma once
// Actor ids: what the extractor assigns, the sink looks names up by, and the producers' and
// sink's tests compare, without the extractor itself.

#include <string>
#include <string_view>

namespace quotewire::text {

// The canonical actor id of a name: case, diacritics and punctuation folded, middle initials
// dropped ("Saša Janković" and "SASA JANKOVIC" give the same id; "Ana M. Kovač" and
// "Ana Kovač" too).
std::string actor_id_for(std::string_view name);

}  // namespace quotewire::text
