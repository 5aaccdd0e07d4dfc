#pragma once
// The learned parts of attribution, trained on annotated news (quotewire train attribution):
// where reported speech that follows its cue ends ("She said she admires his determination | and
// highlighted ..."), and which candidate statements are statements at all. The rules propose;
// these models decide where the rules' own choice is a guess. Each model's features are built
// here, for training and extraction alike, so the two cannot drift apart.

#include <cstdint>
#include <string_view>

#include "extract/article.h"
#include "extract/linear_model.h"
#include "extract/sentences.h"

namespace quotewire::extract {

struct Statement;

struct AttributionModel {
  LinearModel content_end;  // margin > 0: what was said ends before this token
  LinearModel statement;    // margin < 0: not a statement
  // Propose the rules' guesses even without a statement model (to train one on them).
  bool propose_guesses = false;

  bool empty() const { return content_end.empty() && statement.empty(); }
  // Throws std::runtime_error for bytes that are not an attribution model.
  static AttributionModel parse(std::string_view bytes);
};

// Can reported speech that starts at `begin` after `cue` end before token `at`? Only before
// punctuation, a closed-class word (a conjunction, relative, preposition, adverb, ...) or a
// participle, not inside the subordinate clause that opens it ("if the levy stays, the port
// will ..."), and not before the verb of a clause that must be one (after "that", after
// "according to X,"): the content_end model is asked there alone.
bool end_candidate(const Article& a, uint32_t cue, uint32_t begin, uint32_t at);

// Features of "the content that started at `begin` after `cue` ends before token `at`", in
// `unit` (the sentence, or sentences one quotation spans).
void content_end_features(const Article& a, uint32_t cue, uint32_t begin, uint32_t at, Range unit,
                          Features& out);

// Does the statement model judge statements found this way? Not bare quotations and transcript
// labels: they have no cue, and the annotated news it learns from marks only cued statements.
bool judged(Pattern pattern);

// Features of a candidate statement, its speaker resolved.
void statement_features(const Article& a, const Statement& s, Features& out);

}  // namespace quotewire::extract
