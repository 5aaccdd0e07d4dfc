#pragma once
// A speaker's role as the article gives it: an appositive after the name ("Dimitrije Milic,
// political analyst and program director of ..., said"), or titles and role words before it
// ("political analyst Dragomir Andjelkovic", "Russia's Ambassador to Serbia, Alexander ...").

#include <cstdint>

#include "extract/article.h"

namespace quotewire::extract {

// Where a relative clause starts: "who", "which", or "that" after a noun ("a union that ...").
bool relative_start(const Article& a, uint32_t i);

// Does [begin, end) hold a role noun or title ("adviser", "Sen.")?
bool has_role_word(const Article& a, uint32_t begin, uint32_t end);

// Is [begin, end) an appositive describing the name before it (a noun phrase such as "an expert in
// human rights", "32", "the majority whip") rather than a clause or a new sentence part?
bool is_appositive(const Article& a, uint32_t begin, uint32_t end);

// The end of the comma- or dash-delimited segment starting at `begin` (at most `limit`).
uint32_t segment_end(const Article& a, uint32_t begin, uint32_t limit);

// The role in the appositive segment(s) starting at `begin` (after the comma following a name),
// without a trailing relative clause ("who said ..."); an age ("32,") is skipped. Empty if none.
Range appositive_role(const Article& a, uint32_t begin, uint32_t limit);

// A word that dates or qualifies a title before it: "former", "acting", "late", "deputy".
bool role_qualifier(const Article& a, uint32_t i);

// Titles and role words right before mention `m` ("Russian President", "political analyst"),
// or a role segment before the comma in front of it that starts at `clause_begin`. Empty if none.
Range preceding_role(const Article& a, const Mention& m, uint32_t clause_begin);

}  // namespace quotewire::extract
