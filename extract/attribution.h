#pragma once
// Statements: what was said (a quotation, reported speech, or both mixed), the cue that says so,
// and who said it. Patterns: “…,” said X / “…,” X said / “…,” X told OUTLET / X said: “…” /
// X said (that) … / According to X, … / …, X said / X, ROLE, told … / a bare quotation in the
// paragraph after its speaker's / a quotation continued after its attribution ("“…,” he said.
// “…”"), with speakers resolved to actors (pronouns and descriptions included).

#include <cstdint>
#include <string_view>
#include <vector>

#include "extract/article.h"
#include "extract/attribution_model.h"
#include "extract/extraction.h"
#include "extract/speakers.h"

namespace quotewire::extract {

struct Statement {
  std::vector<TextSpan> parts;  // what was said, in text order
  QuoteKind kind = QuoteKind::indirect;
  Range cue;  // tokens of the cue; empty for a bare quotation
  SpeakerPhrase speaker;
  int32_t actor = -1;  // resolved speaker, or -1
  Range role;          // the speaker's role here or, failing that, given earlier in the article
  Pattern pattern = Pattern::content_after_cue;
  uint8_t guesses = 0;  // Guess flags: how sure the rules are of what they found
};

enum Guess : uint8_t {
  kGuessedSpeaker = 1,   // the speaker is clause_head's guess
  kLooseFrame = 2,       // the verb's frame wants a quotation or "that" and has none
  kSharedSubject = 4,    // "…, adding that": the speaker of the clause before
  kInfinitive = 8,       // "went so far as to say", "declined to say"
  kRelativeClause = 16,  // "a finish that he said defied expectations"
  kHeadlineVerb = 32,    // "Perry Just Announced His Endorsement": a capitalised headline verb
};

std::vector<Statement> find_statements(const Article& a);

// Does the word (a folded key) open a subordinate clause: "while", "if", "because", "after"?
bool opens_subordinate_clause(std::string_view key);

}  // namespace quotewire::extract
