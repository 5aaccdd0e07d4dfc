#include "extract/attribution_model.h"

#include <algorithm>
#include <stdexcept>

#include "extract/attribution.h"

namespace quotewire::extract {
namespace {

// Feature templates. Numbers, not names, go into the hashes: renumbering one means retraining.
enum EndTemplate : uint32_t {
  kEndWord = 1,
  kEndNextWord,
  kEndPrevWord,
  kEndClass,
  kEndNextClass,
  kEndPrevClass,
  kEndClassPair,
  kEndWordNextClass,
  kEndPrevWordWord,
  kEndPrevClassClass,
  kEndLength,
  kEndRemaining,
  kEndWordLength,
  kEndClause,
  kEndQuoted,
  kEndCueAhead,
  kEndLemmaWord,
  kEndBias,
  kEndFirstWordWord,
  kEndLemmaClause,
  kEndNextTwo,
  kEndCommasClause,
};

enum StatementTemplate : uint32_t {
  kStPattern = 101,
  kStLemma,
  kStLemmaPattern,
  kStKind,
  kStSpeaker,
  kStPatternSpeaker,
  kStLength,
  kStHeadline,
  kStFirstWord,
  kStSpeakerHead,
  kStNegated,
  kStCueForm,
  kStParts,
  kStBeforeCue,
  kStAfterCue,
  kStKindPattern,
  kStQuestion,
  kStLemmaSpeaker,
  kStResolved,
  kStBias,
  kStGuesses,
  kStLemmaGuesses,
  kStLemmaFirstWord,
  kStPronoun,
  kStRole,
  kStCueEndsParagraph,
  kStClauseOpener,
  kStContentStart,
  kStContentEnd,
  kStLemmaContentStart,
  kStSpeakerShape,
  kStSpeakerLength,
  kStGap,
  kStContentClause,
  kStPatternLength,
};

uint64_t bucket(uint32_t n) {
  if (n <= 3) return n;
  if (n <= 5) return 4;
  if (n <= 8) return 5;
  if (n <= 12) return 6;
  if (n <= 20) return 7;
  return 8;
}

bool ends_with(std::string_view word, std::string_view tail) {
  return word.size() > tail.size() + 1 && word.substr(word.size() - tail.size()) == tail;
}

// A coarse word class from what the tokenizer and the word lists know: the part of speech a
// tagger would give, as far as closed classes and spelling tell it.
std::string_view word_class(const Article& a, uint32_t i) {
  if (i >= a.size()) return "END";
  const Token& t = a.tokens[i];
  switch (t.kind) {
    case TokenKind::number:
      return "NUM";
    case TokenKind::quote:
      return "QUOTE";
    case TokenKind::punct:
      return a.key(i);
    case TokenKind::word:
      break;
  }
  if (t.has(kPossessive)) return "POSS";
  if (a.mention_at(i) >= 0) return "NAME";
  const uint32_t f = a.lex(i);
  if (t.has(kCapitalised) && !t.has(kSentenceStart)) return "CAP";
  if (f & kAux) return "AUX";
  if (f & kRelative) return "REL";
  if (f & kConj) return "CONJ";
  if (f & kPronoun) return (f & kDet) ? "PRONDET" : "PRON";
  if (f & kDet) return "DET";
  if (f & kPrep) return "PREP";
  if (f & kSpeechVerb) return "SAY";
  if (f & (kTime | kDay | kMonth)) return "TIME";
  if (f & kAdverb) return "ADV";
  if (f & kFiniteVerb) return "VERB";
  const std::string_view k = a.key(i);
  if (ends_with(k, "ing")) return "ING";
  if (ends_with(k, "ed")) return "ED";
  if (ends_with(k, "ly")) return "LY";
  if (ends_with(k, "s")) return "S";
  return "W";
}

// The word itself where it is a closed-class word (function words, speech verbs, punctuation),
// else its class: what the boundary models see, so they learn the shape of a sentence rather
// than remember the content words of the articles they were trained on.
std::string_view shape_word(const Article& a, uint32_t i) {
  if (i >= a.size()) return "END";
  const Token& t = a.tokens[i];
  if (t.kind == TokenKind::punct || t.kind == TokenKind::quote) return a.key(i);
  constexpr uint32_t closed = kDet | kPrep | kPronoun | kRelative | kAux | kConj | kAdverb |
                              kSpeechVerb | kTime | kDay | kMonth | kAccording;
  if (t.kind == TokenKind::word && !t.has(kPossessive) && (a.lex(i) & closed) &&
      a.mention_at(i) < 0) {
    return a.key(i);
  }
  return word_class(a, i);
}

std::string_view cue_lemma(const Article& a, Range cue) {
  if (cue.end <= cue.begin) return "-";
  const uint32_t i = cue.begin;
  if (a.word(i) && (a.lex(i) & kSpeechVerb))
    return a.lexicon.verb(a.tokens[i].info->speech_verb).lemma;
  if (a.word(i) && (a.lex(i) & kAccording)) return "according";
  return a.key(i);
}

}  // namespace

AttributionModel AttributionModel::parse(std::string_view bytes) {
  AttributionModel out;
  for (NamedModel& m : parse_models(bytes)) {
    if (m.name == "content_end") {
      out.content_end = std::move(m.model);
    } else if (m.name == "statement") {
      out.statement = std::move(m.model);
    } else {
      throw std::runtime_error("attribution model: unknown part \"" + m.name + "\"");
    }
  }
  return out;
}

namespace {

bool dash(const Article& a, uint32_t i) {
  return a.boundary(i) && (a.tokens[i].mark == U'\u2014' || a.tokens[i].mark == U'\u2013' ||
                           a.tokens[i].mark == U'-');
}

// "said closed primaries -- those open only to registered voters -- deny …": `at` opens, lies
// in or closes an aside between two dashes of the sentence, and what was said goes on after it.
bool in_dashed_aside(const Article& a, uint32_t begin, uint32_t at) {
  uint32_t before = 0;
  for (uint32_t i = begin; i < at; ++i) before += dash(a, i) ? 1 : 0;
  if (before % 2 == 0 && !dash(a, at)) return false;
  const Range sentence = a.layout.sentences[a.layout.sentence_of[at]];
  for (uint32_t i = before % 2 == 0 ? at + 1 : at; i + 1 < sentence.end; ++i) {
    if (dash(a, i)) return a.word(i + 1);
  }
  return false;
}

}  // namespace

bool end_candidate(const Article& a, uint32_t cue, uint32_t begin, uint32_t at) {
  if (at >= a.size()) return false;
  // "if voters back him, he will fight": the subordinate clause that opens what was said ends at
  // a comma after its verb, and the main clause follows.
  if (a.word(begin) && (opens_subordinate_clause(a.key(begin)) || a.key(begin) == "despite")) {
    bool clause = false, passed = false;
    for (uint32_t i = begin + 1; i < at && !passed; ++i) {
      clause =
          clause || a.lower(i, kAux | kFiniteVerb) || (a.lower(i, kPronoun) && !(a.lex(i) & kDet));
      passed = clause && a.punct(i, U',');
    }
    if (!passed) return false;
  }
  // "suggested that the billionaire, who is now the nominee, would …", "According to police,
  // the account that she used was …": after "that" or "according to X," what was said is a
  // clause, and does not end before its verb.
  if ((begin > 0 && a.word(begin - 1) && a.key(begin - 1) == "that") ||
      (begin > cue && a.word(cue) && (a.lex(cue) & kAccording))) {
    bool verb = false;
    for (uint32_t i = begin; i < at && !verb; ++i) {
      verb = a.lower(i, kAux | kFiniteVerb) || (a.word(i) && ends_with(a.key(i), "ed"));
    }
    if (!verb) return false;
  }
  if (in_dashed_aside(a, begin, at)) return false;
  const Token& t = a.tokens[at];
  if (t.kind == TokenKind::punct || t.kind == TokenKind::quote) return true;
  if (t.kind != TokenKind::word || t.has(kPossessive)) return false;
  constexpr uint32_t closed =
      kPrep | kRelative | kAux | kConj | kAdverb | kSpeechVerb | kTime | kDay | kAccording;
  return (a.lex(at) & closed) || ends_with(a.key(at), "ing");
}

bool judged(Pattern pattern) {
  return pattern != Pattern::bare_quotation && pattern != Pattern::speaker_label;
}

void content_end_features(const Article& a, uint32_t cue, uint32_t begin, uint32_t at, Range unit,
                          Features& out) {
  out.add(kEndBias);
  const std::string_view word = shape_word(a, at), next = shape_word(a, at + 1),
                         prev = shape_word(a, at - 1);
  const std::string_view cls = word_class(a, at), next_cls = word_class(a, at + 1),
                         prev_cls = word_class(a, at - 1);
  out.add(kEndWord, word);
  out.add(kEndNextWord, next);
  out.add(kEndPrevWord, prev);
  out.add(kEndClass, cls);
  out.add(kEndNextClass, next_cls);
  out.add(kEndPrevClass, prev_cls);
  out.add(kEndClassPair, cls, next_cls);
  out.add(kEndWordNextClass, word, next_cls);
  out.add(kEndPrevWordWord, prev, word);
  out.add(kEndPrevClassClass, prev_cls, cls);
  out.add(kEndLength, bucket(at - begin));
  out.add(kEndRemaining, bucket(unit.end > at ? unit.end - at : 0));
  out.add(kEndWordLength, word, bucket(at - begin));
  // Does what came before already hold a clause of its own (a verb group or a subject pronoun)?
  uint64_t clause = 0, commas = 0;
  for (uint32_t i = begin; i < at; ++i) {
    if (a.lower(i, kAux)) clause |= 1;
    if (a.lower(i, kPronoun) && !(a.lex(i) & kDet)) clause |= 2;
    if (a.punct(i, U',')) clause |= 4, ++commas;
    if (a.lower(i, kFiniteVerb)) clause |= 8;
  }
  out.add(kEndNextTwo, next, shape_word(a, at + 2));
  out.add(kEndCommasClause, std::min<uint64_t>(commas, 3) << 8 | clause);
  out.add(kEndClause, clause);
  out.add(kEndLemmaClause, cue_lemma(a, {cue, cue + 1}), clause);
  // How what was said opens decides where it may end: "if Trump wins, he would ...".
  out.add(kEndFirstWordWord, shape_word(a, begin), word);
  out.add(kEndQuoted, uint64_t{a.tokens[at].has(kQuoted)} |
                          uint64_t{a.tokens[at].kind == TokenKind::quote} << 1);
  uint64_t cue_ahead = 0;
  for (uint32_t i = at; i < std::min(unit.end, at + 4); ++i) cue_ahead |= a.lower(i, kSpeechVerb);
  out.add(kEndCueAhead, cue_ahead);
  out.add(kEndLemmaWord, cue_lemma(a, {cue, cue + 1}), word);
}

void statement_features(const Article& a, const Statement& s, Features& out) {
  out.add(kStBias);
  const auto pattern = static_cast<uint64_t>(s.pattern);
  const std::string_view lemma = cue_lemma(a, s.cue);
  out.add(kStPattern, pattern);
  out.add(kStLemma, lemma);
  out.add(kStLemmaPattern, lemma, pattern);
  out.add(kStKind, static_cast<uint64_t>(s.kind));
  out.add(kStKindPattern, static_cast<uint64_t>(s.kind) << 8 | pattern);
  const auto speaker_kind = static_cast<uint64_t>(s.speaker.kind);
  const uint64_t actor_type =
      s.actor >= 0 ? static_cast<uint64_t>(a.actors[static_cast<size_t>(s.actor)].type) + 1 : 0;
  out.add(kStSpeaker, speaker_kind << 8 | actor_type);
  out.add(kStPatternSpeaker, pattern << 8 | speaker_kind);
  out.add(kStLemmaSpeaker, lemma, speaker_kind);
  out.add(kStResolved, uint64_t{s.actor >= 0});
  out.add(kStGuesses, uint64_t{s.guesses});
  out.add(kStLemmaGuesses, lemma, uint64_t{s.guesses});
  const Range first = tokens_in(a, s.parts.front());
  uint32_t words = 0;
  for (const TextSpan& part : s.parts) {
    const Range r = tokens_in(a, part);
    for (uint32_t i = r.begin; i < r.end; ++i) words += a.word(i);
  }
  out.add(kStLength, bucket(words));
  out.add(kStParts, uint64_t{std::min<size_t>(s.parts.size(), 3)});
  const uint32_t anchor = s.cue.end > s.cue.begin ? s.cue.begin : first.begin;
  out.add(kStHeadline, uint64_t{a.layout.paragraph_of[anchor] == 0} |
                           uint64_t{a.layout.in_title_case(anchor)} << 1);
  if (first.begin < a.size()) {
    out.add(kStFirstWord, word_class(a, first.begin));
    out.add(kStLemmaFirstWord, lemma, word_class(a, first.begin));
  }
  const Range last = tokens_in(a, s.parts.back());
  out.add(kStQuestion, uint64_t{last.end < a.size() && a.punct(last.end, U'?')});
  // The shape of what was said: how it starts ("that", a pronoun, "for", a name) and ends, and
  // whether it holds a clause of its own (a verb group or a subject pronoun).
  if (first.begin < first.end) {
    out.add(kStContentStart, shape_word(a, first.begin), shape_word(a, first.begin + 1));
    out.add(kStLemmaContentStart, lemma, shape_word(a, first.begin));
  }
  if (last.begin < last.end) out.add(kStContentEnd, shape_word(a, last.end - 1));
  out.add(kStPatternLength, pattern << 8 | bucket(words));
  uint64_t clause = 0;
  for (const TextSpan& part : s.parts) {
    const Range r = tokens_in(a, part);
    for (uint32_t i = r.begin; i < r.end; ++i) {
      if (a.lower(i, kAux | kSpeechVerb)) clause |= 1;
      if (a.lower(i, kPronoun) && !(a.lex(i) & kDet)) clause |= 2;
      if (a.word(i) && ends_with(a.key(i), "ed")) clause |= 4;
      if (a.lower(i, kFiniteVerb)) clause |= 8;
    }
  }
  out.add(kStContentClause, clause);
  // The speaker phrase: its first and last words' shapes and its length; how far from the cue.
  if (s.speaker) {
    out.add(kStSpeakerShape, shape_word(a, s.speaker.begin), word_class(a, s.speaker.end - 1));
    out.add(kStSpeakerLength, bucket(s.speaker.end - s.speaker.begin));
    if (s.cue.end > s.cue.begin) {
      const uint32_t gap = s.speaker.end <= s.cue.begin ? s.cue.begin - s.speaker.end
                                                        : s.speaker.begin - s.cue.end + 100;
      out.add(kStGap, gap >= 100 ? 100 + bucket(gap - 100) : bucket(gap));
    }
  }
  if (s.speaker && s.speaker.kind != SpeakerPhrase::Kind::named) {
    out.add(kStSpeakerHead, a.key(s.speaker.end - 1));
  }
  if (s.speaker.kind == SpeakerPhrase::Kind::pronoun) {
    out.add(kStPronoun, a.key(s.speaker.begin), actor_type);
  }
  out.add(kStRole, uint64_t{s.role.end > s.role.begin} << 8 | actor_type);
  // The word that opens the cue's sentence: "While it has said ...", "But ...", "Asked ...".
  if (s.cue.end > s.cue.begin) {
    const Range sentence = a.layout.sentences[a.layout.sentence_of[s.cue.begin]];
    if (a.word(sentence.begin)) out.add(kStClauseOpener, a.key(sentence.begin));
  }
  if (s.cue.end > s.cue.begin) {
    const uint32_t c = s.cue.begin;
    bool negated = false;
    for (uint32_t i = c > 3 ? c - 3 : 0; i < c; ++i) {
      const std::string_view k = a.word(i) ? a.key(i) : std::string_view{};
      negated = negated || k == "not" || k == "never" || k == "n't" || ends_with(k, "n't");
    }
    out.add(kStNegated, uint64_t{negated});
    const std::string_view form = a.key(c);
    out.add(kStCueForm, ends_with(form, "ing")  ? "ing"
                        : ends_with(form, "ed") ? "ed"
                        : ends_with(form, "s")  ? "s"
                                                : "base");
    out.add(kStBeforeCue, c > 0 ? word_class(a, c - 1) : "START");
    if (c > 0 && a.word(c - 1) && (a.lex(c - 1) & (kAux | kPrep))) {
      out.add(kStBeforeCue, a.key(c - 1));
    }
    // A cue that ends its paragraph ("…, the analyst told") has nothing after it.
    const bool last = s.cue.end >= a.size() || a.tokens[s.cue.end].has(kParagraphStart);
    out.add(kStAfterCue, last ? "END" : word_class(a, s.cue.end));
    out.add(kStCueEndsParagraph, uint64_t{last});
  }
}

}  // namespace quotewire::extract
