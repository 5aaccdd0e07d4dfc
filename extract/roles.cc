#include "extract/roles.h"

namespace quotewire::extract {
bool has_role_word(const Article& a, uint32_t begin, uint32_t end) {
  for (uint32_t i = begin; i < end; ++i) {
    if (a.word(i) && (a.lex(i) & (kRoleNoun | kTitle))) return true;
  }
  return false;
}

namespace {

// Words that show a clause rather than a noun phrase: auxiliaries, pronouns, speech verbs (but
// not as nouns: "the state fisheries inspector").
bool has_clause_word(const Article& a, uint32_t begin, uint32_t end) {
  for (uint32_t i = begin; i < end; ++i) {
    if (a.lower(i, kAux | kPronHe | kPronShe | kPronThey | kPronFirst)) return true;
    if (a.lower(i, kSpeechVerb) &&
        !(i > begin && (a.lower(i - 1, kDet) || a.tokens[i - 1].has(kPossessive)))) {
      return true;
    }
    if (a.tokens[i].kind == TokenKind::quote && !plural_possessive(a.tokens, a.keys, i)) {
      return true;
    }
  }
  return false;
}

bool honorific(const Article& a, uint32_t i) {
  if (!a.word(i)) return false;
  std::string_view k = a.key(i);
  if (k.ends_with('.')) k.remove_suffix(1);
  return k == "mr" || k == "mrs" || k == "ms" || k == "miss" || k == "mx";
}

}  // namespace

bool role_qualifier(const Article& a, uint32_t i) {
  if (!a.word(i)) return false;
  const std::string_view k = a.key(i);
  return k == "former" || k == "acting" || k == "interim" || k == "outgoing" || k == "incoming" ||
         k == "then" || k == "late" || k == "deputy" || k == "retired";
}

bool relative_start(const Article& a, uint32_t i) {
  return a.lower(i, kRelative) ||
         (a.word(i) && a.key(i) == "that" && !a.tokens[i].has(kCapitalised));
}

uint32_t segment_end(const Article& a, uint32_t begin, uint32_t limit) {
  uint32_t i = begin;
  while (i < limit && !a.boundary(i) && !a.punct(i, U'.')) ++i;
  return i;
}

bool is_appositive(const Article& a, uint32_t begin, uint32_t end) {
  if (begin >= end || end - begin > 24) return false;
  if (a.tokens[begin].kind == TokenKind::number) return end == begin + 1;  // an age
  if (!a.word(begin) || (a.lex(begin) & kRelative)) return false;
  // Up to a relative clause ("a retired ferry captain ... who said ..."), a noun phrase.
  uint32_t stop = begin;
  while (stop < end && !relative_start(a, stop)) ++stop;
  if (has_clause_word(a, begin, stop)) return false;
  const bool starts_lower = !a.tokens[begin].has(kCapitalised);
  const bool determiner = a.lower(begin, kDet) || (a.lex(begin) & kDet);
  // "the agency's deputy director": a possessive name counts as a determiner.
  uint32_t head = begin;
  if (const int32_t m = a.mention_at(begin);
      m >= 0 && a.mention(m).end < stop && a.tokens[a.mention(m).end].has(kPossessive)) {
    head = a.mention(m).end + 1;
  }
  // A possessive name stands for a determiner too: "Facebook's global politics director".
  return determiner || head > begin || (starts_lower && has_role_word(a, begin, stop)) ||
         has_role_word(a, head, std::min(stop, head + 3));
}

Range appositive_role(const Article& a, uint32_t begin, uint32_t limit) {
  uint32_t end = segment_end(a, begin, limit);
  if (end == begin + 1 && a.tokens[begin].kind == TokenKind::number && a.punct(end, U',')) {
    begin = end + 1;  // "Marta Jurić, 41, a retired ferry captain ..."
    end = segment_end(a, begin, limit);
  }
  // "says Gonzalez, 46.": an age alone is no role.
  if (end == begin + 1 && a.tokens[begin].kind == TokenKind::number) return {};
  if (!is_appositive(a, begin, end)) return {};
  uint32_t stop = begin;
  while (stop < end && !relative_start(a, stop)) ++stop;
  return stop > begin ? Range{begin, stop} : Range{};
}

Range preceding_role(const Article& a, const Mention& m, uint32_t clause_begin) {
  uint32_t begin = m.title_begin;
  // Lower-case role words right before: "political analyst", "co-host", "former", with a
  // demonym in front ("Hungarian minister"); the first word of a sentence counts as lower case
  // when it usually is ("Political analyst ...", "Economist ...").
  auto lower_case = [&](uint32_t i) {
    const Token& t = a.tokens[i];
    if (!t.has(kCapitalised)) return true;
    if (!t.has(kSentenceStart) || t.has(kAllCaps) || a.mention_at(i) >= 0) return false;
    // "Chief executive Tim Cook", "Chief financial officer Sinead Gorman": a title's word
    // opening the sentence before a lower-case role (the walk below keeps only a role).
    if ((a.lex(i) & kTitle) && i + 1 < a.size() && a.word(i + 1) &&
        !a.tokens[i + 1].has(kCapitalised)) {
      return true;
    }
    return (a.lex(i) & (kCommon | kRoleNoun)) &&
           !(a.lex(i) & (kTitle | kFirstName | kAdverb | kTime | kDay | kMonth));
  };
  // "Transport Secretary", "Opposition Leader": the office's common noun, capitalised with the
  // title it names.
  while (begin > clause_begin && begin == m.title_begin && m.title_begin < m.begin &&
         a.word(begin - 1) && a.tokens[begin - 1].has(kCapitalised) &&
         !a.tokens[begin - 1].has(kAllCaps) && a.mention_at(begin - 1) < 0 &&
         (a.lex(begin - 1) & kCommon) &&
         !(a.lex(begin - 1) & (kTitle | kFirstName | kDemonym | kDet | kPrep | kConj | kPronoun |
                               kAux | kSpeechVerb | kDay | kMonth | kTime))) {
    --begin;
  }
  // "Secretary of State John Kerry", "Minister of Finance Ana Kovač", "Mayor of London Sadiq
  // Khan": an office after "of", or a place.
  if (begin == m.title_begin) {
    uint32_t k = begin;
    if (const int32_t place = k > clause_begin ? a.mention_at(k - 1) : -1;
        place >= 0 && a.mention(place).end == k && a.mention(place).type == EntityType::location) {
      k = a.mention(place).begin;
    } else {
      while (k > clause_begin && k + 2 > begin && a.word(k - 1) &&
             a.tokens[k - 1].has(kCapitalised) && a.mention_at(k - 1) < 0 &&
             (a.lex(k - 1) & (kCommon | kTitle))) {
        --k;
      }
    }
    if (k >= clause_begin + 2 && a.word(k - 1) && a.key(k - 1) == "of" && a.word(k - 2) &&
        a.tokens[k - 2].has(kCapitalised) && (a.lex(k - 2) & kTitle)) {
      begin = k - 2;
      while (begin > clause_begin && a.word(begin - 1) && a.tokens[begin - 1].has(kCapitalised) &&
             (a.lex(begin - 1) & kTitle) && a.mention_at(begin - 1) < 0) {
        --begin;
      }
    }
  }
  const uint32_t office = begin;
  // "The party on Friday elected former defence minister X": a verb, unless a determiner makes
  // it an adjective ("the embattled chief executive"); so is a word after "to" ("agreed to sign
  // midfielder X").
  const auto verb = [&](uint32_t i) {
    if ((a.lex(i) & kFiniteVerb) && !a.tokens[i].has(kCapitalised)) return true;
    if (i > 0 && a.word(i - 1) && a.key(i - 1) == "to") return true;
    const std::string_view k = a.key(i);
    return k.size() > 4 && k.ends_with("ed") && !role_qualifier(a, i) && i > 0 &&
           !(a.word(i - 1) && (a.lex(i - 1) & kDet)) && !a.tokens[i - 1].has(kPossessive);
  };
  while (begin > clause_begin && a.word(begin - 1) && lower_case(begin - 1) &&
         !(a.lex(begin - 1) & (kDet | kPrep | kAux | kConj | kRelative | kPronoun | kSpeechVerb)) &&
         !verb(begin - 1)) {
    --begin;
  }
  // Only a stretch that ends in a role noun ("party convention Sen. X" has none), or of words
  // that date or qualify the title ("former President X").
  bool qualifiers = begin < office;
  for (uint32_t i = begin; i < office; ++i) qualifiers = qualifiers && role_qualifier(a, i);
  if (begin < office && !qualifiers &&
      !(a.word(office - 1) && lower_case(office - 1) && (a.lex(office - 1) & kRoleNoun))) {
    begin = office;
  }
  if (begin < m.title_begin && begin > clause_begin && a.word(begin - 1) &&
      (a.lex(begin - 1) & kDemonym) && a.mention_at(begin - 1) < 0) {
    --begin;
  }
  // "Mr. Albanese", "former president Mr. Smith": a form of address is no role.
  uint32_t stop = m.begin;
  while (stop > begin && honorific(a, stop - 1)) --stop;
  if (begin < stop && has_role_word(a, begin, stop)) return {begin, stop};
  // "Russia's Ambassador to Serbia, Alexander Botsan-Kharchenko, ...": the name between commas,
  // not "… candidates for president, Kander said"; "The study's lead author, Kenji Watanabe of
  // Kyoto University, …" with where the person works.
  uint32_t after = m.end;
  while (after + 1 < a.size() && a.word(after) && a.key(after) == "of") {
    const uint32_t name = a.word(after + 1) && a.key(after + 1) == "the" ? after + 2 : after + 1;
    if (name >= a.size() || a.mention_at(name) < 0) break;
    after = a.mention(a.mention_at(name)).end;
  }
  if (m.begin >= clause_begin + 2 && a.punct(m.begin - 1, U',') && after < a.size() &&
      a.punct(after, U',')) {
    uint32_t start = m.begin - 1;
    while (start > clause_begin && !a.boundary(start - 1)) --start;
    // Not an introduction ("In the wake of President X's remarks, ..."): no preposition first,
    // no person in it, except the one whose aide this is ("Health Secretary Wes Streeting's
    // spokesman, James Hart, said").
    bool person = false;
    for (uint32_t i = start; i + 1 < m.begin; ++i) {
      const int32_t other = a.mention_at(i);
      if (other < 0 || a.mention(other).type != EntityType::person) continue;
      const uint32_t after = a.mention(other).end;
      const bool whose = a.mention(other).begin == i && after + 2 < m.begin &&
                         a.tokens[after].has(kPossessive) &&
                         has_role_word(a, after + 1, m.begin - 1);
      person = person || !whose;
      if (whose) i = after;
    }
    // "But Labour's shadow chancellor, Rachel Reeves, ...": the conjunction joins the clause.
    // "In mitigation, his barrister, Ruth Palmer, said": after an opening prepositional phrase.
    bool opening = start >= clause_begin + 3 && a.punct(start - 1, U',') && a.word(clause_begin) &&
                   (a.lex(clause_begin) & kPrep) && a.tokens[clause_begin].has(kSentenceStart);
    for (uint32_t i = clause_begin + 1; opening && i + 1 < start; ++i) {
      opening = a.word(i) && a.mention_at(i) < 0 && !a.lower(i, kFiniteVerb | kAux | kRelative);
    }
    const bool at_clause = start == clause_begin || opening;
    while (start + 2 < m.begin && a.word(start) && (a.lex(start) & kConj)) ++start;
    // Nor a clause that ends in the role: "The vote came weeks after his finance minister, X,".
    bool verb = false;
    for (uint32_t i = start; i + 1 < m.begin && !verb; ++i) verb = a.lower(i, kFiniteVerb);
    if (at_clause && has_role_word(a, start, m.begin - 1) &&
        !has_clause_word(a, start, m.begin - 1) && !verb && !(a.lex(start) & kPrep) && !person) {
      return {start, m.begin - 1};
    }
  }
  return {};
}

}  // namespace quotewire::extract
