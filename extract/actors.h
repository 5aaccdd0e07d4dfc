#pragma once
// Canonical actors of one article: every entity mention is linked to one actor with a display
// name (diacritics kept) and an id stable across articles (actor_id_for). A surname alone
// ("Janković", "Mr. Perić") joins the person whose full name the article gives, preferably the
// nearest one before it; failing that, a lone first name ("Zlatan") joins the full name it
// starts.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/entities.h"
#include "extract/lexicon.h"
#include "extract/tokenizer.h"

namespace quotewire::extract {

struct Actor {
  std::string name;  // display name
  std::string id;    // text::actor_id_for(name), or the gazetteer entry's id
  EntityType type = EntityType::misc;
  Gender gender = Gender::unknown;
  std::vector<std::string> titles;  // folded titles and role nouns before its mentions ("bishop")
};

// Links every mention to an actor (sets Mention::actor) and returns the article's actors.
std::vector<Actor> resolve_actors(std::string_view text, Entities& entities,
                                  const std::vector<Token>& tokens, const std::string& keys,
                                  const Lexicon& lexicon);

}  // namespace quotewire::extract
