#pragma once
// Named entities: people, organisations and places, found by gazetteer (longest match) and by
// capitalised word runs classified from their words and context (titles, first names, organisation
// heads, "X organisation", role nouns before a name). Demonyms ("Russian") are not entities but
// place references. Mastheads and headings in title case are not mistaken for names.

#include <cstdint>
#include <string_view>
#include <vector>

#include "extract/extraction.h"
#include "extract/lexicon.h"
#include "extract/sentences.h"
#include "extract/tokenizer.h"

namespace quotewire::extract {

struct Mention {
  uint32_t begin = 0;  // tokens, half-open
  uint32_t end = 0;
  uint32_t start = 0;  // bytes; inside a token for parts of compounds ("EU" in "EU-led")
  uint32_t stop = 0;
  EntityType type = EntityType::misc;
  int32_t named = -1;               // gazetteer entry (Lexicon::named), if any
  int32_t actor = -1;               // set by resolve_actors
  uint32_t title_begin = 0;         // first token of the titles right before the name ("Sen.")
  Gender gender = Gender::unknown;  // from a title ("Mrs.") or role noun ("spokeswoman")
  bool quoted = false;              // inside a quotation: not a candidate for "he" or "she"
};

struct DemonymMention {  // a demonym or place adjective and the place it points to
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t token = 0;
  uint32_t named = 0;  // Lexicon::named index of the place
};

struct Entities {
  std::vector<Mention> mentions;  // in text order
  std::vector<DemonymMention> demonyms;
  std::vector<int32_t> mention_at;  // token index -> mention covering it, or -1
  std::vector<Range> header_lines;  // feed header lines ("Byline: ..."), entities by the rules
};

namespace ner {
class Model;
}

// The longest gazetteer phrase starting at token `i` whose case fits ("US" only in capitals): its
// length in tokens (0 if none), and the phrase in `found`. `buffer` is scratch space.
uint32_t match_gazetteer(const std::vector<Token>& tokens, const std::string& keys,
                         const Layout& layout, const Lexicon& lexicon, uint32_t i,
                         const Phrase** found, std::string& buffer);

// "hurricane", "typhoon", "cyclone", "storm": a word that, capitalised, names a storm after it.
bool storm_word(std::string_view key);

// With a model, the tagger (tagger.h) proposes the entities and the rules above confirm or
// override them where they know better; without, the rules alone find them.
Entities find_entities(std::string_view text, const std::vector<Token>& tokens,
                       const std::string& keys, const Layout& layout, const Lexicon& lexicon,
                       const ner::Model* model);

}  // namespace quotewire::extract
