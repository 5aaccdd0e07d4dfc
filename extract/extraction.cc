#include "extract/extraction.h"

namespace quotewire::extract {

std::string_view to_string(EntityType type) {
  switch (type) {
    case EntityType::person:
      return "PERSON";
    case EntityType::organisation:
      return "ORG";
    case EntityType::location:
      return "LOCATION";
    case EntityType::misc:
      break;
  }
  return "MISC";
}

std::string_view to_string(QuoteKind kind) {
  switch (kind) {
    case QuoteKind::direct:
      return "direct";
    case QuoteKind::indirect:
      return "indirect";
    case QuoteKind::mixed:
      break;
  }
  return "mixed";
}

}  // namespace quotewire::extract
