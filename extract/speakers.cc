#include "extract/speakers.h"

#include <algorithm>

#include "extract/roles.h"

namespace quotewire::extract {
namespace {

bool is_subject_pronoun(const Article& a, uint32_t i) {
  if (!a.word(i) || !(a.lex(i) & kPronoun)) return false;
  // Object and possessive forms are not subjects; "I" and "we" are (the author speaking).
  const std::string_view k = a.key(i);
  return k == "he" || k == "she" || k == "it" || k == "they" || k == "i" || k == "we";
}

Gender pronoun_gender(const Article& a, uint32_t i) {
  if (a.lex(i) & kPronHe) return Gender::male;
  if (a.lex(i) & kPronShe) return Gender::female;
  return Gender::unknown;
}

SpeakerPhrase pronoun_at(const Article& a, uint32_t i) {
  SpeakerPhrase s;
  s.kind = SpeakerPhrase::Kind::pronoun;
  s.begin = s.first = i;
  s.end = s.last = i + 1;
  s.gender = pronoun_gender(a, i);
  return s;
}

// Within a noun phrase "X of Y", "X from Y": the head is X.
int32_t head_mention(const Article& a, int32_t m, uint32_t clause_begin) {
  while (true) {
    const Mention& mention = a.mention(m);
    const uint32_t before = mention.title_begin;
    if (before < clause_begin + 2 || !a.lower(before - 1, kPrep)) return m;
    const std::string_view k = a.key(before - 1);
    if (k != "of" && k != "from" && k != "in") return m;
    const int32_t outer = a.mention_at(before - 2);
    if (outer < 0) return m;
    m = outer;
  }
}

SpeakerPhrase named_at(const Article& a, int32_t m, uint32_t clause_begin, uint32_t limit) {
  const Mention& mention = a.mention(m);
  SpeakerPhrase s;
  s.kind = SpeakerPhrase::Kind::named;
  s.mention = m;
  s.begin = mention.begin;
  s.end = mention.end;
  s.first = mention.title_begin;
  s.last = mention.end;
  s.gender = mention.gender;
  s.role = preceding_role(a, mention, clause_begin);
  if (s.role.end > s.role.begin) s.first = std::min(s.first, s.role.begin);
  // "X of Y" stays one subject.
  uint32_t after = mention.end;
  while (after + 1 < limit && a.lower(after, kPrep) &&
         (a.key(after) == "of" || a.key(after) == "from") && a.mention_at(after + 1) >= 0) {
    after = a.mention(a.mention_at(after + 1)).end;
  }
  s.last = after;
  if (a.punct(after, U',')) {
    Range role = appositive_role(a, after + 1, limit);
    if (role.end > role.begin) s.role = role;
  }
  return s;
}

// Is the noun phrase [begin, end) a description of a person ("the Supreme Court justice")?
bool describes_person(const Article& a, uint32_t begin, uint32_t end) {
  return a.word(begin) && a.key(begin) == "the" && a.lower(end - 1, kRoleNoun);
}

SpeakerPhrase phrase_of(const Article& a, uint32_t begin, uint32_t end) {
  SpeakerPhrase s;
  s.kind = describes_person(a, begin, end) ? SpeakerPhrase::Kind::description
                                           : SpeakerPhrase::Kind::phrase;
  s.begin = s.first = begin;
  s.end = s.last = end;
  if (s.kind == SpeakerPhrase::Kind::description) {
    s.gender = a.tokens[end - 1].info->gender;
  }
  return s;
}

// A noun phrase ending at `end` (exclusive) and starting after the previous boundary: "The
// statement by the two", "the heckler". None if it holds a verb-like word.
SpeakerPhrase noun_phrase_before(const Article& a, uint32_t end, uint32_t clause_begin) {
  uint32_t begin = end;
  while (begin > clause_begin && end - begin < 7 &&
         (a.word(begin - 1) || a.tokens[begin - 1].has(kPossessive)) &&
         !a.lower(begin - 1, kConj | kRelative)) {
    --begin;
  }
  if (begin == end) return {};
  for (uint32_t i = begin; i < end; ++i) {
    if (a.lower(i, kAux | kSpeechVerb | kPronoun | kRelative) || a.tokens[i].has(kQuoted)) {
      return {};
    }
  }
  if (!a.lower(begin, kDet) && !a.tokens[begin].has(kCapitalised)) return {};
  if (a.lex(begin) & kPrep) return {};  // "In three separate interviews, ..."
  return phrase_of(a, begin, end);
}

// The opening bracket matching the closing one at `close`, or `close` if none within `floor`.
uint32_t opening_bracket(const Article& a, uint32_t close, uint32_t floor) {
  for (uint32_t i = close; i > floor; --i) {
    if (a.punct(i - 1, U'(')) return i - 1;
  }
  return close;
}

// Does mention `m` stand where a clause's subject stands: at the clause start, after a comma or
// dash, a conjunction or "that", with only its titles and role words before it ("political
// analyst X"), and not as a possessive ("Russia’s envoy")?
bool subject_position(const Article& a, const Mention& m, uint32_t clause_begin) {
  if (m.end < a.size() && a.tokens[m.end].has(kPossessive)) return false;
  const Range role = preceding_role(a, m, clause_begin);
  const uint32_t before = role.end > role.begin ? role.begin : m.title_begin;
  return before <= clause_begin || a.tokens[before].has(kSentenceStart) || a.boundary(before - 1) ||
         a.lower(before - 1, kConj) || (a.word(before - 1) && a.key(before - 1) == "that");
}

}  // namespace

bool speech_infinitive(const Article& a, uint32_t to) {
  if (to < 2 || !a.word(to) || a.key(to) != "to") return false;
  const std::string_view before = a.key(to - 1);
  if (before == "continued" || before == "continues") return true;
  return before == "on" && (a.key(to - 2) == "went" || a.key(to - 2) == "goes");
}

SpeakerPhrase subject_before(const Article& a, uint32_t cue, uint32_t clause_begin) {
  uint32_t p = cue;
  // Auxiliaries, adverbs and asides in brackets between subject and verb: "has repeatedly
  // stated", "also said", "went on to say", "Sen. Elizabeth Warren (D-MA) said".
  while (p > clause_begin) {
    const uint32_t t = p - 1;
    if (a.lower(t, kAux | kAdverb)) {
      --p;
    } else if (speech_infinitive(a, t) && t > clause_begin + 1) {
      p -= a.key(t - 1) == "on" ? 3 : 2;
    } else if (a.punct(t, U')') && opening_bracket(a, t, clause_begin) < t) {
      p = opening_bracket(a, t, clause_begin);
    } else {
      break;
    }
  }
  if (p <= clause_begin) return {};
  const uint32_t t = p - 1;
  if (is_subject_pronoun(a, t)) return pronoun_at(a, t);
  if (const int32_t m = a.mention_at(t); m >= 0 && !a.tokens[t].has(kQuoted)) {
    return named_at(a, head_mention(a, m, clause_begin), clause_begin, cue);
  }
  if (a.boundary(t) && a.tokens[t].mark != U':' && a.tokens[t].mark != U';') {
    // Appositives and asides between subject and verb: walk back over the segments until one
    // that starts with a name ("Senator Harry Reid, the minority leader, said") or, at the
    // clause start, a noun phrase ("The Supreme Court justice -- who ... -- said").
    uint32_t end = t;
    for (int segments = 0; segments < 5 && end > clause_begin; ++segments) {
      uint32_t begin = end;
      while (begin > clause_begin && !a.boundary(begin - 1)) --begin;
      if (begin == end) return {};
      // Past determiners, role words and capitalised modifiers ("Republican Rep. Lee Zeldin").
      uint32_t k = begin;
      while (k < end && a.mention_at(k) < 0 &&
             (a.lower(k, kDet | kRoleNoun) ||
              (a.word(k) && (a.tokens[k].has(kCapitalised) || (a.lex(k) & kDemonym))))) {
        ++k;
      }
      if (k == begin && is_subject_pronoun(a, k)) return pronoun_at(a, k);
      // A name that only modifies a noun ("the U.S. envoy") does not make a name segment.
      const int32_t m = k < end ? a.mention_at(k) : -1;
      const bool modifier = m >= 0 && a.mention(m).end < end && a.word(a.mention(m).end) &&
                            !a.tokens[a.mention(m).end].has(kCapitalised) &&
                            !a.lower(a.mention(m).end, kPrep);
      const bool relative = a.lower(begin, kRelative);
      if (m >= 0 && !modifier && !relative && !a.tokens[k].has(kQuoted)) {
        SpeakerPhrase s = named_at(a, m, clause_begin, cue);
        s.first = std::min(s.first, begin);
        s.last = t;
        return s;
      }
      if (begin == clause_begin) {
        SpeakerPhrase s = noun_phrase_before(a, end, clause_begin);
        if (s) s.last = t;
        return s;
      }
      // Appositives, relative clauses and short asides ("meanwhile") are passed over.
      if (!relative && !is_appositive(a, begin, end) && end - begin > 2) return {};
      end = begin - 1;
    }
    return {};
  }
  if (a.word(t) && !a.tokens[t].has(kCapitalised)) return noun_phrase_before(a, p, clause_begin);
  return {};
}

SpeakerPhrase speaker_at(const Article& a, uint32_t pos, uint32_t limit, bool any_phrase) {
  if (pos >= limit) return {};
  if (is_subject_pronoun(a, pos)) return pronoun_at(a, pos);
  uint32_t k = pos;
  while (k < limit && a.mention_at(k) < 0 &&
         (a.lower(k, kDet) || (a.word(k) && (a.lex(k) & (kTitle | kDemonym))))) {
    ++k;
  }
  if (k < limit && a.mention_at(k) >= 0 && !a.tokens[k].has(kQuoted)) {
    const int32_t m = a.mention_at(k);
    const uint32_t mention_end = a.mention(m).end;
    // "the Trump campaign", "a Gallup poll": a name inside a longer phrase.
    if (mention_end < limit && a.word(mention_end) && !a.tokens[mention_end].has(kCapitalised) &&
        !(a.lex(mention_end) & (kPrep | kConj | kAux | kRelative | kSpeechVerb | kTime))) {
      if (!any_phrase) return {};
    } else {
      SpeakerPhrase s = named_at(a, m, pos, limit);
      s.first = pos;
      return s;
    }
  }
  if (!any_phrase) {
    // "said the minister": a description after the verb.
    uint32_t end = pos;
    while (end < limit && a.word(end) && end - pos < 5 && !a.lower(end, kPrep | kConj)) ++end;
    if (end > pos && describes_person(a, pos, end)) return phrase_of(a, pos, end);
    return {};
  }
  uint32_t end = segment_end(a, pos, limit);
  if (end == pos || end - pos > 20) return {};
  SpeakerPhrase s = phrase_of(a, pos, end);
  if (a.punct(end, U',')) {
    Range role = appositive_role(a, end + 1, limit);
    if (role.end > role.begin) s.role = role;
  }
  return s;
}

SpeakerPhrase clause_subject(const Article& a, uint32_t begin, uint32_t limit) {
  for (uint32_t i = begin; i < limit; ++i) {
    if (a.tokens[i].has(kQuoted)) continue;
    if (a.punct(i, U'(')) {  // "(R-Texas)", "(AP)"
      while (i < limit && !a.punct(i, U')')) ++i;
      continue;
    }
    if (is_subject_pronoun(a, i)) return pronoun_at(a, i);
    // "the justice" at the start of a clause.
    if ((i == begin || a.boundary(i - 1)) && a.word(i) && a.key(i) == "the") {
      uint32_t j = i + 1;
      while (j < limit && j < i + 5 && a.word(j) &&
             !a.lower(j, kPrep | kAux | kConj | kRelative | kSpeechVerb)) {
        if (a.lower(j++, kRoleNoun)) break;
      }
      if (describes_person(a, i, j)) return phrase_of(a, i, j);
    }
    const int32_t m = a.mention_at(i);
    if (m < 0) continue;
    const Mention& mention = a.mention(m);
    const bool modifier = mention.end < limit && a.lower(mention.end, kRoleNoun | kOrgNoun);
    // A dateline: "WASHINGTON (AP) —", "BELGRADE —".
    const bool dateline = a.tokens[mention.title_begin].has(kParagraphStart) &&
                          (a.punct(mention.end, U'(') || a.boundary(mention.end));
    if (subject_position(a, mention, begin) && !modifier && !dateline) {
      return named_at(a, m, begin, limit);
    }
    i = mention.end - 1;
  }
  return {};
}

void Salience::add(uint32_t position, int32_t actor, EntityType type, bool subject) {
  if (actor < 0) return;
  auto it = std::upper_bound(events_.begin(), events_.end(), position,
                             [](uint32_t p, const Event& e) { return p < e.position; });
  events_.insert(it, Event{position, actor, type, subject});
}

void Salience::add_subjects(const Article& a, uint32_t begin, uint32_t end,
                            const std::vector<Range>& excluded) {
  for (uint32_t i = begin; i < end; ++i) {
    const int32_t m = a.mention_at(i);
    if (m < 0) continue;
    const Mention& mention = a.mention(m);
    i = std::max(i, mention.end - 1);
    if (mention.quoted || mention.actor < 0) continue;
    bool inside = false;
    for (const Range& r : excluded) inside = inside || r.contains(mention.begin);
    if (inside) continue;
    const Actor& actor = a.actors[static_cast<size_t>(mention.actor)];
    add(mention.begin, mention.actor, actor.type, subject_position(a, mention, 0));
  }
}

int32_t Salience::resolve(const Article& a, const SpeakerPhrase& s, uint32_t position) const {
  // "they" (a group) and "I", "we" (the author) stay as written.
  if (s.kind == SpeakerPhrase::Kind::pronoun && (a.lex(s.begin) & (kPronThey | kPronFirst))) {
    return -1;
  }
  const int32_t subject = find(a, s, position, true);
  return subject >= 0 ? subject : find(a, s, position, false);
}

int32_t Salience::find(const Article& a, const SpeakerPhrase& s, uint32_t position,
                       bool subjects) const {
  const bool it = s.kind == SpeakerPhrase::Kind::pronoun && (a.lex(s.begin) & kPronIt);
  // "the prince": preferably the last person the article gave that title ("Prince Alwaleed").
  if (s.kind == SpeakerPhrase::Kind::description) {
    const std::string_view head = a.key(s.end - 1);
    for (auto e = events_.rbegin(); e != events_.rend(); ++e) {
      if (e->position >= position || e->type != EntityType::person) continue;
      if (subjects && !e->subject) continue;
      const auto& titles = a.actors[static_cast<size_t>(e->actor)].titles;
      if (std::find(titles.begin(), titles.end(), head) != titles.end()) return e->actor;
    }
  }
  for (auto e = events_.rbegin(); e != events_.rend(); ++e) {
    if (e->position >= position || (subjects && !e->subject)) continue;
    if (it) {
      if (e->type == EntityType::organisation || e->type == EntityType::location) return e->actor;
      continue;
    }
    if (e->type != EntityType::person) continue;
    const Gender g = a.actors[static_cast<size_t>(e->actor)].gender;
    if (s.gender != Gender::unknown && g != Gender::unknown && g != s.gender) continue;
    return e->actor;
  }
  return -1;
}

}  // namespace quotewire::extract
