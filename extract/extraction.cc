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

std::string_view to_string(Pattern pattern) {
  switch (pattern) {
    case Pattern::quote_before_cue:
      return "quote_before_cue";
    case Pattern::quote_after_cue:
      return "quote_after_cue";
    case Pattern::content_after_cue:
      return "content_after_cue";
    case Pattern::content_before_cue:
      return "content_before_cue";
    case Pattern::quote_next_paragraph:
      return "quote_next_paragraph";
    case Pattern::according_to:
      return "according_to";
    case Pattern::headline_colon:
      return "headline_colon";
    case Pattern::speaker_label:
      return "speaker_label";
    case Pattern::bare_quotation:
      return "bare_quotation";
    case Pattern::speech_noun:
      return "speech_noun";
  }
  return "?";
}

}  // namespace quotewire::extract
