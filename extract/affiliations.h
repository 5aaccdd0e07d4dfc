#pragma once
// Who a speaker speaks for, and what a statement is about: the roll-up behind "what does Moscow
// think?". Affiliations are read from the role the article gives the speaker ("Russia's
// Ambassador to Serbia", "program director of the New Third World organisation", "a senior EU
// official") or from an unnamed speaker's own words ("Russian officials"); a place counts only
// with a role in which people speak for a state (data/affiliation_roles.tsv), an organisation with
// any role. Subjects are the actors named in what was said, demonyms and aliases included
// (data/state_aliases.tsv: "the Kremlin" stands for Russia).

#include <cstdint>
#include <vector>

#include "extract/article.h"
#include "extract/attribution.h"
#include "extract/extraction.h"

namespace quotewire::extract {

// `actor`: the statement's resolved speaker, or -1.
std::vector<Affiliation> affiliations_of(const Article& a, const Statement& s);

std::vector<Subject> subjects_of(const Article& a, const Statement& s);

}  // namespace quotewire::extract
