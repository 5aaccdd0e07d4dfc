#include "extract/attribution.h"

#include <algorithm>

#include "extract/entities.h"
#include "extract/roles.h"
#include "extract/speakers.h"

namespace quotewire::extract {
namespace {

constexpr uint32_t kNoQuote = UINT32_MAX;

class Attributor {
 public:
  explicit Attributor(const Article& a) : a_(a) {
    quotation_at_open_.assign(a.size(), kNoQuote);
    quotation_at_close_.assign(a.size(), kNoQuote);
    used_.assign(a.quotations.size(), false);
    for (uint32_t q = 0; q < a.quotations.size(); ++q) {
      const Quotation& quotation = a.quotations[q];
      if (quotation.depth != 0) continue;
      quotation_at_open_[quotation.open] = q;
      if (quotation.close != Quotation::kNone) quotation_at_close_[quotation.close] = q;
    }
  }

  std::vector<Statement> run() {
    for (uint32_t p = 0; p < a_.layout.paragraphs.size(); ++p) {
      const size_t first = out_.size();
      for (const Range& unit : units(a_.layout.paragraphs[p])) process_unit(unit);
      continue_quotations(a_.layout.paragraphs[p], first);
      if (out_.size() == first) attribute_bare_quotations(p);
    }
    filter();
    std::sort(out_.begin(), out_.end(), [](const Statement& x, const Statement& y) {
      return x.parts.front().start < y.parts.front().start;
    });
    return std::move(out_);
  }

 private:
  // --- units: sentences, joined where a quotation runs across a sentence boundary ---

  std::vector<Range> units(Range paragraph) const {
    std::vector<Range> out;
    for (uint32_t s = a_.layout.sentence_of[paragraph.begin];
         s < a_.layout.sentences.size() && a_.layout.sentences[s].begin < paragraph.end; ++s) {
      const Range sentence = a_.layout.sentences[s];
      if (!out.empty() && inside_quotation(sentence.begin)) {
        out.back().end = sentence.end;
      } else {
        out.push_back(sentence);
      }
    }
    return out;
  }

  bool inside_quotation(uint32_t i) const {
    return a_.tokens[i].has(kQuoted) && quotation_at_open_[i] == kNoQuote;
  }

  // --- cues ---

  bool is_according(uint32_t i) const {
    return a_.word(i) && (a_.lex(i) & kAccording) && i + 1 < a_.size() && a_.key(i + 1) == "to";
  }

  // The speech verb the word at `i` is a form of, used as one or not; nullptr if none.
  const SpeechVerb* speech_verb_at(uint32_t i) const {
    const WordInfo* info = a_.tokens[i].info;
    return info && info->speech_verb >= 0 ? &a_.lexicon.verb(info->speech_verb) : nullptr;
  }

  // The speech verb at `i`, if it is used as one here; `guesses` gets kInfinitive for a cue
  // the statement model must judge ("went so far as to say").
  const SpeechVerb* verb(uint32_t i, uint8_t& guesses) const {
    if (!a_.word(i) || !(a_.lex(i) & kSpeechVerb)) return nullptr;
    const SpeechVerb& v = a_.lexicon.verb(a_.tokens[i].info->speech_verb);
    // Capitalised only in a headline ("Mayor Says She ...") or opening its sentence. Other
    // verbs in a headline ("Perry Just Announced …", "Document Reveals …") the statement model
    // judges: there "Claims" and "Calls" are as often nouns.
    if (a_.tokens[i].has(kCapitalised) && !opens_sentence(i, v) &&
        !(a_.layout.in_title_case(i) && (v.lemma == "say" || v.lemma == "tell"))) {
      if (!a_.layout.in_title_case(i) || !guessing() || v.frame == Frame::call) return nullptr;
      guesses |= kHeadlineVerb;
    }
    if (i == 0) return &v;
    if (a_.word(i - 1) && a_.key(i - 1) == "to") {
      if (speech_infinitive(a_, i - 1)) return &v;
      if (!guessing() || empty_subject(i - 1)) return nullptr;
      guesses |= kInfinitive;
      return &v;
    }
    // After a determiner, preposition or possessive it is a noun ("the state budget", "her
    // claim"), except the -ing form after a preposition ("before adding", "by calling").
    const bool ing = ing_form(i);
    // "It's worth noting …": no one speaks.
    if (ing && a_.word(i - 1) && a_.key(i - 1) == "worth") return nullptr;
    if (answers_request(i, v)) return nullptr;
    // A preposition right after an auxiliary is an adverb: "has since said".
    if (a_.tokens[i - 1].has(kPossessive) ||
        (a_.word(i - 1) && (a_.lex(i - 1) & kDet) && !quantifier(i - 1)) ||
        (!ing && a_.lower(i - 1, kPrep) && !(i >= 2 && a_.lower(i - 2, kAux)))) {
      return nullptr;
    }
    // A form that is also a noun ("state", "claim") is a verb only after a pronoun or an
    // auxiliary: "they state", "did not claim"; elsewhere it is more often a noun.
    // A clause after it makes it a verb too: "supporters claim that ...", "claim to object".
    if (v.noun_form && !takes_clause(i + 1) && !after_quotation(i)) {
      uint32_t k = i - 1;
      while (k > 0 && a_.lower(k, kAdverb)) --k;
      if (!a_.lower(k, kPronoun | kAux) && !(a_.word(k) && (a_.lex(k) & kPronoun))) {
        return nullptr;
      }
    }
    if (v.frame == Frame::call && names_something(i)) return nullptr;
    // "asked by a reporter whether …": the one after "by" spoke (see by_agent()).
    if (by_agent(i, v)) return &v;
    // Passive "was told", "were asked", "was widely criticized": the subject is the hearer
    // ("he’s said" is "he has").
    uint32_t be = i - 1;
    while (be > 0 && (a_.lower(be, kAdverb) || manner_adverb(a_, be, 0))) --be;
    if (a_.word(be) && !a_.tokens[be].has(kContraction) && !ing) {
      const std::string_view k = a_.key(be);
      if (k == "was" || k == "were" || k == "been" || k == "be" || k == "being" || k == "is" ||
          k == "are") {
        return nullptr;
      }
    }
    // A reduced passive: "when asked about it, he said", "Trump, asked about the deaths, said":
    // the subject was asked or told.
    if ((v.frame == Frame::tell || v.frame == Frame::ask) && !ing) {
      const std::string_view k = a_.word(i - 1) ? a_.key(i - 1) : std::string_view{};
      if (k == "when" || k == "if" || k == "once" || k == "unless" || k == "until") return nullptr;
      if (a_.punct(i - 1, U',') && a_.word(i + 1) && a_.key(i + 1) == "about") return nullptr;
    }
    return &v;
  }

  // "did not respond to a request for comment", "replied to questions about …": not answering
  // says nothing, unless it goes on "by calling it …" or "on Facebook writing, “…”".
  bool answers_request(uint32_t i, const SpeechVerb& v) const {
    if ((v.lemma != "respond" && v.lemma != "reply") || !a_.word(i + 1) || a_.key(i + 1) != "to") {
      return false;
    }
    bool request = false;
    for (uint32_t k = i + 2; k < a_.size() && !a_.boundary(k) && !a_.punct(k, U'.'); ++k) {
      if (!a_.word(k)) continue;
      const std::string_view w = a_.key(k);
      if (w.starts_with("comment") || w.starts_with("request") || w.starts_with("question") ||
          w.starts_with("inquir") || w.starts_with("email") || w.starts_with("message") ||
          w.starts_with("attempt") || w.starts_with("call")) {
        request = true;
      } else if (w == "by" || w == "with" || a_.lower(k, kSpeechVerb)) {
        return false;  // "… by calling it", "… on Facebook writing"
      }
    }
    return request;
  }

  // "It is too soon to say whether …", "It would be wrong to suggest …", "That's not to say …":
  // an infinitive after "it" or "that", a form of "be" and at most a few words such as "too
  // soon" has no one who speaks. Not "Kovač was quick to say": a person's "be".
  bool empty_subject(uint32_t to) const {
    uint32_t k = to;
    while (k > 0 && to - k < 3 && a_.word(k - 1) && !a_.tokens[k - 1].has(kCapitalised) &&
           (a_.key(k - 1) == "not" ||
            !(a_.lex(k - 1) & (kAux | kSpeechVerb | kFiniteVerb | kPronoun)))) {
      --k;
    }
    if (k < 2 || !a_.word(k - 1) || !be_word(a_.key(k - 1))) return false;
    uint32_t subject = k - 2;
    if (a_.word(subject) && a_.lower(subject, kAux) && subject > 0) --subject;  // "would be"
    const std::string_view s = a_.key(subject);
    return a_.word(subject) && (s == "it" || s == "that" || s == "this");
  }

  static bool be_word(std::string_view k) { return k == "is" || k == "was" || k == "be"; }

  // "a band called Sophistafunk played", "the loophole called an “inversion,” in which …",
  // "the so-called special relationship": "called" that gives a thing its name, after the noun
  // for it, with no second complement ("the senator called the plan “absurd”" has one).
  bool names_something(uint32_t called) const {
    const uint32_t before = called - 1;
    if (a_.punct(before, U'-'))
      return before > 0 && a_.word(before - 1) && a_.key(before - 1) == "so";
    if (!a_.word(before) || a_.tokens[before].has(kCapitalised) ||
        (a_.lex(before) & (kPronoun | kAux | kAdverb | kRelative | kConj | kPrep | kDet)) ||
        a_.mention_at(before) >= 0) {
      return false;
    }
    uint32_t k = called + 1;
    if (k < a_.size() && a_.lower(k, kDet) && k + 1 < a_.size() &&
        quotation_at_open_[k + 1] != kNoQuote) {
      ++k;  // "called an “inversion”"
    }
    if (k >= a_.size()) return false;
    uint32_t after;
    if (const uint32_t q = quotation_at_open_[k]; q != kNoQuote) {
      if (a_.quotations[q].close == Quotation::kNone) return false;
      after = a_.quotations[q].close + 1;
    } else if (const int32_t m = a_.mention_at(k); m >= 0 && a_.mention(m).begin == k) {
      after = a_.mention(m).end;
    } else {
      return false;
    }
    // The name ends the phrase: the sentence goes on with a verb, a clause or a preposition,
    // not with a second complement ("called Trump “a liar”", "called AP’s report “a rush”").
    return after >= a_.size() || a_.boundary(after) || a_.punct(after, U'.') ||
           a_.lower(after, kRelative | kFiniteVerb | kAux | kPrep | kConj);
  }

  // A cue opening its sentence: "Said Ana Kovač, who grew up nearby, “…”", "Asked by Starnes
  // if …", "Noting that …, X said".
  bool opens_sentence(uint32_t i, const SpeechVerb& v) const {
    if (!a_.tokens[i].has(kSentenceStart)) return false;
    const int32_t named = a_.mention_at(i + 1);
    return (named >= 0 && a_.mention(named).begin == i + 1 &&
            a_.mention(named).type == EntityType::person) ||
           by_agent(i, v) || participle_that(i);
  }

  // "Noting that …": a participle and its that-clause.
  bool participle_that(uint32_t i) const {
    return ing_form(i) && a_.word(i + 1) && a_.key(i + 1) == "that";
  }

  // Where what is said starts when the cue at `cue` is a participle opening its sentence:
  // "Noting that …", "After saying he was …", "While insisting that …", "Having announced
  // that …", "Continuing to argue that …"; `cue` itself when it is not one.
  uint32_t opening_participle(Range unit, uint32_t cue) const {
    uint32_t b = unit.begin;
    if (cue > b && a_.word(b)) {
      const std::string_view k = a_.key(b);
      if (k == "after" || k == "while" || k == "before" || k == "since" || k == "upon" ||
          k == "in" || k == "when") {
        ++b;
      }
    }
    const bool participle = (cue == b && ing_form(cue)) ||
                            (cue == b + 1 && a_.key(b) == "having") ||
                            (cue == b + 2 && a_.key(b) == "continuing" && a_.key(b + 1) == "to");
    if (!participle) return cue;
    if (a_.word(cue + 1) && a_.key(cue + 1) == "that") return cue + 2;
    if (cue == unit.begin) return cue;  // "Saying …" alone: the other rules decide
    // A clause without "that" starts with its subject: "After saying he was nervous". Without
    // one ("Continuing to explain his perspective, …") nothing was said: 0.
    return is_subject_pronoun(a_, cue + 1) ? cue + 1 : 0;
  }

  // "When asked by a reporter whether …", "Sanders was asked by host John Dickerson whether …":
  // a passive ask or tell whose speaker follows "by".
  bool by_agent(uint32_t i, const SpeechVerb& v) const {
    return (v.frame == Frame::tell || v.frame == Frame::ask) && !ing_form(i) && a_.word(i + 1) &&
           a_.key(i + 1) == "by";
  }

  // "Many said", "Some say", "Both told": a quantifier standing for people, not a determiner.
  bool quantifier(uint32_t i) const {
    static constexpr std::string_view words[] = {"many", "some", "several", "most",  "both",
                                                 "few",  "all",  "each",    "others"};
    return std::find(std::begin(words), std::end(words), a_.key(i)) != std::end(words);
  }

  // Does a clause start at `i`: a lower-case "that", or "to" and a verb-like word?
  bool takes_clause(uint32_t i) const {
    if (!a_.word(i) || a_.tokens[i].has(kCapitalised)) return false;
    if (a_.key(i) == "that") return true;
    return a_.key(i) == "to" && a_.word(i + 1) && !a_.tokens[i + 1].has(kCapitalised) &&
           !a_.lower(i + 1, kDet | kPronoun | kPrep);
  }

  // --- one unit ---

  void process_unit(Range unit) {
    const size_t first = out_.size();
    headline_colon(unit);
    speaker_label(unit);
    for (uint32_t i = unit.begin; i < unit.end; ++i) {
      if (a_.tokens[i].has(kQuoted)) continue;
      if (is_according(i)) {
        according_to(unit, i);
        ++i;
      } else if (uint8_t guesses = 0; const SpeechVerb* v = verb(i, guesses)) {
        speech_verb(unit, i, *v, guesses);
      } else if (speech_noun_at(i)) {
        speech_noun(unit, i);
      }
    }
    name_colon_quotation(unit);
    cut_overlaps(first);
    resolve_speakers(unit, first);
  }

  // A person's name, a colon and their quotation inside a paragraph: "Pollsters agree - Carl
  // Bialik: “…”", "… doesn’t surprise pollster Daron Shaw: “…”". Only a quotation no cue took.
  void name_colon_quotation(Range unit) {
    for (uint32_t colon = unit.begin + 1; colon + 1 < unit.end; ++colon) {
      if (!a_.punct(colon, U':')) continue;
      const uint32_t q = quotation_at_open_[colon + 1];
      const int32_t m = a_.mention_at(colon - 1);
      if (q == kNoQuote || used_[q] || title(q) || m < 0 || a_.mention(m).end != colon ||
          a_.mention(m).type != EntityType::person) {
        continue;
      }
      Statement s;
      s.cue = {colon, colon + 1};
      s.speaker = speaker_at(a_, subject_start(unit, a_.mention(m).begin), colon, false);
      if (!s.speaker) continue;
      s.pattern = Pattern::speaker_label;
      add_quotation(s, q);
    }
  }

  // A headline's speaker and claim: "Vesna Ilić: The Budget Is a ‘Fairy Tale’",
  // "Poll: Ilić Leads in the Capital". Only in the article's first paragraph or a title-case line,
  // and not a feed's header line ("Source: ...").
  void headline_colon(Range unit) {
    if (!a_.word(unit.begin) ||
        (a_.tokens[unit.begin].info && a_.tokens[unit.begin].info->header != HeaderKey::none)) {
      return;
    }
    if (a_.layout.paragraph_of[unit.begin] != 0 && !a_.layout.in_title_case(unit.begin)) return;
    uint32_t colon = unit.begin;
    while (colon < unit.end && colon < unit.begin + 5 && !a_.punct(colon, U':')) {
      if (a_.lower(colon, kSpeechVerb)) return;  // "X said: ..." is the speech verb's
      ++colon;
    }
    if (colon == unit.begin || !a_.punct(colon, U':') || colon + 2 >= unit.end) return;
    Statement s;
    s.cue = {colon, colon + 1};
    s.speaker = speaker_at(a_, unit.begin, colon, true);
    if (!s.speaker) return;
    // "Mumbai rains: Schools shut …": a topic, not a speaker. A label that names no one and
    // ends in a word written in lower case speaks when that word is for people, a body or a
    // publication ("Senior officials", "Exit poll"); in a title-case line a capital says nothing.
    if (s.speaker.kind == SpeakerPhrase::Kind::phrase && !a_.tokens[colon - 1].has(kCapitalised) &&
        !(a_.lex(colon - 1) & (kRoleNoun | kGroupNoun | kOrgNoun)) &&
        !publication_word(a_, colon - 1)) {
      return;
    }
    // "Flooding in Valencia: …", "Chaos at the border: …": a topic with a place, unless people,
    // a body or a publication head it ("Officials in Kyiv: …", "Exit poll in Split: …").
    if (s.speaker.kind == SpeakerPhrase::Kind::phrase) {
      for (uint32_t k = unit.begin + 1; k + 1 < colon; ++k) {
        if (a_.lower(k, kPrep) && !(a_.lex(k - 1) & (kRoleNoun | kGroupNoun | kOrgNoun)) &&
            !publication_word(a_, k - 1)) {
          return;
        }
      }
    }
    // "Arsenal 2-1 Chelsea: …": a score line is what the story is about.
    for (uint32_t k = unit.begin; k + 2 < colon; ++k) {
      if (a_.tokens[k].kind == TokenKind::number && a_.tokens[k + 2].kind == TokenKind::number &&
          (a_.punct(k + 1, U'-') || a_.punct(k + 1, U'\u2013'))) {
        return;
      }
    }
    // "Hurricane Milton: …": a storm is what the story is about. "Brexit: ‘…’, says minister":
    // what follows the colon says who spoke (not "Report: …; campaign says …").
    if (storm_word(a_.key(unit.begin))) return;
    for (uint32_t k = colon + 1; k < unit.end && !a_.punct(k, U';'); ++k) {
      if (a_.lower(k, kSpeechVerb) && !a_.tokens[k].has(kQuoted)) return;
    }
    // "The Latest: …": a rubric (not "Judicial Watch: …").
    if (const WordInfo* last = a_.tokens[colon - 1].info;
        last && last->header == HeaderKey::text && a_.lex(unit.begin) & kDet) {
      return;
    }
    s.pattern = Pattern::headline_colon;
    add_content(s, colon + 1, trim_end(colon + 1, unit.end));
  }

  // A transcript's speaker label opening a paragraph: "Q: …", "A: …", "MARTINEZ: …", "Mayor Ana
  // Kovač: “…”". The label is a person's name, a name in capitals or Q/A, not a heading such as
  // "UPDATE:" or "Related:"; what was said runs to the end of the paragraph.
  void speaker_label(Range unit) {
    const uint32_t b = unit.begin;
    if (!a_.tokens[b].has(kParagraphStart) || a_.layout.paragraph_of[b] == 0 ||
        a_.layout.in_title_case(b) || !a_.word(b) ||
        (a_.tokens[b].info && a_.tokens[b].info->header != HeaderKey::none)) {
      return;
    }
    uint32_t colon = b;
    while (colon < unit.end && colon < b + 8 && !a_.punct(colon, U':')) ++colon;
    if (colon == b || colon >= unit.end || !a_.punct(colon, U':') || colon + 1 >= unit.end) return;
    bool capitals = true;
    for (uint32_t i = b; i < colon; ++i) {
      const Token& t = a_.tokens[i];
      const bool letter = t.end - t.start == 1 && t.has(kCapitalised);  // "Q", "A"
      capitals = capitals && a_.word(i) && (t.has(kAllCaps) || letter) &&
                 (letter || !(a_.lex(i) & kCommon));  // "A:" answers, though "a" is common
    }
    const int32_t m = a_.mention_at(colon - 1);
    const bool person = m >= 0 && a_.mention(m).end == colon &&
                        a_.mention(m).type == EntityType::person && modifiers_only(b, colon);
    if (!capitals && !person) return;
    Statement s;
    s.cue = {colon, colon + 1};
    s.speaker = speaker_at(a_, b, colon, true);
    if (!s.speaker) return;
    s.pattern = Pattern::speaker_label;
    const uint32_t q = quotation_at_open_[colon + 1];
    if (q != kNoQuote && title(q)) return;  // "The shop sells Ana Kovač: “The Long Pier”."
    if (q != kNoQuote && !used_[q]) {
      add_quotation(s, q);
      return;
    }
    const Range paragraph = a_.layout.paragraphs[a_.layout.paragraph_of[b]];
    if (words(colon + 1, paragraph.end) < 3) return;  // "Ana Kovač: 1,204" in a table
    add_content(s, colon + 1, trim_end(colon + 1, paragraph.end));
  }

  uint32_t words(uint32_t begin, uint32_t end) const {
    uint32_t n = 0;
    for (uint32_t i = begin; i < end; ++i) n += a_.word(i);
    return n;
  }

  void according_to(Range unit, uint32_t cue) {
    const uint32_t after = cue + 2;
    Statement s;
    s.cue = {cue, after};
    s.speaker = speaker_at(a_, after, unit.end, true);
    if (!s.speaker) return;
    s.pattern = Pattern::according_to;
    uint32_t tail = s.speaker.last;
    // "According to officials who spoke on condition of anonymity, …", "According to a poll
    // by Elabe published on Wednesday, …": the source's clause.
    if (tail < unit.end &&
        (a_.lower(tail, kRelative) ||
         (a_.word(tail) && !a_.tokens[tail].has(kCapitalised) && a_.key(tail).ends_with("ed")))) {
      tail = segment_end(a_, tail, unit.end);
    }
    const Range lead = lead_of(unit, cue);
    const bool has_lead = lead.begin < lead.end;
    if (s.speaker.role.end > tail) {
      // An appositive role ends at a comma, or the sentence when what was said came before
      // ("…, according to Ana Kovač, a port analyst."); otherwise it was what was said:
      // "According to officials, the plan that she made failed."
      if ((s.speaker.role.end < unit.end && a_.punct(s.speaker.role.end, U',')) ||
          (has_lead && ends_unit(s.speaker.role.end, unit.end))) {
        tail = s.speaker.role.end;
      } else {
        s.speaker.role = {};
      }
    }
    if (tail < unit.end && a_.punct(tail, U',') && tail + 1 < unit.end &&
        !ends_unit(tail + 1, unit.end)) {
      if (has_lead && (clause_verb(lead) || !clause_verb({tail + 1, unit.end}))) {
        // "Only one person was killed, according to the police, and …": the clause before.
        add_content(s, lead.begin, lead.end);
        return;
      }
      // "According to X, ROLE, what was said."
      add_content(s, tail + 1, learned_end(cue, tail + 1, trim_end(tail + 1, unit.end), unit));
      // "Since November, according to X, forces have killed …": the lead belongs to it.
      if (has_lead) prepend(cue, lead);
      return;
    }
    // "What was said, according to X." "That’s according to X": "That" stands for it.
    uint32_t end = cue;
    while (end > unit.begin && (a_.boundary(end - 1) || a_.tokens[end - 1].has(kContraction))) {
      --end;
    }
    // "“I had no choice,” he said, according to a transcript …": where the statement just made
    // was read, not a statement of its own.
    for (auto k = out_.rbegin(); k != out_.rend() && k->cue.begin >= unit.begin; ++k) {
      if (k->cue.end == end && k->pattern == Pattern::quote_before_cue) return;
    }
    if (end > unit.begin) add_content(s, unit.begin, trim_end(unit.begin, end));
  }

  // The statement just added for `cue` starts with `lead` too.
  void prepend(uint32_t cue, Range lead) {
    if (out_.empty() || out_.back().cue.begin != cue) return;
    auto& parts = out_.back().parts;
    parts.insert(parts.begin(), {a_.tokens[lead.begin].start, a_.tokens[lead.end - 1].end});
  }

  // "LEAD, X said, TAIL": the speaker stands inside what was said. A lead with no verb goes on
  // in the tail ("The port, Ana said, will close in May"); a tail that says how it was said is
  // not part of it ("Sales were great, he said, wiping sweat off his face"). Otherwise false:
  // the usual choice between what comes before and after.
  bool parenthetical(Range unit, Statement& s, uint32_t head, uint32_t content, uint32_t end,
                     const SpeechVerb& v) {
    if (content >= end || v.frame == Frame::call || !a_.punct(content - 1, U',') ||
        head < unit.begin + 2 || !a_.punct(head - 1, U',')) {
      return false;
    }
    const Range lead{clause_or(unit, head), head - 1};
    if (lead.end <= lead.begin || introduction(lead.begin, lead.end)) return false;
    if (ing_form(content) && !a_.lower(content, kSpeechVerb)) {
      s.pattern = Pattern::content_before_cue;
      add_content(s, lead.begin, trim_end(lead.begin, lead.end));
      return true;
    }
    if (clause_verb(lead) || circumstance(content, end) || !clause_after(content, end, false)) {
      return false;
    }
    const uint32_t cue = s.cue.begin;
    add_content(s, content, learned_end(cue, content, end, unit));
    prepend(cue, lead);
    return true;
  }

  // What stands before a mid-sentence "…, according to X, …" and is part of what was said:
  // empty when the cue opens its clause ("The AP reported that, according to …", "While …").
  Range lead_of(Range unit, uint32_t cue) const {
    const uint32_t begin = clause_or(unit, cue);
    if (cue < begin + 2 || !a_.punct(cue - 1, U',') || subordinator(begin)) return {cue, cue};
    const uint32_t last = cue - 2;
    const bool ends_phrase =
        a_.tokens[last].kind == TokenKind::number ||  // "in fiscal 2015"
        (a_.word(last) && a_.key(last) != "that" && !a_.lower(last, kConj | kPrep));
    if (!ends_phrase) return {cue, cue};
    for (uint32_t i = begin; i < cue; ++i) {
      if (a_.tokens[i].kind == TokenKind::quote) return {cue, cue};  // a quotation's own cue
    }
    return {begin, cue - 1};
  }

  bool clause_verb(Range r) const {
    for (uint32_t i = r.begin; i < r.end; ++i) {
      if (a_.lower(i, kFiniteVerb | kAux)) return true;
    }
    return false;
  }

  bool speech_noun_at(uint32_t i) const {
    return a_.word(i) && !a_.tokens[i].has(kCapitalised) && a_.tokens[i].info &&
           a_.tokens[i].info->speech_noun;
  }

  // "Trump’s claim that Mexico will pay", "her call for a ban", "his promise to cut taxes": the
  // noun's owner said what follows. Only the statement model may keep it.
  void speech_noun(Range unit, uint32_t cue) {
    if (!guessing() || cue + 2 >= unit.end || !a_.word(cue + 1)) return;
    const std::string_view next = a_.key(cue + 1);
    uint32_t content = cue + 1;
    if (next == "that" || next == "for") {
      ++content;
    } else if (!takes_clause(cue + 1)) {  // "to" and a verb
      return;
    }
    Statement s;
    s.cue = {cue, cue + 1};
    s.speaker = possessor_of(a_, cue, clause_begin(unit, cue));
    if (!s.speaker) return;
    s.pattern = Pattern::speech_noun;
    s.guesses = kGuessedSpeaker;
    // What was said ends where the sentence the noun stands in goes on: before its verb, the
    // first finite one after the reported clause's own ("… that he has a way to win would
    // depend on …", "… to abandon Trump went unheeded").
    uint32_t verbs = next == "that" ? 0 : 1, end = content;
    for (; end < unit.end && !a_.boundary(end); ++end) {
      if (a_.lower(end, kAux | kFiniteVerb) && ++verbs == 2) break;
    }
    end = trim_end(content, end);
    if (content < end) add_content(s, content, end);
  }

  void speech_verb(Range unit, uint32_t cue, const SpeechVerb& v, uint8_t guesses) {
    Statement s;
    s.cue = {cue, cue + 1};
    s.guesses = guesses;
    // "Noting that only Kirk voted with Democrats, Tester added …", "After saying he was
    // nervous, the man asked …": a participle opening the sentence speaks for the main clause's
    // subject; what it says runs to its comma.
    if (const uint32_t content = opening_participle(unit, cue); content != cue) {
      if (content == 0) return;
      const uint32_t comma = segment_end(a_, content, unit.end);
      if (comma + 1 >= unit.end || !a_.punct(comma, U',')) return;
      s.speaker = clause_subject(a_, comma + 1, unit.end);
      if (!s.speaker) return;
      s.pattern = Pattern::content_after_cue;
      add_content(s, content, comma);
      return;
    }
    if (by_agent(cue, v)) {
      s.speaker = speaker_at(a_, cue + 2, unit.end, true);
      if (!s.speaker) return;
      // A question or a that-clause, not "asked by the mayor to stay".
      const uint32_t content =
          content_start(std::max(s.speaker.last, s.speaker.role.end), unit.end, v);
      if (content >= unit.end || content == 0 || !a_.word(content)) return;
      const std::string_view first = a_.key(content);
      if (first != "whether" && first != "if" && first != "about" &&
          a_.key(content - 1) != "that") {
        return;
      }
      const uint32_t end = trim_end(content, segment_end(a_, content, unit.end));
      s.pattern = Pattern::content_after_cue;
      add_content(s, content, end);
      return;
    }
    const uint32_t clause = clause_begin(unit, cue);
    // "He defended the plan, saying …": a participle after a comma speaks for the clause's
    // subject; what precedes it is that clause, not its subject or what was said.
    const bool after_comma =
        cue > unit.begin && (a_.punct(cue - 1, U',') || closes_quotation(cue - 1));
    const bool participle = after_comma && ing_form(cue);
    // "…, said Dante Scala, a professor …": a name right after the cue is the speaker, not a
    // name in the clause before.
    bool name_after = false;
    // Not after "told": "“…,” Jeb Bush, a former governor, told CNN" names the hearer there.
    if (after_comma && v.frame != Frame::tell) {
      const SpeakerPhrase named = speaker_at(a_, cue + 1, unit.end, false);
      // Not the subject of what was said: "…, the mayor, said Trump would win".
      name_after = named.kind == SpeakerPhrase::Kind::named &&
                   (named.end >= unit.end || a_.tokens[named.end].kind == TokenKind::punct);
    }
    if (!participle && !name_after) s.speaker = subject_before(a_, cue, clause);
    uint32_t after = cue + 1;
    bool inverted = !s.speaker;
    if (inverted && !(guesses & kInfinitive)) {
      // "“…,” said X", "…, said X", or a participle / coordinated verb sharing the subject. Not
      // "…, a witness, who lives nearby, told AFP": after "told" comes whom it was told to.
      if (!participle && v.frame != Frame::tell &&
          (cue == clause || a_.boundary(cue - 1) || closes_quotation(cue - 1))) {
        // Right after a quotation or a clause any described speaker will do: "“…,” said the
        // 46-year-old", "…, said a handful of Democrats who point to …".
        const bool described =
            after_comma &&
            (!closes_quotation(cue - 1) || speech_like(quotation_at_close_[cue - 1])) &&
            after < unit.end &&
            (a_.lower(after, kDet) || a_.tokens[after].kind == TokenKind::number ||
             (a_.word(after) && a_.key(after) == "one"));
        s.speaker = speaker_at(a_, after, unit.end, described);
        // Not a clause: "“Morning Show,” suggested the port could close".
        if (described && s.speaker.kind == SpeakerPhrase::Kind::phrase) {
          bool clause = false;
          for (uint32_t k = s.speaker.begin; k < s.speaker.end; ++k) {
            clause = clause || a_.lower(k, kAux | kFiniteVerb);
          }
          if (clause) s.speaker = {};
        }
        // "…, said he." but not "said it was late": a pronoun after the verb ends the clause.
        if (s.speaker.kind == SpeakerPhrase::Kind::pronoun && s.speaker.end < unit.end &&
            a_.tokens[s.speaker.end].kind != TokenKind::punct) {
          s.speaker = {};
        }
      }
      if (s.speaker) {
        after = std::max(s.speaker.last, s.speaker.role.end);
        // "Said Ana Kovač, who grew up nearby, “…”": the speaker's relative clause.
        if (a_.punct(after, U',') && a_.lower(after + 1, kRelative)) {
          after = segment_end(a_, after + 1, unit.end);
        }
        if (s.speaker.role.end > s.speaker.last && a_.punct(after, U',')) ++after;
      } else if (shares_subject(cue, clause)) {
        s.speaker = shared_subject(unit, cue);
        s.guesses |= kSharedSubject;
      }
    }
    if (!s.speaker && guessing()) {
      for (const uint32_t begin : clause_starts(unit, cue)) {
        if ((s.speaker = clause_head(a_, begin, cue))) break;
      }
      s.guesses |= kGuessedSpeaker;
      inverted = false;
    }
    if (!s.speaker) return;
    // "a system that they say has ...": a cue inside a relative clause is rarely a statement;
    // only the statement model may keep it.
    // So is one whose subject is "which" ("the WTO, which writes the rules").
    if ((s.speaker.kind == SpeakerPhrase::Kind::pronoun && s.speaker.begin > 0 &&
         a_.word(s.speaker.begin - 1) &&
         (a_.key(s.speaker.begin - 1) == "that" || (a_.lex(s.speaker.begin - 1) & kRelative))) ||
        (s.speaker.last > s.speaker.end && a_.word(s.speaker.last - 1) &&
         a_.key(s.speaker.last - 1) == "which")) {
      if (!guessing()) return;
      s.guesses |= kRelativeClause;
    }

    // “…,” X said — the quotation right before the attribution.
    uint32_t lead = inverted ? cue : std::min(s.speaker.first, cue);
    // “…,” campaign press secretary Ana Kovač said: words before the subject's name that only
    // modify it stand between the quotation and the subject.
    if (!inverted && lead > clause && modifiers_only(clause, lead)) {
      lead = clause;
    }
    if (const uint32_t q = participle ? kNoQuote : quotation_before(lead);
        q != kNoQuote && !clause_follows(q, lead, after, unit.end, v)) {
      s.pattern = Pattern::quote_before_cue;
      add_quotation(s, q);
      return;
    }
    if (!inverted && as_clause(unit, s, cue)) return;
    uint32_t content = content_start(after, unit.end, v);
    if (content == kNoQuote && v.frame == Frame::that && guessing()) {
      content =
          content_start(after, unit.end, SpeechVerb{v.lemma, Frame::say, v.noun_form, v.hearer});
      s.guesses |= kLooseFrame;
      // Not an amount or a prepositional phrase ("The bank pledged $5 million to the fund",
      // "responded to his attacks"); "responded to the question by calling it …" from "by".
      if (content != kNoQuote && content < unit.end &&
          (a_.tokens[content].kind == TokenKind::number || a_.punct(content, U'$') ||
           (a_.lower(content, kPrep) && a_.key(content) != "by"))) {
        uint32_t by = content + 1;
        const uint32_t stop = segment_end(a_, content, unit.end);
        while (by < stop && !(a_.word(by) && a_.key(by) == "by")) ++by;
        if (by >= stop) return;
        content = by;
      }
    }
    // "which wrote and adopted the constitution": another verb, not what was said.
    if (content == kNoQuote || (content == cue + 1 && a_.word(content) &&
                                (a_.key(content) == "and" || a_.key(content) == "or"))) {
      return;
    }
    // X said: “…” — a quotation right after the cue.
    if (content < unit.end && quotation_at_open_[content] != kNoQuote &&
        !used_[quotation_at_open_[content]]) {
      const uint32_t q = quotation_at_open_[content];
      const uint32_t close = a_.quotations[q].close;
      if (close == Quotation::kNone || ends_unit(close + 1, unit.end) ||
          a_.punct(close + 1, U',')) {
        s.pattern = Pattern::quote_after_cue;
        add_quotation(s, q);
        return;
      }
    }
    if (v.frame == Frame::call && !call_content(content, unit.end)) {
      if (!guessing()) return;
      s.guesses |= kLooseFrame;
    }
    const uint32_t end = trim_end(
        content,
        relative_clause_end(unit, cue, content,
                            next_attribution(content, subordinate_end(unit, cue, content))));
    const uint32_t head = inverted ? cue : subject_start(unit, s.speaker.first);
    // After "…, X said" only a clause is what was said; not where or when it was said ("…, X
    // said during a visit to the plant") or a relative clause on the speaker ("…, said X, who
    // runs the plant").
    if (parenthetical(unit, s, head, content, end, v) || anonymity_request(content, end)) return;
    // "Floods forced 50,000 from their homes, officials said Friday, as rivers burst their
    // banks": after what was said and the cue, a clause of when goes on the sentence.
    const bool said_after = head > unit.begin + 1 && a_.punct(head - 1, U',');
    bool circumstance_after = said_after && content > 0 && content < end &&
                              a_.punct(content - 1, U',') && a_.word(content) &&
                              (a_.key(content) == "as" || a_.key(content) == "while");
    // Not when a main clause follows it: "…, she said, when she was young, a boss …".
    for (uint32_t k = content + 1; circumstance_after && k < end; ++k) {
      circumstance_after = !a_.punct(k, U',');
    }
    // "Israel had added new conditions": "add" says something only with a clause or a quotation.
    if (v.lemma == "add" && content < end &&
        (a_.word(content) || a_.tokens[content].kind == TokenKind::number) &&
        !a_.lower(content, kPrep) && !clause_or_quotation(content, end)) {
      return;
    }
    if (content < end && !circumstance_after && !circumstance(content, end) &&
        !setting_only(content, end, v) &&
        !(reverse_possible(head) && v.frame != Frame::call &&
          !clause_after(content, end, inverted && content > cue + 1))) {
      add_content(s, content, learned_end(cue, content, end, unit));
      return;
    }
    // "…, X said." / "…, said X." — what was said comes first.
    // The comma may stand inside a closing quotation mark: "Prices are “a scandal,” Ana said."
    const bool comma =
        head > unit.begin + 1 &&
        (a_.punct(head - 1, U',') || (closes_quotation(head - 1) && a_.punct(head - 2, U',')));
    if (comma && head - 1 > clause_or(unit, head)) {
      const uint32_t begin = clause_or(unit, head);
      uint32_t end = a_.punct(head - 1, U',') ? head - 1 : head;
      // "…, his top aide, Tad Devine, told …": the role between what was said and the name.
      if (s.speaker.kind == SpeakerPhrase::Kind::named) {
        uint32_t p = end;
        while (p > begin && !a_.boundary(p - 1)) --p;
        if (p > begin + 1 && end - p <= 8 && a_.punct(p - 1, U',') &&
            !a_.tokens[p].has(kCapitalised) && has_role_word(a_, p, end) &&
            !clause_verb({p, end}) && is_appositive(a_, p, end)) {
          if (s.speaker.role.end <= s.speaker.role.begin) s.speaker.role = {p, end};
          end = p - 1;
        }
      }
      s.pattern = Pattern::content_before_cue;
      if (!introduction(begin, end)) add_content(s, begin, trim_end(begin, end));
      return;
    }
    // "X said:" at the end of a paragraph, the quotation opening the next one.
    const uint32_t next = content < unit.end ? content : unit.end;
    if (ends_unit(next, unit.end) && unit.end < a_.size() &&
        a_.tokens[unit.end].has(kParagraphStart)) {
      const uint32_t q = quotation_at_open_[unit.end];
      if (q != kNoQuote && !used_[q] &&
          stands_alone(q, a_.layout.paragraphs[a_.layout.paragraph_of[unit.end]])) {
        s.pattern = Pattern::quote_next_paragraph;
        add_quotation(s, q);
      }
    }
  }

  // "…, as Dayen noted in The Intercept." / "As the mayor said on Tuesday, the plan …": "as"
  // before the subject makes what was said the clause the as-clause hangs on. Not when a clause
  // follows the cue ("as he said he would", "as she told them that …"): that "as" is "while".
  bool as_clause(Range unit, Statement& s, uint32_t cue) {
    // A sentence's capitalised "As" reads as a modifier of the name after it.
    uint32_t opens = subject_start(unit, s.speaker.first);
    if (!a_.word(opens) || a_.key(opens) != "as") {
      if (opens == unit.begin || !a_.word(opens - 1) || a_.key(opens - 1) != "as") return false;
      --opens;
    }
    if (opens != unit.begin && !a_.punct(opens - 1, U',')) return false;
    const uint32_t stop = segment_end(a_, cue + 1, unit.end);
    if (clause_or_quotation(cue + 1, stop)) return false;
    uint32_t begin = 0, end = 0;
    if (opens == unit.begin) {  // "As X said, …"
      if (stop + 1 >= unit.end || !a_.punct(stop, U',')) return false;
      begin = stop + 1;
      end = trim_end(begin, unit.end);
      s.pattern = Pattern::content_after_cue;
    } else {  // "…, as X said."
      if (!ends_unit(stop, unit.end)) return false;
      begin = clause_or(unit, opens);
      end = opens - 1;
      s.pattern = Pattern::content_before_cue;
      if (introduction(begin, end)) return false;
    }
    add_content(s, begin, end);
    return true;
  }

  // "Ana Kovač, who said the plan would fail, resigned": what was said in a relative clause
  // ends at the comma where the main clause's verb resumes, once it holds a verb of its own
  // (not "who said Mr. Jäger, under fire, would …").
  uint32_t relative_clause_end(Range unit, uint32_t cue, uint32_t content, uint32_t end) const {
    uint32_t p = cue;
    while (p > unit.begin && a_.lower(p - 1, kAux | kAdverb)) --p;
    if (p < unit.begin + 2 || !a_.word(p - 1) || a_.key(p - 1) != "who" || !a_.punct(p - 2, U',')) {
      return end;
    }
    for (uint32_t k = content + 1; k + 1 < end; ++k) {
      if (a_.punct(k, U',') && a_.lower(k + 1, kFiniteVerb | kAux) && clause_verb({content, k})) {
        return k;
      }
    }
    return end;
  }

  // "calling it “a circus,” Susan Marsh said": what was said ends at the comma before another
  // speaker's reporting clause.
  uint32_t next_attribution(uint32_t begin, uint32_t end) const {
    for (uint32_t k = begin + 1; k + 2 < end; ++k) {
      if (!a_.punct(k, U',')) continue;
      uint32_t subject = k + 1;
      if (closes_quotation(subject)) ++subject;
      uint32_t verb = subject;
      if (const int32_t m = a_.mention_at(subject); m >= 0) {
        verb = a_.mention(m).end;
      } else if (a_.lower(subject, kPronoun) && !(a_.lex(subject) & kDet)) {
        verb = subject + 1;
      }
      if (verb > subject && verb < end && a_.lower(verb, kSpeechVerb) && !ing_form(verb)) {
        return k;
      }
    }
    return end;
  }

  bool subordinator(uint32_t i) const { return a_.word(i) && opens_subordinate_clause(a_.key(i)); }

  // "While it has said that X, it ...": what was said in a subordinate clause ends at its comma.
  uint32_t subordinate_end(Range unit, uint32_t cue, uint32_t content) const {
    if (!subordinator(unit.begin)) return unit.end;
    for (uint32_t i = unit.begin; i < cue; ++i) {
      if (a_.punct(i, U',')) return unit.end;  // the cue is in the main clause
    }
    for (uint32_t i = content; i < unit.end; ++i) {
      if (a_.punct(i, U',') && !a_.tokens[i].has(kQuoted)) return i;
    }
    return unit.end;
  }

  // Where the subject of `cue` can start: after a quotation closed before it in the unit.
  uint32_t clause_begin(Range unit, uint32_t cue) const {
    for (uint32_t i = cue; i > unit.begin; --i) {
      // Not a title inside the subject: "Joe Scarborough, host of MSNBC’s “Morning Joe,” said".
      if (const uint32_t q = quotation_at_close_[i - 1]; q != kNoQuote && speech_like(q)) {
        uint32_t b = i;
        while (b < cue && a_.punct(b, U',')) ++b;
        return b;
      }
    }
    return unit.begin;
  }

  uint32_t clause_or(Range unit, uint32_t head) const {
    // The reported clause before "…, X said" starts at the unit, or after a colon within it.
    uint32_t begin = unit.begin;
    for (uint32_t i = unit.begin; i + 1 < head; ++i) {
      if (a_.punct(i, U':')) begin = i + 1;
    }
    return begin;
  }

  // The start of the subject phrase around `first`: past the words that modify it ("Republican
  // candidate Ana Kovač").
  uint32_t subject_start(Range unit, uint32_t first) const {
    uint32_t b = first;
    while (b > unit.begin && modifiers_only(b - 1, b)) --b;
    return b;
  }

  // Only words that can modify a name: capitalised words, names, role words, determiners.
  bool modifiers_only(uint32_t begin, uint32_t end) const {
    for (uint32_t i = begin; i < end; ++i) {
      if (a_.mention_at(i) >= 0 || a_.tokens[i].has(kPossessive)) continue;
      if (joins_number(a_, i + 1) || joins_number(a_, i)) continue;  // "62-year-old"
      if (!a_.word(i) || a_.tokens[i].has(kQuoted) ||
          a_.lower(i, kAux | kSpeechVerb | kConj | kRelative | kPrep | kPronoun)) {
        return false;
      }
    }
    return true;
  }

  bool closes_quotation(uint32_t i) const { return quotation_at_close_[i] != kNoQuote; }

  // "“…,” the Saudis state in the paper": a short subject right after a quotation's closing
  // comma makes the word after it its verb, when no noun follows it ("the state election
  // office said").
  bool after_quotation(uint32_t i) const {
    if (i + 1 < a_.size() && a_.word(i + 1) && !a_.lower(i + 1, kPrep | kAdverb | kTime | kDay))
      return false;
    for (uint32_t k = i; k > 1 && k + 4 > i; --k) {
      if (closes_quotation(k - 1)) return a_.punct(k - 2, U',') && k < i;
      if (!a_.word(k - 1) || a_.lower(k - 1, kPrep | kConj | kAux | kRelative)) return false;
    }
    return false;
  }

  bool ing_form(uint32_t i) const {
    return a_.word(i) && a_.key(i).size() > 4 && a_.key(i).ends_with("ing");
  }

  // "…, saying that", "… and said": the verb shares the subject of the clause before.
  bool shares_subject(uint32_t cue, uint32_t clause) const {
    if (cue <= clause) return false;
    uint32_t t = cue - 1;
    while (t > clause && a_.lower(t, kAdverb) && !ing_form(cue)) --t;  // "and then said"
    // A participle after a medium, the object of the verb before: "issued a statement saying".
    if (ing_form(cue) && a_.lower(t, kMedium)) {
      return true;
    }
    if (a_.lower(t, kConj) || a_.punct(t, U',')) return true;
    // “… of debt,” noting that …: the comma inside the closing quotation mark.
    if (closes_quotation(t) && t > 0 && a_.punct(t - 1, U',')) return true;
    const std::string_view k = a_.key(t);
    return a_.word(t) && (k == "by" || k == "before" || k == "after" || k == "while");
  }

  SpeakerPhrase shared_subject(Range unit, uint32_t cue) const {
    // The speaker of an earlier statement in this unit, else the clause's subject.
    for (auto s = out_.rbegin(); s != out_.rend(); ++s) {
      if (s->cue.begin >= unit.begin && s->cue.begin < cue && s->speaker) return s->speaker;
    }
    return clause_subject(a_, unit.begin, cue);
  }

  // The unused quotation that closes right before `lead` (commas between allowed).
  uint32_t quotation_before(uint32_t lead) const {
    // A quotation that ends a paragraph is not the next paragraph's to attribute.
    if (a_.tokens[lead].has(kParagraphStart)) return kNoQuote;
    uint32_t i = lead;
    while (i > 0 && a_.punct(i - 1, U',')) --i;
    if (i == 0 || quotation_at_close_[i - 1] == kNoQuote) return kNoQuote;
    const uint32_t q = quotation_at_close_[i - 1];
    return used_[q] || !speech_like(q) ? kNoQuote : q;
  }

  // "…in Nice.” He said he had directed …": a quotation that ended the sentence before is not
  // the cue's when the cue opens a sentence with a clause of its own after it.
  bool clause_follows(uint32_t q, uint32_t lead, uint32_t after, uint32_t end,
                      const SpeechVerb& v) const {
    const uint32_t last = a_.quotations[q].last_token;
    const uint32_t open = a_.quotations[q].open;
    // "To a question on the “privatization of public jobs,” Sanders said private contractors
    // …": a quotation inside a phrase of the introduction is what was asked about.
    const bool in_phrase = open > 0 && a_.lower(open - 1, kDet | kPrep);
    if (!in_phrase && (!a_.tokens[lead].has(kSentenceStart) ||
                       !(a_.punct(last, U'.') || a_.punct(last, U'?') || a_.punct(last, U'!')))) {
      return false;
    }
    const uint32_t content = content_start(after, end, v);
    if (content == kNoQuote || content >= end ||
        !clause_verb({content, segment_end(a_, content, end)})) {
      return false;
    }
    // A subject opens it: "he had …", "a smaller jet would …", "Paris will …", not "of the
    // encounter he had" or "station in an interview".
    return in_phrase || (a_.word(content - 1) && a_.key(content - 1) == "that") ||
           a_.mention_at(content) >= 0 || a_.tokens[content].has(kCapitalised) ||
           a_.lower(content, kPronoun | kDet);
  }

  // "The Art of the Deal": every word but the small ones capitalised, a name rather than speech.
  bool title(uint32_t q) const {
    const Quotation& quotation = a_.quotations[q];
    bool any = false;
    for (uint32_t i = quotation.open + 1; i <= quotation.last_token && i < a_.size(); ++i) {
      if (!a_.word(i) || a_.lower(i, kDet | kPrep | kConj)) continue;
      if (!a_.tokens[i].has(kCapitalised)) return false;
      any = true;
    }
    return any;
  }

  // A quotation that can be speech on its own: it opens a sentence or follows a comma, colon or
  // dash, or is long; not a title or a scare-quoted phrase ("on “Morning Joe,” co-host ...").
  bool speech_like(uint32_t q) const {
    const Quotation& quotation = a_.quotations[q];
    const uint32_t open = quotation.open;
    if (open == 0 || a_.tokens[open].has(kSentenceStart) || a_.boundary(open - 1) ||
        a_.tokens[open].has(kParagraphStart)) {
      return true;
    }
    uint32_t words = 0;
    for (uint32_t i = open + 1; i <= quotation.last_token && words < 5; ++i) words += a_.word(i);
    return words >= 5;
  }

  // Is the "that" at `i` the start of a clause, not the pronoun of "said that was wrong" or the
  // determiner of "echoed that concern."?
  bool complementizer(uint32_t i, uint32_t end) const {
    if (!a_.word(i) || a_.key(i) != "that" || i + 1 >= end) return false;
    const bool verb = a_.lower(i + 1, kFiniteVerb | kAux) && a_.key(i + 1) != "not" &&
                      a_.key(i + 1) != "being";  // "that not all …", "that being American …"
    return !verb && !ends_unit(i + 2, end);
  }

  // "over 300", "about 50": a preposition that makes a number approximate, which begins what
  // was said ("said over 300 people had died"), not where or when it was said.
  bool approximates(uint32_t i, uint32_t end) const {
    if (i + 1 >= end || a_.tokens[i + 1].kind != TokenKind::number) return false;
    const std::string_view k = a_.key(i);
    return k == "over" || k == "under" || k == "about" || k == "around" || k == "above" ||
           k == "below";
  }

  // Where something was said: "statement", "programme", and "show" (not a medium in the
  // grammar lists: "to show restraint" is a verb).
  bool programme_word(uint32_t i) const {
    return a_.lower(i, kMedium) || (a_.word(i) && a_.key(i) == "show");
  }

  // Where what was said starts after the cue (and its hearer): past the hearer of "told",
  // adverbials ("Thursday", "to the media", "in a statement"), a comma or colon, and "that".
  // kNoQuote if the verb needs a "that" and has none.
  uint32_t content_start(uint32_t i, uint32_t end, const SpeechVerb& v) const {
    if (v.frame == Frame::tell || v.frame == Frame::ask) {
      // "told only their friends that …"; but "the numbers tell only half the story": no one
      // to tell, a thing told.
      uint32_t heard = skip_hearer(i, end);
      if (v.frame == Frame::tell && heard == i && i + 1 < end && a_.lower(i, kAdverb)) {
        heard = skip_hearer(i + 1, end);
        if (heard == i + 1) return kNoQuote;
      }
      i = heard;
      if (const uint32_t that = that_after_setting(i, end); that != kNoQuote) return that + 1;
      // "told the mayors who gathered in Indianapolis, “…”": past the hearer's relative clause.
      if (a_.lower(i, kRelative)) {
        const uint32_t comma = segment_end(a_, i, end);
        if (comma + 1 < end && a_.punct(comma, U',') && quotation_at_open_[comma + 1] != kNoQuote) {
          return comma + 1;
        }
      }
    } else if (v.hearer && i < end && a_.word(i) && a_.key(i) != "that") {
      // "warned both sides that …", "warned residents of the coast that …", but "warned the
      // bridge would fall": a hearer only before "that".
      const uint32_t heard = skip_hearer(i, end);
      if (heard > i && heard < end && a_.word(heard)) {
        if (a_.key(heard) == "that") return heard + 1;
        if (const uint32_t that = that_after_setting(heard, end); that != kNoQuote) return that + 1;
      }
    }
    i = skip_dashed_aside(i, end);
    uint32_t j = i;
    while (j < end && j < i + 10) {
      if (adverbial_word(j) || a_.punct(j, U',')) {
        ++j;
      } else if (a_.lower(j, kPrep) && !approximates(j, end) &&
                 // "called for the impeachment of …": what was called for, not a setting.
                 !(v.frame == Frame::call && (a_.key(j) == "for" || a_.key(j) == "on"))) {
        // "to the media", "in a statement", "on Wednesday"
        ++j;
        if (j < end && a_.word(j) && a_.key(j) == "that") ++j;  // "responded to that tweet"
        // "in Saturday’s New York Times": the split-off "’s" belongs to the phrase.
        // "on a call with analysts": a speech verb's form after a determiner is a noun.
        // "in a 12-page ruling": a compound with a number is part of the phrase.
        while (j < end &&
               (a_.word(j) || a_.tokens[j].has(kPossessive) ||
                a_.tokens[j].kind == TokenKind::number || joins_number(a_, j)) &&
               a_.key(j) != "that" && !a_.lower(j, kPrep | kAux | kConj | kPronoun | kRelative) &&
               !(a_.lower(j, kSpeechVerb) && !a_.lower(j - 1, kDet))) {
          ++j;
          // "on the MSNBC show ''Morning Joe'' that …": a programme's title in marks.
          if (j < end && quotation_at_open_[j] != kNoQuote && programme_word(j - 1)) {
            const Quotation& title = a_.quotations[quotation_at_open_[j]];
            if (title.close != Quotation::kNone && !speech_like(quotation_at_open_[j])) {
              j = title.close + 1;
            }
          }
        }
      } else {
        break;
      }
    }
    if (j < end && !a_.tokens[j].has(kCapitalised) && complementizer(j, end)) return j + 1;
    if (v.frame == Frame::that) return kNoQuote;
    if (const uint32_t q = quotation_after(i, end, U':'); q != kNoQuote) return q;
    // "said of the episode, “…”", "asks at Western High School, “…”".
    if (a_.lower(i, kPrep)) {
      if (const uint32_t q = quotation_after(i, end, U','); q != kNoQuote) return q;
    }
    i = skip_adverbials(i, end);
    // "wrote to Lynch, urging …": whom it was said to, and nothing said here.
    if (i + 1 < end && a_.word(i) && a_.key(i) == "to" && !a_.tokens[i].has(kCapitalised)) {
      const uint32_t after = skip_hearer(i + 1, end);
      if (after > i + 1 && (after >= end || a_.boundary(after))) {
        if (after + 1 < end && a_.punct(after, U',') && quotation_at_open_[after + 1] != kNoQuote) {
          return after + 1;
        }
        return kNoQuote;
      }
    }
    // "…, analysts say; …": a semicolon or dash right after the cue ends the attribution.
    if (i < end &&
        (a_.punct(i, U';') || (a_.boundary(i) && a_.tokens[i].mark != U',' &&
                               a_.tokens[i].mark != U':' && a_.tokens[i].mark != U'('))) {
      return end;
    }
    if (i < end && (a_.punct(i, U',') || a_.punct(i, U':'))) ++i;
    return i;
  }

  // "said on Twitter: “…”", "told WEEI: “…”", "said of the episode, “…”": where, to whom or of
  // what, the mark, then the quotation.
  // The quotation's first token, or kNoQuote.
  uint32_t quotation_after(uint32_t i, uint32_t end, char32_t mark) const {
    for (uint32_t k = i; k < end && k < i + 8; ++k) {
      if (a_.punct(k, mark)) {
        return k > i && k + 1 < end && quotation_at_open_[k + 1] != kNoQuote ? k + 1 : kNoQuote;
      }
      if (a_.tokens[k].has(kQuoted) || a_.lower(k, kFiniteVerb | kAux | kRelative) ||
          (a_.word(k) && a_.key(k) == "that") ||
          !(a_.word(k) || a_.tokens[k].has(kPossessive) || a_.tokens[k].kind == TokenKind::number ||
            a_.punct(k, U','))) {
        return kNoQuote;
      }
    }
    return kNoQuote;
  }

  // "said — on Twitter, as it happens — that ...": an aside between dashes right after the cue.
  uint32_t skip_dashed_aside(uint32_t i, uint32_t end) const {
    if (i >= end || !a_.boundary(i) || a_.tokens[i].mark == U',' || a_.tokens[i].mark == U':' ||
        a_.tokens[i].mark == U';' || a_.tokens[i].mark == U'(') {
      return i;
    }
    for (uint32_t k = i + 1; k < end && k < i + 16; ++k) {
      if (a_.tokens[k].mark == a_.tokens[i].mark && a_.boundary(k)) return k + 1;
    }
    return i;
  }

  // "Thursday", "on Tuesday", "in a statement", "on Jan. 3": when and where, not what was said.
  uint32_t skip_adverbials(uint32_t i, uint32_t end) const {
    while (i < end) {
      if (adverbial_word(i)) {
        ++i;
        continue;
      }
      if (!a_.lower(i, kPrep)) break;
      // "said in Paris the talks were over": where, a place's name.
      if (const int32_t m = i + 1 < end ? a_.mention_at(i + 1) : -1;
          m >= 0 && (a_.key(i) == "in" || a_.key(i) == "at") && a_.mention(m).begin == i + 1 &&
          a_.mention(m).type == EntityType::location && a_.mention(m).end < end &&
          a_.word(a_.mention(m).end) &&
          (a_.lower(a_.mention(m).end, kDet | kPronoun) ||
           a_.tokens[a_.mention(m).end].has(kCapitalised))) {
        i = a_.mention(m).end;
        continue;
      }
      uint32_t k = i + 1;
      while (k < end && k < i + 5 && (a_.word(k) || a_.tokens[k].kind == TokenKind::number) &&
             !(a_.lex(k) & (kTime | kDay | kMonth | kMedium))) {
        ++k;
      }
      if (k >= end || k >= i + 5 || !(a_.lex(k) & (kTime | kDay | kMonth | kMedium))) break;
      i = k + 1;
      while (i < end && a_.tokens[i].kind == TokenKind::number) ++i;  // "Jan. 3"
    }
    return i;
  }

  // "Thursday", "yesterday", "repeatedly", "this week".
  bool adverbial_word(uint32_t i) const {
    return a_.lower(i, kAdverb | kTime | kDay) ||
           (a_.word(i) && (a_.lex(i) & kDay) && a_.tokens[i].has(kCapitalised));
  }

  uint32_t skip_hearer(uint32_t i, uint32_t end) const {
    if (i >= end) return i;
    // "The Huffington Post": the article of a name the tagger leaves out.
    if (a_.word(i) && a_.key(i) == "the" && i + 1 < end && a_.mention_at(i + 1) >= 0) ++i;
    // Lower-case words that describe a name: "conservative radio host Hugh Hewitt".
    uint32_t named = i;
    while (named < end && named < i + 4 && a_.mention_at(named) < 0 && a_.word(named) &&
           !a_.tokens[named].has(kCapitalised) &&
           !(a_.lex(named) & (kPronoun | kPrep | kConj | kAux | kRelative | kDet | kFiniteVerb |
                              kAdverb | kTime)) &&
           // "state broadcaster": a speech verb's noun form.
           (!(a_.lex(named) & kSpeechVerb) ||
            (speech_verb_at(named) && speech_verb_at(named)->noun_form))) {
      ++named;
    }
    // ... or a body: "state broadcaster ERT", "the news agency Reuters".
    const auto body_noun = [&](uint32_t k) {
      return (a_.lex(k) & kOrgNoun) || (a_.tokens[k].info && a_.tokens[k].info->company_noun);
    };
    if (named > i && a_.mention_at(named) >= 0 &&
        (a_.mention(a_.mention_at(named)).type == EntityType::person ||
         (a_.mention(a_.mention_at(named)).type == EntityType::organisation &&
          body_noun(named - 1)))) {
      i = named;
    }
    // "… , the fire chief told local radio.", "told state television that …": a medium or body
    // before the clause's end or "that" was told.
    if (named > i &&
        (named >= end || a_.boundary(named) || a_.punct(named, U'.') ||
         (a_.word(named) && a_.key(named) == "that")) &&
        (body_noun(named - 1) || a_.lower(named - 1, kMedium | kGroupNoun))) {
      return named;
    }
    // "Dr Priya Nair", "Mr. Perić": the title the person's mention starts with.
    for (uint32_t j = i + 1; a_.word(i) && a_.mention_at(i) < 0 && j < end && j < i + 4; ++j) {
      if (const int32_t m = a_.mention_at(j); m >= 0) {
        if (a_.mention(m).title_begin <= i) i = j;
        break;
      }
    }
    if (const int32_t m = a_.mention_at(i); m >= 0) {
      uint32_t k = a_.mention(m).end;
      // "Mira Horvat of Radio Adria"
      while (k + 1 < end && a_.word(k) && a_.key(k) == "of" && a_.mention_at(k + 1) >= 0) {
        k = a_.mention(a_.mention_at(k + 1)).end;
      }
      // "Le Parisien newspaper", "Reuters news agency": what the named body is, after its name.
      for (uint32_t w = k; a_.mention(m).type != EntityType::person && w < end && w < k + 2 &&
                           a_.word(w) && !a_.tokens[w].has(kCapitalised) &&
                           !a_.lower(w, kPrep | kConj | kDet | kPronoun | kRelative | kAux);
           ++w) {
        if (body_noun(w) || a_.lower(w, kMedium)) {
          k = w + 1;
          break;
        }
      }
      // "asked Priya Nair, chief economist at the Resolution Foundation, what comes next": past
      // the hearer's role in apposition, when what was asked or said comes after it.
      if (k + 1 < end && a_.punct(k, U',') && a_.mention(m).type == EntityType::person) {
        const uint32_t close = segment_end(a_, k + 1, end);
        const std::string_view next =
            close + 1 < end && a_.word(close + 1) && !a_.tokens[close + 1].has(kCapitalised)
                ? a_.key(close + 1)
                : std::string_view{};
        if (a_.punct(close, U',') && is_appositive(a_, k + 1, close) &&
            (next == "that" || next == "whether" || next == "if" || next == "what" ||
             next == "how" || next == "why" || next == "when" || next == "who")) {
          return close + 1;
        }
      }
      if (k + 1 < end && a_.tokens[k].has(kPossessive)) {
        // "ABC’s “Good Morning America”": a programme of the name's.
        const uint32_t q = quotation_at_open_[k + 1];
        if (q != kNoQuote && !speech_like(q) && a_.quotations[q].close != Quotation::kNone) {
          k = a_.quotations[q].close + 1;
        } else if (const uint32_t owned = skip_hearer(k + 1, end); owned > k + 1) {
          k = owned;  // "CNN’s Jake Tapper", "the newspaper’s editorial board"
        } else {
          // "BBC Radio 4’s Today programme": a programme's name and the word for it.
          uint32_t j = k + 1;
          while (j < end && a_.word(j) && a_.tokens[j].has(kCapitalised)) ++j;
          if (j > k + 1 && j < end && programme_word(j)) k = j + 1;
        }
      }
      return k;
    }
    const std::string_view k = a_.word(i) ? a_.key(i) : std::string_view{};
    // "told reporters", "told parliament", "asked voters whether"; but "urged people to leave"
    // asks that of them.
    if (k == "him" || k == "her" || k == "them" || k == "me" || k == "us" || k == "reporters" ||
        k == "journalists" || k == "parliament" ||
        (a_.lower(i, kGroupNoun) && !(i + 1 < end && a_.word(i + 1) && a_.key(i + 1) == "to"))) {
      return i + 1;
    }
    if (a_.lower(i, kDet)) {  // "a news conference", "the newspaper", "an Iowa audience"
      uint32_t j = i + 1, lower_end = i, first_name = 0;
      while (j < end && j < i + 7 && a_.word(j) &&
             !a_.lower(j, kPronoun | kPrep | kConj | kAux | kRelative | kDet)) {
        if (!a_.tokens[j].has(kCapitalised)) {
          lower_end = j + 1;
        } else if (first_name == 0) {
          first_name = j;
        }
        ++j;
      }
      // Names inside the hearer only when "that" shows where it ends ("the Senate Armed Services
      // Committee that …"); else "told the crowd Trump would lose" keeps Trump as the subject.
      if (j > i + 1 && j < end && a_.word(j) && a_.key(j) == "that" &&
          !a_.tokens[j].has(kCapitalised)) {
        return j;
      }
      // "told the Post." — the phrase ends the clause.
      if (j > i + 1 && (j >= end || a_.boundary(j) || a_.punct(j, U'.'))) return j;
      // Else up to the first name after lower-case words, or past the last lower-case word.
      if (first_name > i + 1 && first_name < lower_end) return first_name;
      if (lower_end > i + 1) return lower_end;
    }
    return i;
  }

  // "told friends since the spring, at fundraisers and in private huddles, that …", "told
  // supporters in Columbus, Ohio, that …", "told analysts on a conference call that …": the
  // "that" after where and when it was told, with no
  // verb, subject or quotation before it. kNoQuote if there is none.
  uint32_t that_after_setting(uint32_t i, uint32_t end) const {
    const auto noun = [&](uint32_t w) {
      return a_.word(w) && !a_.tokens[w].has(kCapitalised) && a_.key(w).size() > 3 &&
             !a_.lower(w, kFiniteVerb | kAux | kSpeechVerb | kPronoun | kPrep | kDet | kAdverb);
    };
    const auto plural = [&](uint32_t w) { return noun(w) && a_.key(w).ends_with('s'); };
    bool in_phrase = false;   // inside a prepositional phrase ("since the spring")
    uint32_t clause_end = 0;  // one past a short clause of when ("as he arrived")
    for (uint32_t j = i; j < end && j < i + 20; ++j) {
      // "told reporters as he arrived that …", "told reporters before the vote that …".
      if (!in_phrase && clause_end == 0 && a_.word(j) &&
          (a_.key(j) == "as" || a_.key(j) == "when" || a_.key(j) == "while")) {
        clause_end = j + 5;
      }
      if (j < clause_end) {
        if (a_.word(j) && a_.key(j) == "that" && j > i) return j;
        if (!a_.word(j)) return kNoQuote;
        continue;
      }
      if (a_.punct(j, U',')) {
        in_phrase = false;
        continue;
      }
      // "in a 40-page ruling": the hyphen of a compound with a number is part of the phrase.
      if (!a_.word(j) && !a_.tokens[j].has(kPossessive) && a_.tokens[j].kind != TokenKind::number &&
          !joins_number(a_, j)) {
        return kNoQuote;
      }
      // "the BBC’s Today programme": what a possessive owns is a noun phrase.
      if (a_.tokens[j].has(kPossessive)) in_phrase = true;
      if (!a_.word(j) || a_.tokens[j].has(kCapitalised)) continue;  // names: "in Columbus, Ohio"
      const std::string_view k = a_.key(j);
      if (k == "that") return j > i ? j : kNoQuote;
      // A plural hearer the lists do not hold, with a noun before it: "told dockers in Split
      // that …", "told foundation employees on Thursday that …".
      if ((j == i && (plural(j) || (noun(j) && plural(j + 1)))) ||
          (j == i + 1 && plural(j) && noun(i))) {
        continue;
      }
      if (k == "and" || k == "or") {
        in_phrase = false;
      } else if (a_.lower(j, kPrep) && k != "to") {
        in_phrase = true;
      } else if (!(a_.lex(j) & (kTime | kDay | kMonth)) &&
                 (!in_phrase || a_.lower(j, kFiniteVerb | kAux | kRelative | kPronoun) ||
                  // A speech verb's noun form is a noun here: "on a conference call".
                  (a_.lower(j, kSpeechVerb) && !speech_verb_at(j)->noun_form))) {
        // A verb, a subject ("the port that …") or an infinitive: what was said has begun.
        return kNoQuote;
      }
    }
    return kNoQuote;
  }

  // "called it “absurd”", "called for X to …", "called on X to …".
  bool call_content(uint32_t content, uint32_t end) const {
    if (content < end && a_.word(content) &&
        (a_.key(content) == "for" || a_.key(content) == "on")) {
      return true;
    }
    for (uint32_t k = content; k < end && k < content + 6; ++k) {
      if (quotation_at_open_[k] != kNoQuote) return true;
    }
    return false;
  }

  // A short introductory phrase and no clause: "At the rally, …", "However, …".
  bool introduction(uint32_t begin, uint32_t end) const {
    if (end - begin > 6 || !a_.word(begin) || !(a_.lex(begin) & (kPrep | kAdverb | kConj))) {
      return false;
    }
    for (uint32_t k = begin; k < end; ++k) {
      if (a_.boundary(k) || a_.tokens[k].kind == TokenKind::quote || a_.lower(k, kAux)) {
        return false;
      }
    }
    return true;
  }

  // Could the attribution starting at `head` (its subject, or an inverted cue) end a reported
  // clause ("…, Ana said")? Only if a comma comes before it, perhaps inside a closing quotation
  // mark.
  bool reverse_possible(uint32_t head) const {
    return head > 1 &&
           (a_.punct(head - 1, U',') || (closes_quotation(head - 1) && a_.punct(head - 2, U',')));
  }

  // Can [begin, end) after a cue (and after its speaker, when `after_speaker`) be what was said?
  // Not a tail that says where or when ("outside the building", "on Tuesday") or a relative
  // clause.
  bool clause_after(uint32_t begin, uint32_t end, bool after_speaker) const {
    // After "that" a clause has begun, whatever its first word: "saying that about 5,500 …".
    if (begin > 0 && a_.word(begin - 1) && a_.key(begin - 1) == "that") return true;
    if (a_.lower(begin, kRelative)) return false;
    // "…, Ana said, adding that …": the participle has a statement of its own.
    if (ing_form(begin) && a_.lower(begin, kSpeechVerb)) return false;
    // "…, said the chief executive, John Ferriola." "…, said X, director at the University of
    // California, Davis", "…, said X, and the council agreed": past the speaker's comma only a
    // clause or a quotation is more.
    if (after_speaker && a_.punct(begin - 1, U',')) {
      if (a_.lower(begin, kConj)) return false;
      if (!clause_verb({begin, end})) {
        for (uint32_t k = begin; k < end; ++k) {
          if (const uint32_t q = quotation_at_open_[k]; q != kNoQuote && speech_like(q))
            return true;
        }
        return false;
      }
    }
    // "…, Ana said, a policy that …": a description of what was said, not more of it.
    if (a_.word(begin) && !a_.tokens[begin].has(kCapitalised) &&
        (a_.key(begin) == "a" || a_.key(begin) == "an")) {
      return false;
    }
    if (!a_.lower(begin, kPrep | kAdverb | kTime | kDay) || approximates(begin, end)) return true;
    // "to" and a verb: "promised to veto it", "urged them to wait".
    if (a_.key(begin) == "to" && begin + 1 < end && a_.word(begin + 1) &&
        !a_.tokens[begin + 1].has(kCapitalised) && !a_.lower(begin + 1, kDet | kPronoun)) {
      return true;
    }
    // A quotation that can be speech, or a verb of speech (not "in posing the question", "on
    // MSNBC’s “Morning Joe”").
    for (uint32_t k = begin; k < end && !a_.boundary(k); ++k) {
      if (const uint32_t q = quotation_at_open_[k]; q != kNoQuote && speech_like(q)) return true;
      uint8_t guesses = 0;
      if (a_.lower(k, kSpeechVerb) && verb(k, guesses) && guesses == 0) return true;
    }
    return false;
  }

  // "said in Tel Aviv", "noted on Twitter", "claimed at one point", "said while promoting a
  // film": where or when it was said, with no clause of its own, is not what was said. ("did
  // not respond to a request for comment" stays: the annotated news counts it.)
  bool setting_only(uint32_t begin, uint32_t end, const SpeechVerb& v) const {
    static constexpr std::string_view settings[] = {"in",     "at",   "on",    "during",
                                                    "after",  "from", "while", "before",
                                                    "inside", "via",  "near",  "through"};
    if (!a_.word(begin) || a_.tokens[begin].has(kCapitalised) ||
        std::find(std::begin(settings), std::end(settings), a_.key(begin)) == std::end(settings) ||
        v.frame == Frame::call) {  // "called on Trump to resign" asks something
      return false;
    }
    // "argued in favour of …" says what was argued for.
    if (begin + 1 < end && a_.word(begin + 1) &&
        (a_.key(begin + 1) == "favor" || a_.key(begin + 1) == "favour")) {
      return false;
    }
    return !clause_or_quotation(begin + 1, end);
  }

  // "who asked not to be named", "asked to remain anonymous": a source's condition for speaking,
  // not something said.
  bool anonymity_request(uint32_t begin, uint32_t end) const {
    uint32_t i = begin;
    auto is = [&](std::initializer_list<std::string_view> words) {
      return i < end && a_.word(i) && !a_.tokens[i].has(kCapitalised) &&
             std::find(words.begin(), words.end(), a_.key(i)) != words.end();
    };
    if (is({"not"})) ++i;
    if (!is({"to"})) return false;
    ++i;
    if (!is({"be", "remain", "stay"})) return false;
    ++i;
    return is({"named", "identified", "quoted", "anonymous", "unnamed", "unidentified"});
  }

  // Does [begin, end) hold a verb, a subject pronoun, a relative or "that", or quoted words?
  bool clause_or_quotation(uint32_t begin, uint32_t end) const {
    for (uint32_t i = begin; i < end; ++i) {
      if (a_.lower(i, kFiniteVerb | kAux | kPronoun | kRelative) || a_.tokens[i].has(kQuoted) ||
          a_.tokens[i].kind == TokenKind::quote || (a_.word(i) && a_.key(i) == "that")) {
        return true;
      }
    }
    return false;
  }

  // "said as he launched the process", "said while she waved": when it was said, a clause with
  // no main clause after it (unlike "said when she was young, a boss …").
  bool circumstance(uint32_t begin, uint32_t end) const {
    if (!a_.word(begin) || (a_.key(begin) != "as" && a_.key(begin) != "while") ||
        a_.tokens[begin].has(kCapitalised) || begin + 1 >= end || !a_.lower(begin + 1, kPronoun) ||
        (a_.lex(begin + 1) & kDet)) {
      return false;
    }
    for (uint32_t k = begin + 2; k < end; ++k) {
      if (a_.punct(k, U',')) return false;
    }
    return true;
  }

  bool ends_unit(uint32_t i, uint32_t end) const {
    while (i < end && (a_.tokens[i].kind == TokenKind::punct)) ++i;
    return i >= end;
  }

  // The end of what was said, without the closing full stop or comma.
  uint32_t trim_end(uint32_t begin, uint32_t end) const {
    // Not the bracket or the percent sign that ends what was said ("by as much as 10%").
    while (end > begin && a_.tokens[end - 1].kind == TokenKind::punct &&
           a_.tokens[end - 1].mark != U')' && a_.tokens[end - 1].mark != U'%') {
      --end;
    }
    return end;
  }

  // Where what was said after the cue at `cue` ends: the first token before which the learned
  // model ends it, or `end` (the rules' choice) without a model.
  uint32_t learned_end(uint32_t cue, uint32_t begin, uint32_t end, Range unit) const {
    if (!a_.attribution || a_.attribution->content_end.empty()) return end;
    Features f;
    for (uint32_t at = begin + 1; at < end; ++at) {
      if (!end_candidate(a_, cue, begin, at)) continue;
      f.clear();
      content_end_features(a_, cue, begin, at, unit, f);
      if (a_.attribution->content_end.score(f) > 0) return trim_end(begin, at);
    }
    return end;
  }

  // Are guessed candidates proposed? Only where a statement model will judge them, or to
  // train one.
  bool guessing() const {
    return a_.attribution &&
           (a_.attribution->propose_guesses || !a_.attribution->statement.empty());
  }

  // Where the clause a cue ends may start, nearest first, for guessing its subject: after a
  // semicolon, colon or dash, a lower-case "that", a subordinator ("while", "because") or a
  // conjunction after a comma (", but security specialists say"); last, the unit's start or
  // the end of a quotation before the cue.
  std::vector<uint32_t> clause_starts(Range unit, uint32_t cue) const {
    const uint32_t floor = clause_begin(unit, cue);
    std::vector<uint32_t> out;
    for (uint32_t i = cue; i > floor; --i) {
      const uint32_t t = i - 1;
      const std::string_view k =
          a_.word(t) && !a_.tokens[t].has(kCapitalised) ? a_.key(t) : std::string_view{};
      const bool after_comma = t > floor && a_.punct(t - 1, U',');
      if (a_.punct(t, U';') || a_.punct(t, U':') || a_.punct(t, U'\u2014') || k == "that" ||
          opens_subordinate_clause(k) || k == "but" || k == "so" ||
          (after_comma && (k == "and" || k == "or"))) {
        out.push_back(i);
      }
    }
    out.push_back(floor);
    return out;
  }

  // "…, a charge the company denied": a relative clause on a noun for what was said, its
  // subject right after the noun. News rarely writes it, so the corpus does not teach the model
  // to judge it; the rules' reading stands.
  bool charge_denied(const Statement& s) const {
    const uint32_t noun = s.speaker.begin;
    return s.speaker && noun >= 2 && s.parts.size() == 1 && a_.word(noun - 1) &&
           a_.lower(noun - 2, kDet) && a_.tokens[noun - 1].info &&
           a_.tokens[noun - 1].info->speech_noun && token_range(s.parts[0]).end < noun;
  }

  // The candidates the statement model rejects are dropped.
  void filter() {
    if (!a_.attribution || a_.attribution->statement.empty()) return;
    Features f;
    std::erase_if(out_, [&](const Statement& s) {
      if (!judged(s.pattern) || charge_denied(s)) return false;
      f.clear();
      statement_features(a_, s, f);
      return a_.attribution->statement.score(f) < 0;
    });
  }

  // --- statements ---

  void add_quotation(Statement& s, uint32_t q) {
    used_[q] = true;
    const Quotation& quotation = a_.quotations[q];
    s.parts = quotation.parts;
    s.kind = QuoteKind::direct;
    out_.push_back(std::move(s));
  }

  void add_content(Statement& s, uint32_t begin, uint32_t end) {
    if (begin >= end) return;
    // Skip a leading "that" and require a word; "by the time he said that." says nothing here.
    if (complementizer(begin, end)) ++begin;
    if (end == begin + 1 && a_.word(begin) && a_.key(begin) == "that" &&
        !a_.tokens[begin].has(kCapitalised)) {
      return;
    }
    bool words = false, quoted = false;
    for (uint32_t k = begin; k < end; ++k) {
      words = words || a_.word(k) || a_.tokens[k].kind == TokenKind::number;
      // Not the apostrophe of "users' privacy".
      quoted =
          quoted ||
          (a_.tokens[k].kind == TokenKind::quote && !plural_possessive(a_.tokens, a_.keys, k)) ||
          a_.tokens[k].has(kQuoted);
      if (quotation_at_open_[k] != kNoQuote) used_[quotation_at_open_[k]] = true;
    }
    if (!words) return;
    s.parts = {{a_.tokens[begin].start, a_.tokens[end - 1].end}};
    s.kind = quoted ? QuoteKind::mixed : QuoteKind::indirect;
    out_.push_back(std::move(s));
  }

  // Only names, pronouns and determiners: "said both he | and Rubio promised …" has the "and"
  // join the subject of what was said, not a second clause.
  bool names_only(uint32_t begin, uint32_t end) const {
    for (uint32_t i = begin; i < end; ++i) {
      if (a_.mention_at(i) < 0 && !a_.lower(i, kPronoun | kDet)) return false;
    }
    return end > begin;
  }

  // A reported clause ends where a coordinated cue begins: "said X and promised Y", "called for
  // X, calling him Y", "explained X - but she insisted Y". A cue nested in a subordinate clause
  // ("when she claimed that ...") stays inside.
  void cut_overlaps(size_t first) {
    for (size_t k = first; k + 1 < out_.size(); ++k) {
      Statement& s = out_[k];
      if (s.kind == QuoteKind::direct || s.parts.size() != 1) continue;
      const Statement& next = out_[k + 1];
      const Range content = token_range(s.parts[0]);
      uint32_t boundary = next.cue.begin;
      if (next.speaker.first > content.begin && next.speaker.first < boundary) {
        boundary = next.speaker.first;
      }
      if (boundary <= content.begin || boundary >= content.end) continue;
      uint32_t before = boundary - 1;
      // "…, compared with 23 percent who said …", "…, as opposed to those who said …": a
      // comparison's connective after a comma joins the two like "and", before a subject.
      if (boundary == next.speaker.first && a_.lower(before, kPrep)) {
        uint32_t comma = before;
        while (comma > content.begin && comma + 3 > before && a_.word(comma) &&
               !a_.tokens[comma].has(kCapitalised)) {
          --comma;
        }
        if (a_.punct(comma, U',')) before = comma;
      }
      // "…, while former President Trump insisted …": a contrast after a comma joins like "but",
      // past a word or two of the subject's role.
      bool contrast = false;
      for (uint32_t k = before; k > content.begin + 1 && k + 3 > before && a_.word(k); --k) {
        if ((a_.key(k) == "while" || a_.key(k) == "whereas") &&
            (a_.punct(k - 1, U',') || (closes_quotation(k - 1) && a_.punct(k - 2, U',')))) {
          contrast = true;
          before = k - 1;
          break;
        }
        if (a_.tokens[k].has(kCapitalised) || a_.lower(k, kConj | kFiniteVerb | kAux)) break;
      }
      const bool coordinated =
          a_.boundary(before) || contrast ||
          (a_.word(before) && (a_.key(before) == "and" || a_.key(before) == "but") &&
           !names_only(content.begin, before));
      if (!coordinated) continue;
      boundary = before + 1;
      uint32_t end = boundary;
      while (end > content.begin + 1 &&
             (a_.boundary(end - 1) || a_.punct(end - 1, U',') || a_.lower(end - 1, kConj))) {
        --end;
      }
      s.parts[0].end = a_.tokens[end - 1].end;
      s.kind = QuoteKind::indirect;
      for (uint32_t i = content.begin; i < end; ++i) {
        if (a_.tokens[i].kind == TokenKind::quote || a_.tokens[i].has(kQuoted)) {
          s.kind = QuoteKind::mixed;
        }
      }
    }
  }

  // Speakers to actors, in text order, feeding who is salient for the next pronoun.
  void resolve_speakers(Range unit, size_t first) {
    std::vector<Range> contents;
    for (size_t k = first; k < out_.size(); ++k) {
      const Statement& s = out_[k];
      for (const TextSpan& part : s.parts) contents.push_back(token_range(part));
    }
    salience_.add_subjects(a_, unit.begin, unit.end, contents);
    for (size_t k = first; k < out_.size(); ++k) resolve(out_[k]);
  }

  Range token_range(TextSpan part) const { return tokens_in(a_, part); }

  void resolve(Statement& s) {
    const SpeakerPhrase& sp = s.speaker;
    if (s.pattern == Pattern::speaker_label && transcript_label(sp)) {
      first_label_ = std::min(first_label_, sp.begin);
      // "A: …" answers for the one interviewed; "Q: …" stays the interviewer's, unnamed.
      answering_ = a_.key(sp.begin) == "a" || a_.key(sp.begin) == "answer";
      if (answering_) s.actor = interviewee();
    }
    // "I" in an answer, up to the next question, is the one answering: "A: … I told him, “…”".
    if (answering_ && sp.kind == SpeakerPhrase::Kind::pronoun && a_.key(sp.begin) == "i") {
      s.actor = interviewee();
    }
    switch (sp.kind) {
      case SpeakerPhrase::Kind::named:
        s.actor = a_.mention(sp.mention).actor;
        break;
      case SpeakerPhrase::Kind::pronoun:
      case SpeakerPhrase::Kind::description:
        if (s.actor < 0) s.actor = salience_.resolve(a_, sp, sp.begin);
        break;
      default:
        break;
    }
    s.role = sp.role;
    // Not one who asked: "when a reporter asked …, “…,” he said" answers them.
    if (s.actor < 0 && unnamed_person(sp) && !asks(s)) {
      salience_.add_unnamed_speaker(s.cue.begin, sp.gender);
    } else if (s.actor < 0 && unnamed_body(sp)) {
      salience_.add_unnamed_body(s.cue.begin);
    }
    if (s.actor >= 0) {
      const Actor& actor = a_.actors[static_cast<size_t>(s.actor)];
      salience_.add_speaker(s.cue.begin, s.actor, actor.type);
      if (roles_.size() < a_.actors.size()) roles_.resize(a_.actors.size());
      Range& known = roles_[static_cast<size_t>(s.actor)];
      if (s.role.end > s.role.begin) {
        if (known.end == known.begin) known = s.role;
      } else {
        s.role = known.end > known.begin ? known : introduced_role(s.actor, s.cue.begin);
      }
    }
  }

  bool asks(const Statement& s) const {
    const SpeechVerb* v = s.cue.end > s.cue.begin ? speech_verb_at(s.cue.begin) : nullptr;
    return v && v->frame == Frame::ask;
  }

  // "A spokesman", "an aide", "one official": someone new the article does not name.
  bool unnamed_person(const SpeakerPhrase& sp) const {
    if ((sp.kind != SpeakerPhrase::Kind::description && sp.kind != SpeakerPhrase::Kind::phrase) ||
        sp.organisation || !a_.word(sp.begin)) {
      return false;
    }
    const std::string_view det = a_.key(sp.begin);
    if (det != "a" && det != "an" && det != "one") return false;  // "the …" may be someone named
    // Its head before any preposition: "a spokesman for the council".
    for (uint32_t k = sp.begin + 1; k < sp.end && !a_.lower(k, kPrep); ++k) {
      if (a_.lower(k, kRoleNoun)) return true;
    }
    return false;
  }

  // "The fire brigade", "the culture ministry": a body the article does not name.
  bool unnamed_body(const SpeakerPhrase& sp) const {
    if ((sp.kind != SpeakerPhrase::Kind::description && sp.kind != SpeakerPhrase::Kind::phrase) ||
        !a_.word(sp.begin) || a_.key(sp.begin) != "the" || !a_.word(sp.end - 1)) {
      return false;
    }
    static constexpr std::string_view kPublicBodies[] = {
        "ministry",  "department", "brigade", "authority", "council", "commission",
        "committee", "regulator",  "service", "police",    "army",    "government"};
    const uint32_t head = sp.end - 1;
    return sp.organisation || a_.lower(head, kOrgNoun) ||
           (!a_.tokens[head].has(kCapitalised) &&
            std::ranges::find(kPublicBodies, a_.key(head)) != std::end(kPublicBodies));
  }

  // "Q", "A", "QUESTION", "ANSWER": a transcript's label, not a name.
  bool transcript_label(const SpeakerPhrase& sp) const {
    if (sp.end != sp.begin + 1) return false;
    const std::string_view k = a_.key(sp.begin);
    return k == "q" || k == "a" || k == "question" || k == "answer";
  }

  // The person an interview's answers are from: the one its introduction, before the first
  // label, names most often (the first named of them on a tie); -1 if it names no one.
  int32_t interviewee() {
    if (interviewee_ == kNotYet) {
      interviewee_ = -1;
      std::vector<uint32_t> named(a_.actors.size());
      for (const Mention& m : a_.entities.mentions) {
        if (m.begin >= first_label_) break;
        if (m.actor < 0 || m.type != EntityType::person || m.quoted) continue;
        const uint32_t n = ++named[static_cast<size_t>(m.actor)];
        if (interviewee_ < 0 || n > named[static_cast<size_t>(interviewee_)]) {
          interviewee_ = m.actor;
        }
      }
    }
    return interviewee_;
  }

  // The role the article gave an actor where it introduced them, before this statement and
  // outside statements ("FBI Director James B. Comey had ..." ... "Comey said"), or empty.
  Range introduced_role(int32_t actor, uint32_t before) const {
    for (const Mention& m : a_.entities.mentions) {
      if (m.begin >= before) break;
      if (m.actor != actor || m.quoted) continue;
      const Range sentence = a_.layout.sentences[a_.layout.sentence_of[m.begin]];
      if (const Range r = preceding_role(a_, m, sentence.begin); r.end > r.begin) return r;
      if (m.end < sentence.end && a_.punct(m.end, U',')) {
        if (const Range r = appositive_role(a_, m.end + 1, sentence.end); r.end > r.begin) {
          return r;
        }
      }
    }
    return {};
  }

  // “…,” he said. “…” — a quotation right after a statement's attribution (in the same sentence,
  // or opening the next one) with no cue of its own goes on with the same statement.
  void continue_quotations(Range paragraph, size_t first) {
    for (size_t k = first; k < out_.size(); ++k) {
      Statement& s = out_[k];
      if (s.kind == QuoteKind::indirect || s.cue.end == s.cue.begin) continue;
      uint32_t from = std::max(
          {s.cue.end, s.speaker.last, s.speaker.role.end, token_range(s.parts.back()).end});
      // Past whom it was told: "told state broadcaster ERT, “…”".
      if (const SpeechVerb* v = speech_verb_at(s.cue.begin);
          from == s.cue.end && v && v->frame == Frame::tell) {
        from = skip_hearer(from, paragraph.end);
      }
      uint32_t sentence = a_.layout.sentence_of[from - 1];
      while (true) {
        uint32_t q = kNoQuote;
        for (uint32_t i = from; i < paragraph.end && q == kNoQuote; ++i) {
          if (quotation_at_open_[i] != kNoQuote) q = quotation_at_open_[i];
        }
        if (q == kNoQuote || used_[q] || !stands_alone(q, paragraph)) break;
        const uint32_t open = a_.quotations[q].open;
        if (!follows_attribution(from, open, sentence)) break;
        used_[q] = true;
        const Quotation& quotation = a_.quotations[q];
        s.parts.insert(s.parts.end(), quotation.parts.begin(), quotation.parts.end());
        if (quotation.close == Quotation::kNone) break;
        from = quotation.close + 1;
        sentence = a_.layout.sentence_of[quotation.close];
      }
    }
  }

  // Does the quotation opening at `open` follow the attribution ending at `from` (in `sentence`)
  // directly: later in the same sentence with no cue between, or at the start of the next
  // sentence ("But “…”")?
  bool follows_attribution(uint32_t from, uint32_t open, uint32_t sentence) const {
    const uint32_t open_sentence = a_.layout.sentence_of[open];
    if (open_sentence == sentence) {
      for (uint32_t i = from; i < open; ++i) {
        if (a_.lower(i, kSpeechVerb) || is_according(i)) return false;
      }
      return open - from <= 12;
    }
    if (open_sentence != sentence + 1) return false;
    const uint32_t begin = a_.layout.sentences[open_sentence].begin;
    for (uint32_t i = begin; i < open; ++i) {
      if (!a_.lower(i, kConj | kAdverb) && !(a_.word(i) && (a_.lex(i) & kConj))) return false;
    }
    return open - begin <= 2;
  }

  // A quotation with no cue after it before the next quotation or the paragraph's end.
  bool stands_alone(uint32_t q, Range paragraph) const {
    const Quotation& quotation = a_.quotations[q];
    if (quotation.close == Quotation::kNone) return true;
    // A cue of its own follows it in the same sentence (“…,” she said); a new sentence after it
    // is no attribution.
    for (uint32_t i = quotation.close + 1; i < paragraph.end; ++i) {
      if (quotation_at_open_[i] != kNoQuote) return true;
      if (a_.word(i)) return a_.layout.sentence_of[i] != a_.layout.sentence_of[quotation.close];
    }
    return true;
  }

  // A paragraph that is only quotation(s) and follows a paragraph whose last statement (or a
  // colon at its end) names the speaker.
  void attribute_bare_quotations(uint32_t p) {
    if (p == 0 || out_.empty()) return;
    const Range paragraph = a_.layout.paragraphs[p];
    std::vector<uint32_t> quotes;
    for (uint32_t i = paragraph.begin; i < paragraph.end; ++i) {
      if (quotation_at_open_[i] != kNoQuote) quotes.push_back(quotation_at_open_[i]);
      if (a_.word(i) && !a_.tokens[i].has(kQuoted)) return;
    }
    if (quotes.empty()) return;
    // The last statement must be in the previous paragraph's last sentence. A copy: the
    // statements added below may move out_'s elements.
    const Statement last = out_.back();
    const Range before = a_.layout.paragraphs[p - 1];
    const uint32_t last_sentence = a_.layout.sentence_of[before.end - 1];
    const uint32_t at =
        last.cue.end > last.cue.begin ? last.cue.begin : token_range(last.parts.back()).end - 1;
    if (a_.layout.sentence_of[at] != last_sentence) return;
    // After a quotation with its attribution ("“…,” she said."), the next paragraph's bare
    // quotation goes on with the same statement.
    Statement& previous = out_.back();
    const bool goes_on =
        previous.kind == QuoteKind::direct && previous.cue.end > previous.cue.begin;
    for (uint32_t q : quotes) {
      if (used_[q]) continue;
      if (goes_on) {
        used_[q] = true;
        previous.parts.insert(previous.parts.end(), a_.quotations[q].parts.begin(),
                              a_.quotations[q].parts.end());
        continue;
      }
      Statement s;
      s.speaker = last.speaker;
      s.actor = last.actor;
      s.role = last.role;
      s.cue = {};
      s.pattern = Pattern::bare_quotation;
      used_[q] = true;
      s.parts = a_.quotations[q].parts;
      s.kind = QuoteKind::direct;
      out_.push_back(std::move(s));
    }
  }

  const Article& a_;
  std::vector<uint32_t> quotation_at_open_;
  std::vector<uint32_t> quotation_at_close_;
  std::vector<bool> used_;
  std::vector<Range> roles_;  // per actor: the first role the article gives
  Salience salience_;
  static constexpr int32_t kNotYet = -2;
  uint32_t first_label_ = UINT32_MAX;  // of a transcript ("Q:", "A:")
  bool answering_ = false;             // after an "A:" and before the next "Q:"
  int32_t interviewee_ = kNotYet;
  std::vector<Statement> out_;
};

}  // namespace

bool opens_subordinate_clause(std::string_view key) {
  static constexpr std::string_view words[] = {"while",  "although", "though", "if",      "when",
                                               "as",     "because",  "since",  "whereas", "after",
                                               "before", "until",    "unless", "once"};
  return std::find(std::begin(words), std::end(words), key) != std::end(words);
}

std::vector<Statement> find_statements(const Article& a) {
  return Attributor(a).run();
}

}  // namespace quotewire::extract
