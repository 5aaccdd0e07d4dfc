#include "extract/speakers.h"

#include <algorithm>

#include "extract/roles.h"

namespace quotewire::extract {
bool is_subject_pronoun(const Article& a, uint32_t i) {
  if (!a.word(i) || !(a.lex(i) & kPronoun)) return false;
  // Object and possessive forms are not subjects; "I" and "we" are (the author speaking).
  const std::string_view k = a.key(i);
  return k == "he" || k == "she" || k == "it" || k == "they" || k == "i" || k == "we";
}

namespace {

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
    // "Amnesty International Kenya said": the body's branch in a country is the body's.
    if (const int32_t body = mention.begin > clause_begin ? a.mention_at(mention.begin - 1) : -1;
        mention.type == EntityType::location && body >= 0 &&
        a.mention(body).type == EntityType::organisation && a.mention(body).end == mention.begin) {
      m = body;
      continue;
    }
    uint32_t before = mention.title_begin;
    // "Tamas Varga of oil broker PVM": what the body is, between "of" and its name.
    uint32_t w = before;
    while (w > clause_begin && w + 3 > before && a.word(w - 1) &&
           !a.tokens[w - 1].has(kCapitalised) &&
           !a.lower(w - 1, kPrep | kDet | kConj | kAux | kPronoun | kRelative | kSpeechVerb)) {
      --w;
    }
    if (w < before && w >= clause_begin + 2 && a.lower(w - 1, kPrep) && a.key(w - 1) == "of") {
      const int32_t outer = a.mention_at(w - 2);
      if (outer >= 0 && a.mention(outer).type == EntityType::person) before = w;
    }
    // "Yoshihiko Noda of the Constitutional Democratic Party".
    if (before == mention.title_begin && before >= clause_begin + 3 && a.word(before - 1) &&
        a.key(before - 1) == "the" && !a.tokens[before - 1].has(kCapitalised)) {
      --before;
    }
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
    // "Peter Attard Montalto of Krutham, a consultancy in Johannesburg": after "of Y", a phrase
    // with no word for a person describes Y.
    if (after > mention.end && !has_role_word(a, role.begin, role.end)) role = {};
    if (role.end > role.begin) s.role = role;
  }
  return s;
}

// Is the noun phrase [begin, end) a description of a person ("the appeals court judge")?
// So is "the Australian" (a demonym standing alone) or "the 46-year-old".
bool describes_person(const Article& a, uint32_t begin, uint32_t end) {
  if (!a.word(begin) || a.key(begin) != "the" || end < begin + 2) return false;
  const uint32_t last = end - 1;
  if (a.lower(last, kRoleNoun)) return true;
  if (end == begin + 2 && a.word(last) && (a.lex(last) & kDemonym) && !a.key(last).ends_with('s')) {
    return true;
  }
  return a.word(last) && a.key(last).ends_with("-old") && last >= 2 && joins_number(a, last - 1);
}

// "the company", "the Japanese automaker", "the world's biggest chipmaker".
bool describes_company(const Article& a, uint32_t begin, uint32_t end) {
  if (!a.word(begin) || a.key(begin) != "the" || end < begin + 2 || !a.word(end - 1)) return false;
  const WordInfo* info = a.tokens[end - 1].info;
  return info && info->company_noun && !a.tokens[end - 1].has(kCapitalised);
}

SpeakerPhrase phrase_of(const Article& a, uint32_t begin, uint32_t end) {
  SpeakerPhrase s;
  s.first = begin;
  // "But the other candidate said": the conjunction joins the clause, it names no one.
  while (begin + 1 < end && a.word(begin) && (a.lex(begin) & kConj)) ++begin;
  s.organisation = describes_company(a, begin, end);
  s.kind = s.organisation || describes_person(a, begin, end) ? SpeakerPhrase::Kind::description
                                                             : SpeakerPhrase::Kind::phrase;
  s.begin = begin;
  s.end = s.last = end;
  if (s.kind == SpeakerPhrase::Kind::description && a.tokens[end - 1].info) {
    s.gender = a.tokens[end - 1].info->gender;
  }
  // "the left-wing France Unbowed party", "the Adria Ferries company": the organisation named
  // right before the noun for what it is (not "the Kovač campaign", a person's, nor "a
  // spokesperson for the Houthi movement", someone speaking for it).
  if (end >= begin + 2 && a.word(end - 1) && !a.tokens[end - 1].has(kCapitalised) &&
      (a.lex(end - 1) & kOrgNoun) && a.key(end - 1) != "campaign") {
    const int32_t m = a.mention_at(end - 2);
    bool heads = m >= 0;
    for (uint32_t i = begin; heads && i < a.mention(m).begin; ++i) heads = !a.lower(i, kPrep);
    if (heads && a.mention(m).end == end - 1 && a.mention(m).type == EntityType::organisation) {
      s.kind = SpeakerPhrase::Kind::named;
      s.mention = m;
      s.organisation = false;
      s.begin = a.mention(m).begin;
      s.end = a.mention(m).end;
    }
  }
  return s;
}

// A word that heads a phrase naming people: a role noun ("adviser") or a group noun ("officials",
// "critics", "percent").
bool person_noun(const Article& a, uint32_t i) {
  return a.word(i) && (a.lex(i) & (kRoleNoun | kGroupNoun)) &&
         (!a.tokens[i].has(kCapitalised) || a.tokens[i].has(kSentenceStart));
}

// A possessive determiner ("her", "their") is no pronoun subject inside a noun phrase.
bool pronoun_word(const Article& a, uint32_t i) {
  return a.lower(i, kPronoun) && !(a.lex(i) & kDet);
}

// "The judge rubbed …", "The spokesman refused …": a word in "-ed" after a noun for people or a
// body is the verb, not part of the subject.
bool past_tense_after_noun(const Article& a, uint32_t i) {
  return i > 0 && a.word(i) && !a.tokens[i].has(kCapitalised) && a.key(i).size() > 4 &&
         a.key(i).ends_with("ed") && a.lower(i - 1, kRoleNoun | kGroupNoun | kOrgNoun);
}

// A speech verb is a noun only after a determiner or a possessive: "the report", "the state
// officials".
bool noun_after_determiner(const Article& a, uint32_t i) {
  return i > 0 && ((a.word(i - 1) && (a.lex(i - 1) & kDet)) || a.tokens[i - 1].has(kPossessive)) &&
         a.lexicon.verb(a.tokens[i].info->speech_verb).noun_form;
}

// A noun phrase ending at `end` (exclusive) and starting after the previous boundary: "The
// statement by the two", "the ferry operator", "many of her supporters", "58 percent", "critics".
// None if it holds a verb-like word.
SpeakerPhrase noun_phrase_before(const Article& a, uint32_t end, uint32_t clause_begin) {
  uint32_t begin = end;
  // Not past a relative "that" after a noun: "a law that critics say …" has "critics" for its
  // subject (not "noted that", "now that": there the walk goes on as before).
  const auto relative_that = [&](uint32_t t) {
    return a.word(t) && a.key(t) == "that" && !a.tokens[t].has(kCapitalised) && t > clause_begin &&
           a.word(t - 1) && !a.tokens[t - 1].has(kCapitalised) &&
           !a.lower(t - 1, kSpeechVerb | kFiniteVerb | kAux | kAdverb | kConj | kPrep | kTime |
                               kPronoun | kDet) &&
           !a.key(t - 1).ends_with("ed");
  };
  while (begin > clause_begin && end - begin < 7 &&
         (a.word(begin - 1) || a.tokens[begin - 1].has(kPossessive) ||
          a.tokens[begin - 1].kind == TokenKind::number || joins_number(a, begin - 1)) &&
         !a.lower(begin - 1, kConj | kRelative) && !relative_that(begin - 1)) {
    --begin;
  }
  if (begin == end) return {};
  // "a charge the company denied": an article right after "a/the (adjective) noun" starts the
  // subject of a relative clause without "that".
  auto article = [&](uint32_t i) {
    return a.lower(i, kDet) && (a.key(i) == "the" || a.key(i) == "a" || a.key(i) == "an");
  };
  if (article(begin)) {
    for (uint32_t i = begin + 2; i < end && i <= begin + 3; ++i) {
      if (!a.word(i - 1) || a.tokens[i - 1].has(kCapitalised) ||
          a.lower(i - 1, kDet | kPrep | kConj | kAux | kRelative | kFiniteVerb | kSpeechVerb)) {
        break;
      }
      if (article(i)) {
        begin = i;
        break;
      }
    }
  }
  for (uint32_t i = begin; i < end; ++i) {
    if (a.lower(i, kAux | kRelative) || a.tokens[i].has(kQuoted) || past_tense_after_noun(a, i)) {
      return {};
    }
    if (a.lower(i, kSpeechVerb) && !(i > begin && noun_after_determiner(a, i))) return {};
    // "many of them" has an object pronoun; elsewhere a pronoun starts another clause.
    if (pronoun_word(a, i) && !(i > begin && a.lower(i - 1, kPrep))) return {};
  }
  // "In two long interviews, ..." is no subject; "about 40 percent" is.
  // "Ana Kovač issued a statement": a name followed by a verb is a clause's subject.
  for (uint32_t i = begin; i < end; ++i) {
    const int32_t m = a.mention_at(i);
    if (m < 0) continue;
    const uint32_t after = a.mention(m).end;
    if (a.mention(m).type == EntityType::person && after < end && a.word(after) &&
        !a.tokens[after].has(kCapitalised) && !a.lower(after, kRoleNoun | kGroupNoun | kOrgNoun)) {
      const std::string_view k = a.key(after);
      if (k.size() > 3 && k.substr(k.size() - 2) == "ed") return {};  // a past tense
    }
    i = after - 1;
  }
  if (a.lex(begin) & kPrep) {
    if (!person_noun(a, end - 1) || begin + 1 == end) return {};
    ++begin;
  }
  const bool people = person_noun(a, end - 1) || (a.lex(begin) & kGroupNoun);
  // A number starts a share of people: "61 percent", "four out of 10 voters", "six in 10".
  const bool share = people || (end >= begin + 3 && a.tokens[end - 1].kind == TokenKind::number &&
                                a.lower(end - 2, kPrep));
  if (a.tokens[begin].kind == TokenKind::number && !share) return {};
  // "one witness" as "a witness".
  const bool one = a.word(begin) && a.key(begin) == "one";
  if (!a.lower(begin, kDet) && !a.tokens[begin].has(kCapitalised) && !people && !one) return {};
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
  uint32_t before = role.end > role.begin ? role.begin : m.title_begin;
  // "her husband, former President Bill Clinton, …": the words that qualify a title do not
  // make its name a subject; only what stands before the title does.
  while (before < m.title_begin && role_qualifier(a, before)) ++before;
  // "Sixteen-year-old Enie Lam", "16-year-old Ana": an age before the name.
  if (before > clause_begin && a.word(before - 1) && a.key(before - 1).ends_with("-old")) {
    --before;
    if (before >= clause_begin + 2 && joins_number(a, before - 1)) before -= 2;
  }
  // Capitalised modifiers and names before the role: "Union leader Ana Kovač".
  if (role.end > role.begin) {
    while (before > clause_begin && a.word(before - 1) && a.tokens[before - 1].has(kCapitalised) &&
           !(a.lex(before - 1) & (kConj | kPrep | kDet))) {
      --before;
    }
  }
  // "Democratic state Rep. Rafael Anchía": words of the office before a title, when they open
  // the sentence or clause (after a comma they may be an apposition's).
  {
    uint32_t office = before;
    while (office > clause_begin && office + 3 > before && a.word(office - 1) &&
           !(a.lex(office - 1) &
             (kDet | kPrep | kAux | kConj | kRelative | kPronoun | kFiniteVerb | kAdverb)) &&
           a.mention_at(office - 1) < 0) {
      --office;
    }
    if (office < before && (a.lex(before) & kTitle) &&
        (office == clause_begin || a.tokens[office].has(kSentenceStart))) {
      before = office;
    }
  }
  // "Lufthansa Chief Executive Carsten Spohr": the body whose title it is.
  while (before > clause_begin && a.word(before - 1) && a.tokens[before - 1].has(kCapitalised) &&
         (a.lex(before - 1) & kTitle) && a.mention_at(before - 1) < 0) {
    --before;
  }
  if (before < m.begin && before > clause_begin) {
    if (const int32_t body = a.mention_at(before - 1);
        body >= 0 && a.mention(body).end == before && a.mention(body).type != EntityType::person) {
      before = a.mention(body).title_begin;
    }
  }
  // "Gonzalez's colleague Tom Becker", "the hospital's chief executive, David Marsh": whose
  // role it is belongs to the subject.
  if (role.end > role.begin && before >= clause_begin + 2 &&
      a.tokens[before - 1].has(kPossessive)) {
    uint32_t owner = before - 1;
    if (const int32_t n = a.mention_at(owner - 1); n >= 0) {
      owner = a.mention(n).title_begin;
    } else if (a.word(owner - 1)) {
      --owner;  // "the hospital's"
    }
    if (owner > clause_begin && a.word(owner - 1) && a.key(owner - 1) == "the") --owner;
    before = owner;
  }
  // "The National Bank of Serbia kept …": the article opening the sentence belongs to the name
  // (not "as the EU-led talks …", where the name is a modifier inside the clause).
  if (before > clause_begin && a.word(before - 1) && a.key(before - 1) == "the" &&
      a.tokens[before - 1].has(kSentenceStart)) {
    --before;
  }
  return before <= clause_begin || a.tokens[before].has(kSentenceStart) || a.boundary(before - 1) ||
         a.lower(before - 1, kConj) || (a.word(before - 1) && a.key(before - 1) == "that");
}

// The relative pronoun of a clause with a verb that runs up to `i` ("who spoke with"), or 0.
uint32_t relative_before(const Article& a, uint32_t i, uint32_t clause_begin) {
  bool verb = false;
  for (uint32_t k = i; k > clause_begin + 1; --k) {
    const uint32_t t = k - 1;
    if (a.boundary(t) || a.tokens[t].kind == TokenKind::quote) return 0;
    if (relative_start(a, t)) return verb ? t : 0;
    verb = verb || a.lower(t, kFiniteVerb | kAux) || (a.word(t) && a.key(t).ends_with("ed"));
  }
  return 0;
}

// "A spokesperson for the Houthi movement, which has claimed …": the speaker is the thing the
// noun phrase before the comma ends with, past its prepositions, not the person who heads it.
SpeakerPhrase which_subject(const Article& a, uint32_t which, uint32_t clause_begin) {
  if (which < clause_begin + 2 || !a.punct(which - 1, U',')) return {};
  SpeakerPhrase s = noun_phrase_before(a, which - 1, clause_begin);
  if (!s) return {};
  uint32_t begin = s.begin;
  for (uint32_t k = s.begin; k + 1 < s.end; ++k) {
    if (a.lower(k, kPrep)) begin = k + 1;
  }
  if (begin >= s.end) return {};
  if (const int32_t m = a.mention_at(s.end - 1); m >= 0 && a.mention(m).begin >= begin) {
    s = named_at(a, m, begin, which);
  } else if (begin > s.begin) {
    s = phrase_of(a, begin, s.end);
  }
  s.last = which + 1;  // the subject as written is "which"
  return s;
}

// "X, who said ...": the speaker is written "who" and is the name (or people) before it.
SpeakerPhrase relative_subject(const Article& a, uint32_t who, uint32_t clause_begin) {
  SpeakerPhrase s = phrase_of(a, who, who + 1);
  s.kind = SpeakerPhrase::Kind::phrase;
  // The name right before, or the person a description before it belongs to ("Ana Kovač, a
  // former aide in Zagreb who said ...", "Cruz, a graduate of Harvard Law School who has ...").
  const uint32_t floor = who > clause_begin + 30 ? who - 30 : clause_begin;
  for (uint32_t k = who; k > floor; --k) {
    const int32_t m = a.mention_at(k - 1);
    if (m < 0) {
      if (a.lower(k - 1, kAux | kSpeechVerb | kRelative | kConj) || pronoun_word(a, k - 1)) break;
      continue;
    }
    const Mention& mention = a.mention(m);
    // Not a place, nor a body after a preposition: "a graduate of Harvard Law School who".
    if (mention.type == EntityType::location ||
        (mention.type == EntityType::organisation && mention.begin > 0 &&
         a.lower(mention.begin - 1, kPrep))) {
      k = mention.begin + 1;
      continue;
    }
    s.kind = SpeakerPhrase::Kind::named;
    s.mention = m;
    s.gender = mention.gender;
    return s;
  }
  // "Some far-right commentators, who said ...": the people the phrase before it names.
  const uint32_t end = who > clause_begin && a.punct(who - 1, U',') ? who - 1 : who;
  const SpeakerPhrase people = noun_phrase_before(a, end, clause_begin);
  if (!people || !person_noun(a, people.end - 1)) return s;
  // Not the words that lead to it: "compared with | 23 percent", "including | people".
  uint32_t begin = people.begin;
  for (uint32_t k = people.begin; k + 1 < end; ++k) {
    const bool between_numbers = k > people.begin && a.tokens[k - 1].kind == TokenKind::number &&
                                 a.tokens[k + 1].kind == TokenKind::number;  // "6 in 10"
    if ((a.lower(k, kPrep) && a.key(k) != "of" && !between_numbers) ||
        (a.word(k) && !a.tokens[k].has(kCapitalised) &&
         (a.key(k).ends_with("ing") || a.key(k) == "compared"))) {
      begin = k + 1;
    }
  }
  return begin < end ? phrase_of(a, begin, end) : s;
}

}  // namespace

bool speech_infinitive(const Article& a, uint32_t to) {
  return infinitive_chain(a, to) > 0;
}

uint32_t infinitive_chain(const Article& a, uint32_t to) {
  if (to < 2 || !a.word(to) || a.key(to) != "to") return 0;
  const std::string_view before = a.key(to - 1);
  if (before == "continued" || before == "continues") return 2;
  if (before == "on" && (a.key(to - 2) == "went" || a.key(to - 2) == "goes")) return 3;
  // "went so far as to say"
  if (to >= 4 && before == "as" && a.key(to - 2) == "far" && a.key(to - 3) == "so" &&
      a.word(to - 4) && (a.key(to - 4) == "went" || a.key(to - 4) == "goes")) {
    return 5;
  }
  return 0;
}

namespace {

// "She declined to say whether …", "refused to comment": the subject is hers, the statement
// the statement model's to judge.
bool refusal_infinitive(const Article& a, uint32_t to) {
  return to >= 2 && a.word(to) && a.key(to) == "to" && a.word(to - 1) &&
         (a.key(to - 1).starts_with("declin") || a.key(to - 1).starts_with("refus"));
}

}  // namespace

// An adverb no list holds, right after a pronoun, a name, an auxiliary or an aside: "He
// memorably promised", "Ana Kovač flatly denied", "has vocally called", "Clinton, after the
// scandal broke, initially said". Not "-ily" nouns ("the Kovač family said").
bool manner_adverb(const Article& a, uint32_t t, uint32_t clause_begin) {
  if (t <= clause_begin || !a.word(t) || a.tokens[t].has(kCapitalised)) return false;
  const std::string_view k = a.key(t);
  if (k.size() < 6 || !k.ends_with("ly") || k.ends_with("ily")) return false;
  return is_subject_pronoun(a, t - 1) || a.boundary(t - 1) || a.lower(t - 1, kAux) ||
         (a.mention_at(t - 1) >= 0 && a.mention(a.mention_at(t - 1)).end == t);
}

bool joins_number(const Article& a, uint32_t i) {
  return i > 0 && i + 1 < a.size() && a.punct(i, U'-') &&
         a.tokens[i - 1].kind == TokenKind::number && a.tokens[i - 1].end == a.tokens[i].start &&
         a.word(i + 1) && a.tokens[i].end == a.tokens[i + 1].start;
}

namespace {

// "the Wisconsin Republican", "the New Hampshire Democrat": a party's member described by the
// state, someone named before, not a body or a group. Turns the named phrase `s`, whose
// mention ends in the party's word, into that description.
void party_member(const Article& a, SpeakerPhrase& s) {
  if (s.kind != SpeakerPhrase::Kind::named || s.mention < 0) return;
  const Mention& m = a.mention(s.mention);
  const std::string_view last = a.key(m.end - 1);
  uint32_t the = m.title_begin;  // "the Wisconsin | Republican": past the state's own mention
  if (const int32_t place = the > 0 ? a.mention_at(the - 1) : -1;
      place >= 0 && a.mention(place).type == EntityType::location) {
    the = a.mention(place).begin;
  }
  if ((last != "democrat" && last != "republican") || the == 0 || !a.word(the - 1) ||
      a.key(the - 1) != "the") {
    return;
  }
  s.kind = SpeakerPhrase::Kind::description;
  s.mention = -1;
  s.begin = s.first = std::min(s.first, the - 1);
  s.end = m.end;
  s.role = {};
}

// "…, the WHO and UNICEF said", "…, Britain, France and Germany said": the names before the
// last of coordinated ones belong to the subject, not to what was said. Returns the subject's
// first token.
uint32_t coordinated_first(const Article& a, uint32_t first, uint32_t clause_begin) {
  bool joined = false;
  while (first >= clause_begin + 2) {
    const uint32_t link = first - 1;
    const bool conj = a.word(link) && a.key(link) == "and" && !joined;
    if (!conj && !(joined && a.punct(link, U','))) break;
    const int32_t m = a.mention_at(link - 1);
    if (m < 0) {
      // "…, the port authority and Jadrolinija said": a noun phrase that opens its segment.
      uint32_t k = link;
      while (k > clause_begin && k + 4 > link && a.word(k - 1) &&
             !a.tokens[k - 1].has(kCapitalised) &&
             !a.lower(k - 1, kDet | kPrep | kConj | kAux | kPronoun | kRelative | kSpeechVerb)) {
        --k;
      }
      if (conj && k < link && k > clause_begin && a.key(k - 1) == "the" &&
          (k - 1 == clause_begin || a.boundary(k - 2))) {
        first = k - 1;
      }
      break;
    }
    if (a.mention(m).end != link || a.tokens[a.mention(m).begin].has(kQuoted)) break;
    first = a.mention(m).title_begin;
    if (first > clause_begin && a.word(first - 1) && a.key(first - 1) == "the") --first;
    joined = true;
  }
  return first;
}

}  // namespace

namespace {

// The first token of a time phrase ending at `t` ("on Tuesday", "last week", "yesterday"), or
// t + 1 when there is none. A subject stands before it.
uint32_t time_before(const Article& a, uint32_t t, uint32_t clause_begin) {
  if (!a.word(t) || !((a.lex(t) & kDay) || a.lower(t, kTime))) return t + 1;
  uint32_t begin = t;
  if (begin > clause_begin && a.word(begin - 1) &&
      (a.key(begin - 1) == "on" || a.key(begin - 1) == "last" || a.key(begin - 1) == "this" ||
       a.key(begin - 1) == "earlier")) {
    --begin;
  }
  // A subject must remain: "Tuesday said" alone is none of this, nor is "a" of "a month".
  const bool subject = begin > clause_begin && !a.lower(begin - 1, kDet | kPrep) &&
                       a.tokens[begin - 1].kind != TokenKind::number &&
                       !(a.word(begin - 1) && a.key(begin - 1) == "past");
  return subject ? begin : t + 1;
}

}  // namespace

SpeakerPhrase subject_before(const Article& a, uint32_t cue, uint32_t clause_begin) {
  uint32_t p = cue;
  // Auxiliaries, adverbs and asides in brackets between subject and verb: "has repeatedly
  // stated", "also said", "went on to say", "Rep. Tina Vuković (D-Ore.) said".
  while (p > clause_begin) {
    const uint32_t t = p - 1;
    if (a.lower(t, kAux | kAdverb) || manner_adverb(a, t, clause_begin)) {
      --p;
    } else if (const uint32_t when = time_before(a, t, clause_begin); when < p) {
      p = when;  // "Ana Kovač on Tuesday said", "Ana Kovač last week said"
    } else if (const uint32_t chain = infinitive_chain(a, t);
               chain > 0 && t + 1 >= clause_begin + chain) {
      p -= chain;
    } else if (refusal_infinitive(a, t) && t > clause_begin + 1) {
      p -= 2;
    } else if (a.punct(t, U')') && opening_bracket(a, t, clause_begin) < t) {
      p = opening_bracket(a, t, clause_begin);
    } else if (a.tokens[t].kind == TokenKind::number && t > clause_begin &&
               a.mention_at(t - 1) >= 0 && a.mention(a.mention_at(t - 1)).end == t &&
               a.mention(a.mention_at(t - 1)).type == EntityType::organisation) {
      --p;  // the number a body's name ends with: "Machinists District 751 said"
    } else {
      break;
    }
  }
  if (p <= clause_begin) return {};
  const uint32_t t = p - 1;
  if (is_subject_pronoun(a, t)) return pronoun_at(a, t);
  if (a.lower(t, kRelative) && a.key(t) == "who") return relative_subject(a, t, clause_begin);
  if (a.lower(t, kRelative) && a.key(t) == "which") return which_subject(a, t, clause_begin);
  if (const int32_t m = a.mention_at(t); m >= 0 && !a.tokens[t].has(kQuoted)) {
    // "Officials who spoke with The Huffington Post said": the name is in a relative clause on
    // the subject.
    if (const uint32_t who = relative_before(a, a.mention(m).begin, clause_begin); who > 0) {
      if (SpeakerPhrase s = noun_phrase_before(a, who, clause_begin)) {
        s.last = t;
        return s;
      }
    }
    const int32_t head = head_mention(a, m, clause_begin);
    // "Officials in Kyiv said", "Residents of Gaza said", "the mayor of Split said", "Analysts
    // at Morgan Stanley wrote": people named by where they are, not the place.
    // "A source close to Apple said", "a person close to Ana Kovač said": someone near them.
    if (const uint32_t to = a.mention(head).title_begin;
        to >= clause_begin + 3 && a.word(to - 1) && a.key(to - 1) == "to" && a.word(to - 2) &&
        a.key(to - 2) == "close" && (person_noun(a, to - 3) || a.key(to - 3) == "person")) {
      if (SpeakerPhrase s = noun_phrase_before(a, to - 2, clause_begin)) {
        s.end = s.last = a.mention(m).end;
        s.kind = SpeakerPhrase::Kind::phrase;
        return s;
      }
    }
    // "The head of the Adria Foundation said" too.
    uint32_t at = a.mention(head).title_begin;
    const bool the_body = at >= clause_begin + 3 && a.word(at - 1) && a.key(at - 1) == "the" &&
                          !a.tokens[at - 1].has(kCapitalised);
    if (the_body) --at;
    if (a.mention(head).type != EntityType::person && at >= clause_begin + 2 &&
        a.lower(at - 1, kPrep) &&
        (a.key(at - 1) == "in" || a.key(at - 1) == "of" || a.key(at - 1) == "from" ||
         a.key(at - 1) == "at") &&
        person_noun(a, at - 2)) {
      if (SpeakerPhrase s = noun_phrase_before(a, at - 1, clause_begin)) {
        s.end = s.last = a.mention(m).end;
        // "The senator from Vermont": a description of someone named before, as "the senator";
        // "the head of the Adria Foundation" introduces someone.
        bool described =
            !the_body && a.word(s.begin) && a.key(s.begin) == "the" && a.lower(at - 2, kRoleNoun);
        // The role noun heads the phrase: not "the campaign of the former senator from …".
        for (uint32_t k = s.begin; described && k + 1 < at; ++k) described = !a.lower(k, kPrep);
        s.kind = described ? SpeakerPhrase::Kind::description : SpeakerPhrase::Kind::phrase;
        if (described && a.tokens[at - 2].info) s.gender = a.tokens[at - 2].info->gender;
        return s;
      }
    }
    SpeakerPhrase s = named_at(a, head, clause_begin, cue);
    s.first = coordinated_first(a, s.first, clause_begin);
    party_member(a, s);
    return s;
  }
  if (a.boundary(t) && a.tokens[t].mark != U':' && a.tokens[t].mark != U';') {
    // Appositives and asides between subject and verb: walk back over the segments until one
    // that starts with a name ("Senator Ivo Perić, the majority whip, said") or, at the
    // clause start, a noun phrase ("The appeals court judge -- who ... -- said").
    uint32_t end = t;
    for (int segments = 0; segments < 5 && end > clause_begin; ++segments) {
      uint32_t begin = end;
      while (begin > clause_begin && !a.boundary(begin - 1)) --begin;
      if (begin == end) return {};
      // Past determiners, role words, a business's noun and capitalised modifiers ("Republican
      // Rep. Ana Kovač", "Danish drugmaker Bavarian Nordic").
      uint32_t k = begin;
      while (k < end && a.mention_at(k) < 0 &&
             (a.lower(k, kDet | kRoleNoun) ||
              (a.tokens[k].info && a.tokens[k].info->company_noun) ||
              (a.word(k) && (a.tokens[k].has(kCapitalised) || (a.lex(k) & kDemonym))))) {
        ++k;
      }
      if (k == begin && is_subject_pronoun(a, k)) return pronoun_at(a, k);
      int32_t m = k < end ? a.mention_at(k) : -1;
      // "NATO Secretary General Mark Rutte, speaking in Brussels, said": the person who ends the
      // segment, not the body before their title.
      if (const int32_t last = a.mention_at(end - 1);
          m >= 0 && last > m && a.mention(m).type != EntityType::person &&
          a.mention(last).type == EntityType::person && a.mention(last).end == end &&
          a.mention(last).begin <= a.mention(m).end + 4) {
        // Only the words of a title between them ("chief executive", "Secretary of State").
        bool title = true;
        for (uint32_t i = a.mention(m).end; title && i < a.mention(last).begin; ++i) {
          const bool office_of = a.key(i) == "of" && a.tokens[i - 1].has(kCapitalised) &&
                                 a.tokens[i + 1].has(kCapitalised);
          title =
              a.word(i) && (office_of || !a.lower(i, kPrep | kDet | kConj | kRelative | kPronoun |
                                                         kAux | kFiniteVerb | kSpeechVerb));
        }
        if (title) m = last;
      }
      // A name that only modifies a noun ("the U.S. envoy") does not make a name segment.
      // Nor does a possessive one ("the agency's director").
      const bool modifier =
          m >= 0 && a.mention(m).end < end &&
          ((a.word(a.mention(m).end) && !a.tokens[a.mention(m).end].has(kCapitalised) &&
            !a.lower(a.mention(m).end, kPrep)) ||
           a.tokens[a.mention(m).end].has(kPossessive));
      // A relative clause, or a participle's ("The report, published on Tuesday by …, said").
      const bool relative =
          a.lower(begin, kRelative) ||
          (a.word(begin) && !a.tokens[begin].has(kCapitalised) && a.key(begin).size() > 4 &&
           (a.key(begin).ends_with("ed") || a.key(begin).ends_with("ing")) &&
           !a.lower(begin, kSpeechVerb));
      // "… in Split, Croatia, said", "a professor at the University of California, Los Angeles,
      // said": a place after a place or a body is part of an aside.
      const bool place_pair = m >= 0 && a.mention(m).type == EntityType::location &&
                              begin >= clause_begin + 2 && a.mention_at(begin - 2) >= 0 &&
                              a.mention(a.mention_at(begin - 2)).type != EntityType::person;
      // "Rep. Chris Collins, R-NY, says", "Morton Blackwell, the Republican National
      // Committeeman from Virginia, told": a body or place in apposition to a person describes
      // the person, who is the subject.
      const int32_t person_before =
          begin >= clause_begin + 2 && a.punct(begin - 1, U',') ? a.mention_at(begin - 2) : -1;
      // "Steve Cohen, Democrat of Tennessee, told": the body or place may come later in it.
      bool body_or_place = false;
      for (uint32_t i = k; i < end && !body_or_place; ++i) {
        const int32_t n = a.mention_at(i);
        body_or_place = n >= 0 && a.mention(n).type != EntityType::person;
      }
      const bool describes_person = (m < 0 || a.mention(m).type != EntityType::person) &&
                                    body_or_place && person_before >= 0 &&
                                    a.mention(person_before).type == EntityType::person;
      if (m >= 0 && !modifier && !relative && !place_pair && !describes_person &&
          !a.tokens[k].has(kQuoted)) {
        SpeakerPhrase s = named_at(a, m, clause_begin, cue);
        s.first = std::min(s.first, begin);
        s.last = t;
        return s;
      }
      if (begin == clause_begin) {
        // "Former Spurs striker Harry Kane, now at …, told": a person's name ends words that
        // only describe them (not "some remain reluctant to back Mrs. Clinton").
        const int32_t last = a.mention_at(end - 1);
        bool modifiers = last >= 0 && a.mention(last).end == end &&
                         a.mention(last).type == EntityType::person &&
                         a.mention(last).title_begin <= begin + 6;
        for (uint32_t k = begin; modifiers && k < a.mention(last).title_begin; ++k) {
          modifiers = (a.word(k) || a.tokens[k].has(kPossessive)) &&
                      !a.lower(k, kPrep | kAux | kFiniteVerb | kSpeechVerb | kRelative | kPronoun);
        }
        if (modifiers) {
          SpeakerPhrase s = named_at(a, last, clause_begin, cue);
          s.first = std::min(s.first, begin);
          s.last = t;
          return s;
        }
        SpeakerPhrase s = noun_phrase_before(a, end, clause_begin);
        if (!s || s.first != begin) return {};  // the whole segment is the subject
        s.last = t;
        return s;
      }
      // Appositives, relative clauses, short asides ("meanwhile") and prepositional ones ("in
      // her dissent", "on Tuesday") are passed over.
      const bool aside = end - begin <= 2 || a.lower(begin, kPrep);
      if (!relative && !aside && !describes_person && !is_appositive(a, begin, end)) return {};
      end = begin - 1;
      // "Rep. Tina Vuković (D-Ore.), a first-term member, said": past the bracket too.
      if (end > clause_begin && a.punct(end - 1, U')')) {
        end = opening_bracket(a, end - 1, clause_begin);
      }
    }
    return {};
  }
  // A noun phrase ("Officials said", "Republican leaders say", "six in 10 say"), outside
  // headlines.
  if ((a.word(t) && (!a.tokens[t].has(kCapitalised) || !a.layout.in_title_case(t))) ||
      a.tokens[t].kind == TokenKind::number) {
    return noun_phrase_before(a, p, clause_begin);
  }
  return {};
}

bool publication_word(const Article& a, uint32_t i) {
  if (!a.word(i)) return false;
  const std::string_view w = a.key(i);
  return (a.lex(i) & kMedium) || w == "report" || w == "study" || w == "analysis" ||
         w == "survey" || w == "poll" || w == "memo" || w == "filing" || w == "editorial";
}

namespace {

bool published(const Article& a, uint32_t i) {
  return a.word(i) && !a.tokens[i].has(kCapitalised) && publication_word(a, i);
}

// "a statement from the European Space Agency", "a report by Amnesty International", "a report
// in The New York Times": whose statement or report it was, when a name ends [begin, end).
SpeakerPhrase publisher_of(const Article& a, uint32_t begin, uint32_t end, uint32_t limit) {
  uint32_t k = begin;
  if (a.lower(k, kDet)) ++k;
  while (k < end && a.word(k) && !a.tokens[k].has(kCapitalised) && !a.lower(k, kPrep)) ++k;
  if (k == begin || !published(a, k - 1) || k + 1 >= end || !a.lower(k, kPrep) ||
      (a.key(k) != "from" && a.key(k) != "by" && a.key(k) != "in")) {
    return {};
  }
  ++k;
  if (a.word(k) && a.key(k) == "the") ++k;
  const int32_t m = a.mention_at(k);
  if (m < 0 || a.mention(m).begin != k || a.mention(m).end != end ||
      a.mention(m).type == EntityType::location) {
    return {};
  }
  SpeakerPhrase s = named_at(a, m, k, limit);
  s.first = begin;
  return s;
}

}  // namespace

SpeakerPhrase speaker_at(const Article& a, uint32_t pos, uint32_t limit, bool any_phrase) {
  if (pos >= limit) return {};
  if (is_subject_pronoun(a, pos)) return pronoun_at(a, pos);
  if (a.word(pos) && a.key(pos) == "that") return {};  // "said that the …" starts a clause
  // The noun phrase after the cue, its names included: "Ana Kovač", "former party adviser Ana
  // Kovač", "the party's former treasurer Ana Kovač", "a senior campaign adviser".
  uint32_t end = pos;
  bool through_of = false;
  while (end < limit && end - pos < 12 && !a.tokens[end].has(kQuoted) &&
         !(end > pos && relative_start(a, end))) {
    // "master of ceremonies Asab Al-Tabchi", "secretary of state John Kerry": "of" inside the
    // words before a name, when a person's name ends them.
    if (end > pos && a.lower(end, kPrep) && a.key(end) == "of" && a.word(end - 1) &&
        !a.tokens[end - 1].has(kCapitalised) && a.mention_at(end - 1) < 0) {
      uint32_t k = end + 1;
      while (k < limit && k < end + 4 && a.word(k) && !a.tokens[k].has(kCapitalised) &&
             !a.lower(k, kPrep | kConj | kAux | kRelative | kDet | kPronoun)) {
        ++k;
      }
      const int32_t m = k > end + 1 && k < limit ? a.mention_at(k) : -1;
      if (m >= 0 && a.mention(m).begin == k && a.mention(m).type == EntityType::person) {
        end = k;
        through_of = true;
        continue;
      }
    }
    if (const int32_t m = a.mention_at(end); m >= 0) {
      end = std::max(end + 1, a.mention(m).end);
    } else if (end > pos && a.lower(end, kConj) && a.key(end) == "and" &&
               a.lower(end - 1, kRoleNoun)) {
      ++end;  // two roles: "lobbyist and GOP strategist Charlie Black"
    } else if (end > pos && a.punct(end, U'/') && a.word(end + 1) &&
               a.tokens[end + 1].has(kCapitalised)) {
      end += 2;  // joint names: "a Reuters/Ipsos poll", "the CNN/ORC survey"
    } else if (end > pos && joins_number(a, end)) {
      end += 2;  // an age: "62-year-old pensioner Hans Müller"
    } else if ((a.word(end) || a.tokens[end].has(kPossessive) ||
                a.tokens[end].kind == TokenKind::number) &&
               !a.lower(end, kPrep | kConj | kAux | kRelative | kSpeechVerb) &&
               !(a.word(end) && (a.lex(end) & (kTime | kDay | kMonth))) && !pronoun_word(a, end)) {
      ++end;
    } else {
      break;
    }
  }
  // "said his boss was …": the subject of what was said, not who said it.
  if (end > pos && end < limit && a.lower(end, kAux | kFiniteVerb)) return {};
  if (end > pos) {
    // The phrase ends in a name: that is the speaker, the words before it are its role.
    if (const int32_t m = a.mention_at(end - 1); m >= 0 && a.mention(m).end == end) {
      const Mention& mention = a.mention(m);
      SpeakerPhrase s = named_at(a, m, pos, limit);
      if (s.role.end <= s.role.begin && mention.title_begin > pos &&
          (through_of || has_role_word(a, pos, mention.title_begin))) {
        s.role = {a.lower(pos, kDet) ? pos + 1 : pos, mention.title_begin};
      }
      s.first = pos;
      party_member(a, s);
      return s;
    }
    // "said the head of the union", "said a spokesman for the ministry": the phrase goes on.
    const bool people = person_noun(a, end - 1);
    if (people && end + 1 < limit && a.lower(end, kPrep) &&
        (a.key(end) == "of" || a.key(end) == "for" || a.key(end) == "at")) {
      uint32_t k = end + 1;
      while (k < limit && k < end + 7 &&
             (a.word(k) || a.tokens[k].has(kPossessive) || a.mention_at(k) >= 0) &&
             !a.lower(k, kPrep | kConj | kAux | kRelative | kSpeechVerb | kFiniteVerb) &&
             !pronoun_word(a, k)) {
        ++k;
      }
      // Up to the clause's end or to when it was said ("… for the union on Monday").
      const bool when = k + 1 < limit && a.lower(k, kPrep) && a.word(k + 1) &&
                        (a.lex(k + 1) & (kTime | kDay | kMonth));
      if (k > end + 1 && (k >= limit || a.tokens[k].kind == TokenKind::punct || when)) end = k;
    }
    // "said the company's chief executive, John Ferriola.": the name after the description.
    if (people && a.punct(end, U',')) {
      if (const int32_t m = a.mention_at(end + 1);
          m >= 0 && a.mention(m).begin == end + 1 && a.mention(m).type == EntityType::person &&
          (a.mention(m).end >= limit || a.tokens[a.mention(m).end].kind == TokenKind::punct)) {
        SpeakerPhrase s = named_at(a, m, end + 1, limit);
        s.role = {a.lower(pos, kDet) ? pos + 1 : pos, end};
        s.first = pos;
        return s;
      }
    }
    // "said a senior campaign adviser", "said the woman", "wrote one supporter". A role in
    // apposition describes one person, not a group ("according to police, the driver, …").
    if (people) {
      SpeakerPhrase s = phrase_of(a, pos, end);
      if (a.punct(end, U',') && !a.lower(end - 1, kGroupNoun)) {
        Range role = appositive_role(a, end + 1, limit);
        if (role.end > role.begin) s.role = role;
      }
      return s;
    }
  }
  // "the Kovač campaign", "a Reuters poll": a name inside a longer phrase.
  if (!any_phrase) return {};
  end = segment_end(a, pos, limit);
  // Not when it was said ("the report on Tuesday"), nor a relative clause on the speaker ("a
  // handful of Democrats who point to …").
  for (uint32_t k = pos + 1; k < end; ++k) {
    // Nor a participle on a name or a publication ("a poll by Elabe published on Wednesday",
    // "a study published Monday in Nature Medicine").
    const bool participle = a.word(k) && !a.tokens[k].has(kCapitalised) &&
                            a.key(k).ends_with("ed") &&
                            (a.mention_at(k - 1) >= 0 || published(a, k - 1));
    if (a.lower(k, kRelative) || participle ||
        (k + 1 < end && a.lower(k, kPrep) && a.word(k + 1) &&
         (a.lex(k + 1) & (kTime | kDay | kMonth)))) {
      end = k;
      break;
    }
  }
  if (end == pos || end - pos > 20) return {};
  if (SpeakerPhrase s = publisher_of(a, pos, end, limit); s) return s;
  // No role in apposition to a thing: "according to court documents, the suspect, …".
  return phrase_of(a, pos, end);
}

SpeakerPhrase clause_subject(const Article& a, uint32_t begin, uint32_t limit) {
  for (uint32_t i = begin; i < limit; ++i) {
    if (a.tokens[i].has(kQuoted)) continue;
    if (a.punct(i, U'(')) {  // "(D-Ore.)", "(AP)"
      while (i < limit && !a.punct(i, U')')) ++i;
      continue;
    }
    if (is_subject_pronoun(a, i)) return pronoun_at(a, i);
    // "the judge", "the Kovač campaign", "one employee" at the start of a clause: a short
    // noun phrase that ends in a word for people or an organisation.
    if ((i == begin || a.boundary(i - 1)) && (a.word(i) || a.tokens[i].kind == TokenKind::number) &&
        (a.lower(i, kDet) || a.tokens[i].has(kCapitalised) ||
         a.tokens[i].kind == TokenKind::number)) {
      uint32_t j = i;
      while (j < limit && j < i + 6 && !a.tokens[j].has(kQuoted)) {
        if (const int32_t m = a.mention_at(j); m >= 0) {
          j = std::max(j + 1, a.mention(m).end);
          continue;
        }
        if (!(a.word(j) || a.tokens[j].has(kPossessive) || a.tokens[j].kind == TokenKind::number) ||
            a.lower(j, kPrep | kAux | kConj | kRelative | kSpeechVerb | kAdverb | kFiniteVerb) ||
            pronoun_word(a, j)) {
          break;
        }
        if (a.lower(j, kRoleNoun | kGroupNoun | kOrgNoun)) {
          // Not a modifier of a name or noun that follows ("the campaign manager Ana Kovač").
          if (j + 1 < limit && (a.mention_at(j + 1) >= 0 || a.lower(j + 1, kRoleNoun))) break;
          return phrase_of(a, i, j + 1);
        }
        ++j;
      }
    }
    const int32_t m = a.mention_at(i);
    if (m < 0) continue;
    const Mention& mention = a.mention(m);
    // "Boeing Chief Executive Dave Calhoun": a name before a title and a person's name too.
    bool titled = false;
    for (uint32_t k = mention.end; k < limit && k < mention.end + 4; ++k) {
      if (const int32_t n = a.mention_at(k); n >= 0) {
        titled = k > mention.end && a.mention(n).type == EntityType::person;
        break;
      }
      if (!a.word(k) || !a.tokens[k].has(kCapitalised) || !(a.lex(k) & kTitle)) break;
    }
    const bool modifier =
        titled || (mention.end < limit && a.lower(mention.end, kRoleNoun | kOrgNoun));
    // A dateline: "WASHINGTON (AP) —", "BELGRADE —", "ZAGREB, Croatia —"; a place or capitals,
    // not a person introduced with an appositive ("Ana Kovač, a former aide, ...").
    const bool dateline = a.tokens[mention.title_begin].has(kParagraphStart) &&
                          (a.punct(mention.end, U'(') || a.boundary(mention.end)) &&
                          (mention.type == EntityType::location ||
                           a.tokens[mention.begin].has(kAllCaps) || !a.punct(mention.end, U','));
    if (subject_position(a, mention, begin) && !modifier && !dateline) {
      return named_at(a, m, begin, limit);
    }
    i = mention.end - 1;
  }
  return {};
}

SpeakerPhrase possessor_of(const Article& a, uint32_t noun, uint32_t clause_begin) {
  if (noun <= clause_begin) return {};
  const uint32_t p = noun - 1;
  if (a.tokens[p].has(kPossessive) && p > clause_begin) {
    const int32_t m = a.mention_at(p - 1);
    if (m < 0 || a.mention(m).end != p) return {};
    return named_at(a, m, clause_begin, p);
  }
  if (!a.word(p)) return {};
  const std::string_view k = a.key(p);
  if (k != "his" && k != "her") return {};
  SpeakerPhrase s = pronoun_at(a, p);
  s.gender = k == "his" ? Gender::male : Gender::female;
  return s;
}

SpeakerPhrase clause_head(const Article& a, uint32_t begin, uint32_t cue) {
  uint32_t i = begin;
  // "So far, …": a phrase of time, not a subject.
  if (i + 1 < cue && a.word(i) && a.key(i) == "so" && a.word(i + 1) && a.key(i + 1) == "far") {
    i += 2;
  }
  // Conjunctions and adverbs that open the clause: "But", "And then", "Meanwhile,".
  while (i < cue &&
         (a.lower(i, kConj | kAdverb) ||
          (a.word(i) && (a.lex(i) & (kConj | kAdverb)) && a.tokens[i].has(kSentenceStart)) ||
          a.punct(i, U','))) {
    ++i;
  }
  // An introductory phrase up to its comma: "In September,", "After the debate,", "Fueled by
  // frustration," (a participle, no noun for people).
  const auto participle = [&](uint32_t k) {
    const std::string_view key = a.key(k);
    return key.size() > 4 && (key.ends_with("ed") || key.ends_with("ing")) && a.mention_at(k) < 0 &&
           !(a.lex(k) & (kRoleNoun | kGroupNoun | kOrgNoun));
  };
  if (i < cue && a.word(i) && ((a.lex(i) & (kPrep | kTime | kDay | kMonth)) || participle(i))) {
    uint32_t comma = i;
    while (comma < cue && !a.punct(comma, U',')) ++comma;
    if (comma + 1 < cue) i = comma + 1;
  }
  while (i < cue && (a.tokens[i].kind == TokenKind::quote || a.tokens[i].has(kQuoted))) ++i;
  if (i >= cue) return {};
  if (is_subject_pronoun(a, i)) return pronoun_at(a, i);
  if (const int32_t m = a.mention_at(i); m >= 0 && a.mention(m).end <= cue) {
    return named_at(a, m, begin, cue);
  }
  if (a.word(i) && a.key(i) == "let") return {};  // "Let me just say": no subject
  // A noun phrase: determiners, modifiers, names and numbers up to a preposition, a clause word
  // or a boundary ("Other former CIA officers", "Figures", "The group").
  uint32_t end = i;
  while (
      end < cue && end - i < 6 &&
      (a.word(end) || a.tokens[end].has(kPossessive) || a.tokens[end].kind == TokenKind::number) &&
      !a.lower(end, kPrep | kAux | kConj | kRelative | kAdverb | kFiniteVerb) &&
      !(a.lower(end, kSpeechVerb) && !noun_after_determiner(a, end)) && !pronoun_word(a, end) &&
      !(end > i && a.lower(end, kDet) && a.key(end) == "that") &&
      !(end > i && past_tense_after_noun(a, end))) {
    if (const int32_t m = a.mention_at(end); m >= 0) {
      // A name ending the phrase is its head: "Republican leader Ana Kovač"; so is a name
      // followed by a word that is no noun for people or a body ("The Fed kept …").
      const uint32_t next = a.mention(m).end;
      if (next <= cue &&
          (next == cue || !a.word(next) || !a.lower(next, kRoleNoun | kGroupNoun | kOrgNoun))) {
        SpeakerPhrase s = named_at(a, m, begin, cue);
        s.first = i;
        return s;
      }
      end = a.mention(m).end;
      continue;
    }
    ++end;
  }
  if (end == i || a.lower(i, kPrep)) return {};
  return phrase_of(a, i, end);
}

namespace {

// "telling Fox 35", "told The Associated Press": the name at `i` is who was told.
bool hearer_of(const Article& a, uint32_t i) {
  uint32_t verb = i - 1;
  if (verb > 0 && a.word(verb) && a.key(verb) == "the") --verb;
  const WordInfo* info = a.word(verb) ? a.tokens[verb].info : nullptr;
  return info && info->speech_verb >= 0 && a.lexicon.verb(info->speech_verb).frame == Frame::tell;
}

}  // namespace

void Salience::add(uint32_t position, int32_t actor, EntityType type, bool subject) {
  if (actor >= 0) insert(Event{position, actor, type, subject});
}

void Salience::insert(const Event& e) {
  auto it = std::upper_bound(events_.begin(), events_.end(), e.position,
                             [](uint32_t p, const Event& x) { return p < x.position; });
  events_.insert(it, e);
}

void Salience::add_speaker(uint32_t position, int32_t actor, EntityType type) {
  add(position, actor, type);
  for (Event& e : events_) {
    if (e.position == position && e.actor == actor) e.speaker = true;
  }
}

void Salience::add_unnamed_speaker(uint32_t position, Gender gender) {
  insert(Event{position, -1, EntityType::person, true, true, gender});
}

void Salience::add_unnamed_body(uint32_t position) {
  insert(Event{position, -1, EntityType::organisation, true, true});
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
  if (subject >= 0) return subject;
  if (subject == kUnnamed) return -1;
  // "it" names an organisation or a place that stood as a subject; one only mentioned in
  // passing ("the EU-led negotiations") is no antecedent.
  const bool it = s.kind == SpeakerPhrase::Kind::pronoun && (a.lex(s.begin) & kPronIt);
  return it ? -1 : std::max(find(a, s, position, false), -1);
}

bool Salience::spoke(int32_t actor, uint32_t position) const {
  for (const Event& e : events_) {
    if (e.position < position && e.actor == actor && e.speaker) return true;
  }
  return false;
}

int32_t Salience::find(const Article& a, const SpeakerPhrase& s, uint32_t position,
                       bool subjects) const {
  const bool it = s.kind == SpeakerPhrase::Kind::pronoun && (a.lex(s.begin) & kPronIt);
  if (s.organisation) {
    // The organisation named last, in this paragraph or the one before ("…, with EgyptAir, the
    // airline said"; "Valeant's stock plunged. … the company said"); further back, "the company"
    // may be one the tagger missed. Not the agency of a dateline: "(Reuters)".
    // Nor where it was said: "In a statement on Telegram, the group said".
    const auto aside = [&](uint32_t begin) {
      return begin > 0 &&
             (a.punct(begin - 1, U'(') || (a.word(begin - 1) && a.key(begin - 1) == "on"));
    };
    const Range sentence = a.layout.sentences[a.layout.sentence_of[position]];
    for (uint32_t k = position; k > sentence.begin; --k) {
      const int32_t m = a.mention_at(k - 1);
      if (m >= 0 && a.mention(m).type == EntityType::organisation && a.mention(m).actor >= 0 &&
          !aside(a.mention(m).begin)) {
        return a.mention(m).actor;
      }
    }
    // Nor one that was told something: "The Trayvon Martin Foundation declined, telling Fox 35
    // …. “…,” the group said" is the foundation's.
    const uint32_t paragraph = a.layout.paragraph_of[position];
    for (auto e = events_.rbegin(); e != events_.rend(); ++e) {
      if (e->position >= position || e->type != EntityType::organisation || aside(e->position) ||
          hearer_of(a, e->position)) {
        continue;
      }
      return a.layout.paragraph_of[e->position] + 1 >= paragraph ? e->actor : -1;
    }
    return -1;
  }
  // "the bishop": preferably the last person the article gave that title ("Bishop Lovrić").
  if (s.kind == SpeakerPhrase::Kind::description) {
    const std::string_view head = a.key(s.end - 1);
    for (auto e = events_.rbegin(); e != events_.rend(); ++e) {
      if (e->position >= position || e->type != EntityType::person || e->actor < 0) continue;
      if (subjects && !e->subject) continue;
      const auto& titles = a.actors[static_cast<size_t>(e->actor)].titles;
      if (std::find(titles.begin(), titles.end(), head) != titles.end()) return e->actor;
    }
  }
  for (auto e = events_.rbegin(); e != events_.rend(); ++e) {
    if (e->position >= position || (subjects && !e->subject)) continue;
    if (it) {
      // A place speaks as "it" when it was the subject of the sentence before ("Croatia opened
      // the terminal. It said ...") or has spoken by name; a country named paragraphs earlier
      // ("Russia continues to support Serbia ... it has said") leaves the speaker open.
      if (e->type == EntityType::organisation) return e->actor;
      if (e->type == EntityType::location &&
          (spoke(e->actor, position) ||
           a.layout.sentence_of[e->position] + 1 >= a.layout.sentence_of[position])) {
        return e->actor;
      }
      continue;
    }
    if (e->type != EntityType::person) continue;
    const Gender g = e->actor < 0 ? e->gender : a.actors[static_cast<size_t>(e->actor)].gender;
    if (s.gender != Gender::unknown && g != Gender::unknown && g != s.gender) continue;
    return e->actor < 0 ? kUnnamed : e->actor;
  }
  return -1;
}

}  // namespace quotewire::extract
