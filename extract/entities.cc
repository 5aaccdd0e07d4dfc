#include "extract/entities.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "extract/tagger.h"
#include "text/utf8.h"

namespace quotewire::extract {
namespace {

bool phrase_case_fits(const std::vector<Token>& tokens, const Phrase& p, uint32_t begin,
                      uint32_t end) {
  const Token& first = tokens[begin];
  const Token& last = tokens[end - 1];
  if (p.exact_case) {
    for (uint32_t k = begin; k < end; ++k) {
      if (tokens[k].kind == TokenKind::word && !tokens[k].has(kAllCaps) &&
          !tokens[k].has(kInitials)) {
        return false;
      }
    }
    return true;
  }
  if (p.lower_case) return true;
  return first.has(kCapitalised) && (last.kind != TokenKind::word || last.has(kCapitalised));
}

constexpr uint32_t kFunctionWord = kDet | kPrep | kPronoun | kAux | kConj | kRelative;

// Lower-case particles inside names: "Osama bin Laden", "Ursula von der Leyen".
bool is_particle(std::string_view key) {
  static constexpr std::string_view particles[] = {"bin", "ibn", "al",  "el",  "de",  "del", "der",
                                                   "van", "von", "da",  "di",  "du",  "la",  "le",
                                                   "dos", "das", "ben", "ten", "ter", "den"};
  for (auto p : particles) {
    if (p == key) return true;
  }
  return false;
}

class Finder {
 public:
  Finder(std::string_view text, const std::vector<Token>& tokens, const std::string& keys,
         const Layout& layout, const Lexicon& lexicon)
      : text_(text), tokens_(tokens), keys_(keys), layout_(layout), lex_(lexicon) {}

  Entities run() {
    out_.mention_at.assign(tokens_.size(), -1);
    const uint32_t n = static_cast<uint32_t>(tokens_.size());
    for (uint32_t i = 0; i < n;) i = step(i);
    resolve_pending();
    return std::move(out_);
  }

 private:
  std::string_view key(uint32_t i) const { return token_key(tokens_[i], keys_); }
  uint32_t lex(uint32_t i) const { return tokens_[i].lex(); }
  bool is_word(uint32_t i) const {
    return i < tokens_.size() && tokens_[i].kind == TokenKind::word && !tokens_[i].has(kPossessive);
  }
  bool same_paragraph(uint32_t a, uint32_t b) const {
    return b < tokens_.size() && layout_.paragraph_of[a] == layout_.paragraph_of[b];
  }

  bool in_title_case(uint32_t i) const { return layout_.in_title_case(i); }

  // First word of a sentence or of a quotation: its capital says nothing.
  bool initial(uint32_t i) const { return opens_sentence(tokens_, layout_, i); }

  // "al-Assad", "el-Sisi", "bin-Salman": an Arabic article or "son of" joined to a capitalised
  // name by a hyphen, written in lower case even inside a name.
  bool article_name(uint32_t i) const {
    const Token& t = tokens_[i];
    if (!t.has(kHyphenated) || t.has(kCapitalised)) return false;
    const std::string_view word = text_.substr(t.start, t.end - t.start);
    const size_t dash = word.find('-');
    if (dash == std::string_view::npos || dash + 1 >= word.size()) return false;
    const std::string_view article = word.substr(0, dash);
    return (article == "al" || article == "el" || article == "ad" || article == "as" ||
            article == "ash" || article == "bin" || article == "ibn") &&
           word[dash + 1] >= 'A' && word[dash + 1] <= 'Z';
  }

  // A capitalised word that can be part of a name.
  bool is_name_word(uint32_t i) const {
    if (!is_word(i)) return false;
    const Token& t = tokens_[i];
    if (!t.has(kCapitalised)) return article_name(i) && i > 0 && is_name_word(i - 1);
    const uint32_t flags = t.lex();
    if (flags & (kDay | kNotName)) return false;
    if ((flags & kMonth) && !month_as_first_name(i)) return false;
    if ((flags & kFunctionWord) && !(flags & kFirstName) && !t.has(kAllCaps)) return false;
    // Speech verbs are no names, except forms that are also nouns, written with a capital
    // mid-sentence: "the State Department", "the Report Committee".
    if ((flags & kSpeechVerb) && !t.has(kAllCaps) && !(flags & kFirstName) &&
        !(t.info && lex_.verb(t.info->speech_verb).noun_form && !initial(i) && !in_title_case(i) &&
          !title_of_office(i))) {
      return false;
    }
    if (in_title_case(i) && (flags & kCommon) && !(flags & (kFirstName | kTitle | kDemonym))) {
      return false;
    }
    return true;
  }

  // "April Mellody, a spokeswoman ...", "June Carter said": a month before a word no list
  // knows, then a role in apposition or a speech verb, is a person's first name; not after a
  // preposition ("in April Congress ..."), and not in other company ("March Madness starts").
  bool month_as_first_name(uint32_t i) const {
    const uint32_t next = i + 1, after = i + 2;
    if (after >= tokens_.size() || !is_word(next) || !tokens_[next].has(kCapitalised) ||
        tokens_[next].has(kAllCaps) || tokens_[next].lex() != 0 || in_title_case(i)) {
      return false;
    }
    if (i > 0 && is_word(i - 1) && (tokens_[i - 1].lex() & (kPrep | kDet))) return false;
    if (is_word(after)) return (tokens_[after].lex() & kSpeechVerb) != 0;
    return tokens_[after].kind == TokenKind::punct && tokens_[after].mark == U',' &&
           after + 2 < tokens_.size() && (tokens_[after + 1].lex() & kDet) &&
           (tokens_[after + 2].lex() & (kRoleNoun | kTitle));
  }

  // "Secretary of State Ana Kovač": "of State" ends a title, the name follows.
  bool title_of_office(uint32_t i) const {
    return i > 0 && is_word(i - 1) && key(i - 1) == "of" && i + 1 < tokens_.size() &&
           is_word(i + 1) && tokens_[i + 1].has(kCapitalised) && !(lex(i + 1) & kOrgHead);
  }

  // The end (exclusive) of the run of name words from `i`, particles and initials included.
  uint32_t run_end(uint32_t i) const {
    uint32_t j = i + 1;
    while (same_paragraph(i, j)) {
      if (is_name_word(j)) {
        ++j;
      } else if (is_word(j) && is_particle(key(j)) && is_name_word(j + 1)) {
        j += 2;
      } else if (const uint32_t end = possessive_in_name(j); end > j) {
        j = end;
      } else {
        break;
      }
    }
    return j;
  }

  // "Croatian Employers' Association", "Women’s League": a plural possessive, or the possessive
  // of a common word, inside an organisation's name. The end of the name, or `j` if not one.
  uint32_t possessive_in_name(uint32_t j) const {
    if (j == 0 || j + 1 >= tokens_.size() || !same_paragraph(j, j + 1)) return j;
    const Token& mark = tokens_[j];
    const bool plural = plural_possessive(tokens_, keys_, j);
    const bool common = mark.kind == TokenKind::word && mark.has(kPossessive) &&
                        !mark.has(kSpaceBefore) && (lex(j - 1) & kCommon);
    if (!(plural || common) || !is_name_word(j + 1)) return j;
    const uint32_t end = run_end(j + 1);
    return (lex(end - 1) & kOrgHead) ? end : j;
  }

  // The longest gazetteer phrase starting at `i`: its length in tokens (0 if none).
  uint32_t gazetteer(uint32_t i, const Phrase** found) const {
    return match_gazetteer(tokens_, keys_, layout_, lex_, i, found, phrase_buffer_);
  }

  // Extends an organisation name over "of"/"for" (and "the") and a following name: "Ministry of
  // Defence", "Commission for the Protection of the Danube River"; over "on" after its head word:
  // "Council on Foreign Relations".
  uint32_t extend_organisation(uint32_t end) const {
    while (same_paragraph(end - 1, end + 1) && is_word(end) &&
           (key(end) == "of" || key(end) == "for" ||
            (key(end) == "on" && (lex(end - 1) & kOrgHead)))) {
      uint32_t next = end + 1;
      if (is_word(next) && key(next) == "the" && !tokens_[next].has(kCapitalised)) ++next;
      if (!is_name_word(next)) break;
      end = run_end(next);
    }
    return end;
  }

  // A place's head word before "of" and a name is one place: "Gulf of Mexico", "Isle of Wight",
  // "Bay of Biscay". Returns `end` when no name follows.
  uint32_t extend_place(uint32_t end) const {
    if (!(lex(end - 1) & kPlaceHead) || !same_paragraph(end - 1, end + 1) || !is_word(end) ||
        key(end) != "of" || !is_name_word(end + 1))
      return end;
    return run_end(end + 1);
  }

  uint32_t step(uint32_t i) {
    if (tokens_[i].has(kParagraphStart)) {
      header_ = header_ && is_header_line(i);
      if (header_) return header_line(i);
    }
    if (!is_word(i)) return i + 1;
    const Token& t = tokens_[i];
    if (t.has(kHyphenated) && split_compound(i)) return i + 1;
    const Phrase* phrase = nullptr;
    const uint32_t matched = gazetteer(i, &phrase);
    if (!is_name_word(i)) {
      // "al-Qaeda" in lower case; "The Hague", "The Washington Post" with their article.
      if (matched && (phrase->lower_case || matched >= 2)) add_named(i, i + matched, *phrase);
      return i + std::max<uint32_t>(matched, 1);
    }
    uint32_t end = run_end(i);
    const uint32_t place_end = extend_place(end);
    // A run that ends in an organisation's (or place's) head word is one organisation (place),
    // even when it starts with a place: "Istria County Green Party", "Danube River".
    if ((lex(end - 1) & (kOrgHead | kPlaceHead)) && place_end - i > matched && !in_title_case(i)) {
      uint32_t begin = skip_leading_words(i, end);
      // A lone common word only mid-sentence, and only an organisation's: "the Army", "Parliament".
      const bool lone_common = end == begin + 1 && (lex(begin) & kCommon);
      if (begin < end && (!lone_common || lone_organisation(begin))) {
        const bool org = lex(end - 1) & kOrgHead;
        end = org ? extend_organisation(end) : place_end;
        add(begin, end, org ? EntityType::organisation : EntityType::location);
        return end;
      }
    }
    const bool demonym = matched <= 1 && (lex(i) & (kDemonym | kAffiliation));
    if (matched && !demonym) {
      // "Jordan Peterson", "Georgia Smith": a first name that is also a place, before a surname;
      // "Santos Ferreira": a word of a derived list before a name word it does not explain.
      const uint32_t next = i + matched;
      const bool person =
          end > next && !(lex(next) & kPhraseStart) &&
          ((matched == 1 && (lex(i) & kFirstName)) ||
           (!phrase->strong && !tokens_[i].has(kAllCaps) && !tokens_[i].has(kInitials) &&
            // Longer phrases only when they start with a given name ("Abu Musab al-...").
            (matched == 1 || (lex(i) & kFirstName) || article_name(next)) &&
            (tokens_[next].has(kCapitalised) || article_name(next)) &&
            !(lex(next) &
              (kCommon | kTitle | kFirstName | kDemonym | kOrgHead | kPlaceHead | kFunctionWord))));
      if (!person && matched == 1 && !phrase->strong) {
        // "Santos" may be a person's surname given in full elsewhere: decided at the end.
        pending_.push_back({i, false, static_cast<int32_t>(phrase->named)});
        return i + 1;
      }
      if (!person) {
        add_named(i, i + matched, *phrase);
        return i + matched;
      }
    }
    classify_run(i, end);
    return end;
  }

  // Feeds may start with header lines ("Source: Adriatic Ledger", "Byline: Marta Kovačić").
  bool is_header_line(uint32_t i) const {
    return is_word(i) && tokens_[i].info && tokens_[i].info->header != HeaderKey::none &&
           tokens_[i].has(kCapitalised) && i + 1 < tokens_.size() &&
           tokens_[i + 1].is_punct(U':') && same_paragraph(i, i + 1);
  }

  // The masthead is an organisation and the byline a person, whatever their words; other header
  // values hold no entities, except a title, read like a headline.
  uint32_t header_line(uint32_t i) {
    const uint32_t end = layout_.paragraphs[layout_.paragraph_of[i]].end;
    const HeaderKey kind = tokens_[i].info->header;
    if (kind == HeaderKey::text) return i + 2;
    out_.header_lines.push_back({i, end});
    uint32_t begin = i + 2, stop = end;
    while (stop > begin && tokens_[stop - 1].kind == TokenKind::punct) --stop;
    if (begin < stop && (kind == HeaderKey::outlet || kind == HeaderKey::author)) {
      const Phrase* phrase = nullptr;
      if (gazetteer(begin, &phrase) == stop - begin) {
        add_named(begin, stop, *phrase);
      } else {
        add(begin, stop, kind == HeaderKey::outlet ? EntityType::organisation : EntityType::person);
      }
    }
    return end;
  }

  // "Kosovo-Serbia", "EU-led": the parts that are known places or organisations are entities.
  bool split_compound(uint32_t i) {
    const Token& t = tokens_[i];
    const Phrase* whole = nullptr;
    if (gazetteer(i, &whole) == 1) return false;
    std::string_view word = text_.substr(t.start, t.end - t.start);
    bool any = false;
    size_t pos = 0;
    while (pos <= word.size()) {
      size_t dash = word.find('-', pos);
      if (dash == std::string_view::npos) dash = word.size();
      std::string_view part = word.substr(pos, dash - pos);
      const Phrase* p = part.empty() ? nullptr : lex_.phrase(text::utf8::folded(part));
      if (p && p->strong && text::utf8::is_upper(text::utf8::decode(part, 0).value)) {
        const uint32_t start = t.start + static_cast<uint32_t>(pos);
        const Named& named = lex_.named(p->named);
        add_span(i, i + 1, start, start + static_cast<uint32_t>(part.size()), named.type,
                 static_cast<int32_t>(p->named));
        any = true;
      }
      pos = dash + 1;
    }
    return any;
  }

  // Leading words that are not part of the name: a sentence's first common word ("However"),
  // "The", titles ("Sen.", "Russian President") and demonyms. Titles and demonyms are noted.
  uint32_t skip_leading_words(uint32_t begin, uint32_t end) {
    if (begin < end && (lex(begin) & (kCommon | kFunctionWord)) && initial(begin) &&
        !(lex(begin) & (kFirstName | kTitle | kDemonym | kAffiliation | kPhraseStart))) {
      if (end == begin + 1) pending_.push_back({begin, true});  // maybe a surname ("Hunter")
      ++begin;
    }
    if (begin < end && key(begin) == "the") ++begin;
    return begin;
  }

  void classify_run(uint32_t begin, uint32_t end) {
    begin = skip_leading_words(begin, end);
    if (begin >= end) return;
    bool only_titles = true;
    for (uint32_t k = begin; k < end; ++k) only_titles = only_titles && (lex(k) & kTitle);
    if (only_titles) return;  // "Ambassador", "Ministers"
    // Titles before the name: everything up to the last title followed by a name word.
    uint32_t name = begin;
    Gender gender = Gender::unknown;
    bool titled = false;
    for (uint32_t k = begin; k + 1 < end; ++k) {
      if ((lex(k) & kTitle) && !(lex(k + 1) & kTitle)) {
        name = k + 1;
        titled = true;
        if (tokens_[k].info->gender != Gender::unknown) gender = tokens_[k].info->gender;
      }
    }
    for (uint32_t k = begin; k < name; ++k) {
      if (lex(k) & kDemonym) add_place_reference(k);
    }
    // "Hungarian", "Shi'ite Muslims": demonyms point to a place; faiths and peoples to nothing.
    for (; name < end && (lex(name) & (kDemonym | kAffiliation)); ++name) {
      if (lex(name) & kDemonym) add_place_reference(name);
    }
    if (name >= end) return;
    const EntityType type = run_type(name, end, titled, gender);
    if (type == EntityType::misc && end == name + 1 && !tokens_[name].has(kAllCaps)) {
      // A lone unknown word: a surname if a name has it; at a sentence's start maybe no name.
      pending_.push_back({name, false, -1, name == begin && initial(name)});
      return;
    }
    const int32_t m = add(name, end, type);
    out_.mentions[static_cast<size_t>(m)].title_begin = begin;
    out_.mentions[static_cast<size_t>(m)].gender = gender;
  }

  // Person if a title, role noun or first name says so, or if it looks like "Firstname Surname"
  // made of words that are not common words; organisation if an "organisation"-like noun follows
  // or it is an acronym; otherwise misc.
  EntityType run_type(uint32_t begin, uint32_t end, bool titled, Gender& gender) const {
    const bool lone_common = end == begin + 1 && (lex(begin) & kCommon);
    if (end < tokens_.size() && is_word(end) && !tokens_[end].has(kCapitalised) &&
        (lex(end) & kOrgNoun) && !lone_common) {
      return EntityType::organisation;
    }
    if (end == begin + 1 && tokens_[begin].has(kAllCaps) && !(lex(begin) & kCommon) &&
        !has_digit(begin)) {  // "H5N1" is no organisation
      return EntityType::organisation;
    }
    if (titled) return EntityType::person;
    if (begin > 0 && is_word(begin - 1) && !tokens_[begin - 1].has(kCapitalised) &&
        (lex(begin - 1) & kRoleNoun)) {
      gender = tokens_[begin - 1].info->gender;
      return EntityType::person;
    }
    if ((lex(begin) & kFirstName) && end > begin + 1) return EntityType::person;
    // "in Rijeka", "at Mohács": a place; "economist at Banca Intesa": an organisation.
    if (begin > 0 && is_word(begin - 1) && !tokens_[begin - 1].has(kCapitalised) && !lone_common &&
        !next_to_speech_verb(end - 1)) {
      const std::string_view prep = key(begin - 1);
      if (prep == "in" || prep == "near" || prep == "at") {
        return prep == "at" && end > begin + 1 ? EntityType::organisation : EntityType::location;
      }
    }
    if (end - begin >= 2 && end - begin <= 4) {
      bool common = false, caps = true;
      for (uint32_t k = begin; k < end; ++k) {
        common = common || (lex(k) & (kCommon | kOrgHead | kDemonym | kAffiliation | kTitle));
        caps = caps && tokens_[k].has(kAllCaps);
      }
      if (!common && !caps) return EntityType::person;
    }
    if (end == begin + 1 && next_to_speech_verb(begin)) return EntityType::person;
    return EntityType::misc;
  }

  // "the Army", "in Parliament", "by Congress": an organisation's head word alone, capitalised
  // mid-sentence after a determiner, preposition or conjunction (not after other name words
  // that did not join it: "Warning Center").
  bool lone_organisation(uint32_t i) const {
    if (!(lex(i) & kOrgHead) || initial(i) || i == 0) return false;
    const Token& prev = tokens_[i - 1];
    return prev.kind == TokenKind::word && !prev.has(kCapitalised) &&
           (prev.lex() & (kDet | kPrep | kConj)) && !prev.has(kHyphenated);
  }

  bool has_digit(uint32_t i) const {
    for (uint32_t b = tokens_[i].start; b < tokens_[i].end; ++b) {
      if (text_[b] >= '0' && text_[b] <= '9') return true;
    }
    return false;
  }

  // "Milic told", "said Andjelkovic": a lone name that speaks is a person.
  bool next_to_speech_verb(uint32_t i) const {
    // Forms that also read as nouns ("Danube states agree") do not count.
    auto speech = [&](uint32_t k) {
      return is_word(k) && !tokens_[k].has(kCapitalised) && (lex(k) & kSpeechVerb) &&
             lex_.verb(tokens_[k].info->speech_verb).frame != Frame::that;
    };
    if (i + 1 < tokens_.size() && speech(i + 1)) return true;
    return i > 0 && speech(i - 1);
  }

  // Lone unknown words become people when a person in the article is called so ("Dragomir
  // Andjelkovic" ... "said Andjelkovic", "Sen. Ivo Perić" ... "Perić"), places or organisations
  // when one's name starts with them ("Danube River" ... "the Danube"); other lone words stay misc,
  // and a sentence's first common word that matches nothing is dropped.
  void resolve_pending() {
    if (pending_.empty()) return;
    // A person's surname, or the first word of a place or organisation ("Danube River"); the
    // first mention of each word decides, as it did when they were looked up in text order.
    std::unordered_map<std::string_view, EntityType> known_words, known_person_words;
    for (const auto& m : out_.mentions) {
      if (m.type == EntityType::person) {
        known_words.try_emplace(key(m.end - 1), m.type);
        known_person_words.try_emplace(key(m.end - 1), m.type);
      }
      if ((m.type == EntityType::location || m.type == EntityType::organisation) && m.named < 0) {
        known_words.try_emplace(key(m.begin), m.type);
      }
    }
    std::vector<Mention> found;
    for (const auto& [i, common_initial, named, sentence_initial] : pending_) {
      EntityType type = EntityType::misc;
      const auto& known = named < 0 ? known_words : known_person_words;
      if (const auto it = known.find(key(i)); it != known.end()) type = it->second;
      int32_t entry = -1;
      if (type == EntityType::misc && named >= 0) {
        entry = named;
        type = lex_.named(static_cast<uint32_t>(named)).type;
      }
      if (type == EntityType::misc && common_initial) continue;
      // "Automation is ...": a sentence's first word, capitalised nowhere else, is no name.
      if (type == EntityType::misc && sentence_initial && !capitalised_elsewhere(i)) continue;
      found.push_back(make(i, i + 1, tokens_[i].start, tokens_[i].end, type, entry));
    }
    out_.mentions.insert(out_.mentions.end(), found.begin(), found.end());
    std::stable_sort(out_.mentions.begin(), out_.mentions.end(),
                     [](const Mention& a, const Mention& b) { return a.start < b.start; });
    std::fill(out_.mention_at.begin(), out_.mention_at.end(), -1);
    for (size_t k = 0; k < out_.mentions.size(); ++k) {
      for (uint32_t i = out_.mentions[k].begin; i < out_.mentions[k].end; ++i) {
        out_.mention_at[i] = static_cast<int32_t>(k);
      }
    }
  }

  // Is the word at `i` written with a capital somewhere else, not first in its sentence? The
  // words so written are gathered once per article.
  bool capitalised_elsewhere(uint32_t i) const {
    if (!capitalised_inside_) {
      capitalised_inside_.emplace();
      for (uint32_t j = 0; j < tokens_.size(); ++j) {
        if (tokens_[j].kind == TokenKind::word && tokens_[j].has(kCapitalised) && !initial(j) &&
            !in_title_case(j)) {
          ++(*capitalised_inside_)[key(j)];
        }
      }
    }
    const auto it = capitalised_inside_->find(key(i));
    if (it == capitalised_inside_->end()) return false;
    // Token i itself is counted only if it is not first in its sentence.
    const bool self = tokens_[i].has(kCapitalised) && !initial(i) && !in_title_case(i);
    return it->second > (self ? 1u : 0u);
  }

  void add_place_reference(uint32_t i) {
    out_.demonyms.push_back(
        {tokens_[i].start, tokens_[i].end, i, static_cast<uint32_t>(tokens_[i].info->demonym_of)});
  }

  void add_named(uint32_t begin, uint32_t end, const Phrase& p) {
    const Named& named = lex_.named(p.named);
    add_span(begin, end, tokens_[begin].start, tokens_[end - 1].end, named.type,
             static_cast<int32_t>(p.named));
  }

  int32_t add(uint32_t begin, uint32_t end, EntityType type) {
    return add_span(begin, end, tokens_[begin].start, tokens_[end - 1].end, type, -1);
  }

  Mention make(uint32_t begin, uint32_t end, uint32_t start, uint32_t stop, EntityType type,
               int32_t named) const {
    Mention m;
    m.begin = begin;
    m.end = end;
    m.start = start;
    m.stop = stop;
    m.type = type;
    m.named = named;
    m.title_begin = begin;
    m.quoted = tokens_[begin].has(kQuoted);
    return m;
  }

  int32_t add_span(uint32_t begin, uint32_t end, uint32_t start, uint32_t stop, EntityType type,
                   int32_t named) {
    const int32_t index = static_cast<int32_t>(out_.mentions.size());
    out_.mentions.push_back(make(begin, end, start, stop, type, named));
    for (uint32_t k = begin; k < end; ++k) out_.mention_at[k] = index;
    return index;
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
  const std::string& keys_;
  const Layout& layout_;
  const Lexicon& lex_;
  mutable std::string phrase_buffer_;  // gazetteer keys being tried, reused
  bool header_ = true;                 // still in the header lines at the top
  struct Pending {
    uint32_t token;
    bool common_initial;   // a sentence's first word, usually written in lower case
    int32_t named = -1;    // a derived gazetteer's entry: what it is unless a person has the name
    bool initial = false;  // the first word of a sentence
  };
  std::vector<Pending> pending_;
  mutable std::optional<std::unordered_map<std::string_view, uint32_t>> capitalised_inside_;
  Entities out_;
};

}  // namespace

bool storm_word(std::string_view key) {
  static constexpr std::array<std::string_view, 4> kStorms{"hurricane", "typhoon", "cyclone",
                                                           "storm"};
  return std::ranges::find(kStorms, key) != kStorms.end();
}

uint32_t match_gazetteer(const std::vector<Token>& tokens, const std::string& keys,
                         const Layout& layout, const Lexicon& lexicon, uint32_t i,
                         const Phrase** found, std::string& buffer) {
  const WordInfo* info = tokens[i].info;
  if (!info || !(info->flags & kPhraseStart)) return 0;
  buffer.clear();
  uint32_t best = 0;
  const uint32_t paragraph = layout.paragraph_of[i];
  for (uint32_t len = 1; len <= info->longest_phrase && i + len <= tokens.size() &&
                         layout.paragraph_of[i + len - 1] == paragraph;
       ++len) {
    if (len > 1) buffer += ' ';
    buffer += token_key(tokens[i + len - 1], keys);
    const Phrase* p = lexicon.phrase_or_prefix(buffer);
    if (!p) break;  // no longer phrase starts with these words either
    // "ILO" is an acronym, not the town of Ilo that a derived list names.
    const bool acronym = len == 1 && !p->strong && !p->exact_case && tokens[i].has(kAllCaps) &&
                         tokens[i].end - tokens[i].start <= 3;
    if (p->complete && !acronym && phrase_case_fits(tokens, *p, i, i + len)) {
      best = len;
      *found = p;
    }
    if (!p->prefix) break;
  }
  return best;
}

namespace {

// The tagger's spans and the rules' mentions made one list: the tagger decides where names are
// and what they are; the rules keep what they know better (see find_entities in entities.h).
class Combiner {
 public:
  Combiner(const std::vector<Token>& tokens, const std::string& keys, const Layout& layout,
           const Lexicon& lexicon, Entities& rules)
      : tokens_(tokens), keys_(keys), layout_(layout), lex_(lexicon), rules_(rules) {}

  Entities run(const std::vector<ner::Span>& spans) {
    Entities out;
    out.header_lines = rules_.header_lines;
    out.demonyms = rules_.demonyms;
    // Where the rules are sure, their mentions stand, and the tagger's spans that overlap them
    // give way to the rules' mentions over the same tokens.
    std::vector<bool> ruled(tokens_.size(), false);
    for (const Mention& r : rules_.mentions) {
      if (!sure(r)) continue;
      bool yield = false;
      // The tagger's spans are in text order and do not overlap: those over r are a run.
      auto first = std::lower_bound(spans.begin(), spans.end(), r.begin,
                                    [](const ner::Span& s, uint32_t b) { return s.end <= b; });
      for (auto it = first; it != spans.end() && it->begin < r.end; ++it) {
        const ner::Span& s = *it;
        if (s.begin == r.begin && s.end == r.end) {
          // The same words: the rules' type where they are surest ("US" is a place), else the
          // tagger's, which reads the context ("NEW YORK 5 Chicago 3": a team).
          yield = yield || (!in_header(r.begin) && !(strong(r) && !caps_sentence(r.begin)));
        } else if (s.begin <= r.begin && s.end >= r.end) {
          // A longer name of the tagger's keeps its parts ("Bank of England" holds England),
          // unless the rules name all its other words too ("Human Rights Watch Lejla Hodžić"),
          // or it starts with a hand-written name ("UN Security Council |
          // Resolution 1244").
          yield = yield || (!rules_cover(s, r) && !numbered_after(s, r));
        }
      }
      if (yield) continue;
      for (uint32_t k = r.begin; k < r.end; ++k) ruled[k] = true;
    }
    std::vector<bool> taken(tokens_.size(), false);
    auto take = [&](const Mention& m) {
      out.mentions.push_back(m);
      for (uint32_t k = m.begin; k < m.end; ++k) taken[k] = true;
    };
    for (const Mention& r : rules_.mentions) {
      if (ruled[r.begin]) take(r);
    }
    for (const ner::Span& span : spans) {
      if (taken[span.begin]) continue;  // a person's name the office ran into (below)
      bool free = true;
      for (uint32_t k = span.begin; k < span.end; ++k) free = free && !ruled[k];
      if (!free) {
        // The tagger's span crosses a sure mention of the rules: the rules' mentions over its
        // other words stand in for it.
        for (uint32_t k = span.begin; k < span.end; ++k) {
          const int32_t r = rules_.mention_at[k];
          if (r >= 0 && !taken[k]) take(rules_.mentions[static_cast<size_t>(r)]);
        }
        continue;
      }
      uint32_t begin = span.begin;
      // A sentence's "The" is not part of a name ("The | Ministry of Defence"); the gazetteer's
      // names that start with it ("The Hague") are the rules' mentions.
      if (begin + 1 < span.end && token_key(tokens_[begin], keys_) == "the" &&
          rules_.mention_at[begin] < 0) {
        ++begin;
      }
      // Titles before a name stay out of it ("President | Putin").
      while (begin + 1 < span.end && (tokens_[begin].lex() & kTitle) &&
             span.type == EntityType::person) {
        ++begin;
      }
      // "Secretary of State Antony Blinken", "Minister of Finance Ana Kovač": the office's last
      // word is no name, and the tagger may run it on into the person's.
      if (span.type != EntityType::person && office_after_title(begin)) {
        if (span.end == begin + 1) continue;
        const int32_t r = rules_.mention_at[begin + 1];
        if (r >= 0 && rules_.mentions[static_cast<size_t>(r)].begin == begin + 1 &&
            rules_.mentions[static_cast<size_t>(r)].end >= span.end &&
            rules_.mentions[static_cast<size_t>(r)].type == EntityType::person) {
          take(rules_.mentions[static_cast<size_t>(r)]);
          continue;
        }
      }
      // "Friederike Otto of Imperial College London": a person the rules know, "of", and where
      // they work, read by the tagger as one organisation.
      if (span.type == EntityType::organisation) {
        const int32_t r = rules_.mention_at[begin];
        if (r >= 0) {
          const Mention& person = rules_.mentions[static_cast<size_t>(r)];
          const uint32_t of = person.end;
          if (person.type == EntityType::person && person.begin == begin && of + 1 < span.end &&
              person.end > person.begin + 1 && token_key(tokens_[of], keys_) == "of") {
            take(person);
            take(mention(of + 1, span.end, EntityType::organisation));
            continue;
          }
        }
      }
      const uint32_t end = name_end(span, begin);
      if (end == begin + 1) {
        const uint32_t lex = tokens_[begin].lex();
        // A lone demonym ("Russian") is a place reference, a faith or people ("Sunni", "Hutu")
        // nothing, and "HIV" or "GDP" no name: the tagger may think otherwise, the lists know.
        if (lex & kDemonym) add_place_reference(out, begin);
        if (lex & (kDemonym | kAffiliation | kNotName)) continue;
      }
      for (uint32_t k = begin; k < end; ++k) taken[k] = true;
      const int32_t r = rules_.mention_at[begin];
      if (r >= 0 && rules_.mentions[static_cast<size_t>(r)].begin == begin &&
          rules_.mentions[static_cast<size_t>(r)].end == end) {
        // Same words: the rules' mention (with its gazetteer entry, titles and gender), the
        // tagger's type unless the rules' is sure.
        Mention m = rules_.mentions[static_cast<size_t>(r)];
        // Unknown words in a row that the rules read as a person's name are rarely a place: the
        // tagger's LOC there comes from the context ("according to", "by").
        // So are they after a person's title ("WHO Director-General Tedros Adhanom").
        const bool person =
            m.type == EntityType::person && m.end > m.begin + 1 && m.named < 0 &&
            (span.type == EntityType::location || (tokens_[m.begin].lex() & kFirstName) ||
             role_beside(m) || m.title_begin < m.begin);
        // A listed place the tagger reads as an organisation right after "in" ("a raid in
        // Leeds"): the tagger learnt its cities from sports results, where they are clubs.
        const bool place = m.type == EntityType::location && m.named >= 0 &&
                           span.type == EntityType::organisation && m.begin > 0 &&
                           (tokens_[m.begin - 1].lex() & kPrep) &&
                           token_key(tokens_[m.begin - 1], keys_) == "in";
        if (!person && !place) m.type = span.type;
        if (named_by_place_noun(m.begin)) m.type = EntityType::location;
        if (person && m.type == EntityType::person && span.type != EntityType::person) {
          people_.insert(name_of(m.begin, m.end));
        }
        out.mentions.push_back(m);
        continue;
      }
      out.mentions.push_back(
          mention(begin, end, named_by_place_noun(begin) ? EntityType::location : span.type));
    }
    // Places and organisations of the word lists, and people's full names, where the tagger
    // found nothing: the lists know names the training news never saw ("Trieste", "Mohács"),
    // unless the word opens a sentence or stands in a headline, where its capital proves
    // nothing.
    for (const Mention& m : rules_.mentions) {
      bool free = true;
      for (uint32_t k = m.begin; k < m.end; ++k) free = free && !taken[k];
      const bool listed = m.named >= 0 && m.type != EntityType::person;
      // A full name the rules read as a person's ("Dimitrije Milic"): unknown words in a row.
      const bool full_name = m.named < 0 && m.type == EntityType::person && m.end > m.begin + 1;
      if (free && (listed || full_name || named_body(m)) &&
          !opens_sentence(tokens_, layout_, m.begin) && !caps_sentence(m.begin) &&
          !layout_.in_title_case(m.begin)) {
        take(m);
      }
    }
    // Codes in capitals the rules could not place either ("H7N9"), where the tagger found
    // nothing.
    for (const Mention& m : rules_.mentions) {
      if (m.end == m.begin + 1 && !taken[m.begin] && m.type == EntityType::misc &&
          tokens_[m.begin].has(kAllCaps)) {
        out.mentions.push_back(m);
      }
    }
    // A site's name is its publisher's: "BuzzFeed.com" is no place.
    for (Mention& m : out.mentions) {
      if (tokens_[m.end - 1].has(kDomain)) m.type = EntityType::organisation;
    }
    // A wire dateline's capitals ("BOSTON —", "SAN FRANCISCO (Reuters) -") name where the story
    // was filed, not an organisation's acronym; a listed one ("NATO — the alliance …") stays,
    // and so does a headline in capitals ("RUGBY UNION - WIGAN BEAT BRADFORD").
    for (Mention& m : out.mentions) {
      if (!tokens_[m.begin].has(kParagraphStart) || !tokens_[m.begin].has(kAllCaps) ||
          (m.named >= 0 &&
           lex_.named(static_cast<uint32_t>(m.named)).type == EntityType::organisation)) {
        continue;
      }
      const uint32_t story = dateline_end(tokens_, m.begin);
      if (m.end < story && story < tokens_.size() && !tokens_[story].has(kAllCaps)) {
        m.type = EntityType::location;
      }
    }
    // "St Luke's Hospital", "King's College": the possessive inside an institution's name.
    for (Mention& m : out.mentions) {
      uint32_t k = m.end + 1;
      // Not a listed place's: "Britain's News of the World".
      const bool place =
          m.named >= 0 && lex_.named(static_cast<uint32_t>(m.named)).type == EntityType::location;
      if (m.type == EntityType::person || place || k >= tokens_.size() ||
          !tokens_[m.end].has(kPossessive) || taken[m.end]) {
        continue;
      }
      while (k < tokens_.size() && k < m.end + 4 && tokens_[k].kind == TokenKind::word &&
             tokens_[k].has(kCapitalised) && !taken[k] && !(tokens_[k].lex() & kOrgHead)) {
        ++k;
      }
      if (k < tokens_.size() && tokens_[k].has(kCapitalised) && (tokens_[k].lex() & kOrgHead) &&
          !taken[k]) {
        for (uint32_t j = m.end; j <= k; ++j) taken[j] = true;
        m.end = k + 1;
        m.stop = tokens_[k].end;
        m.type = EntityType::organisation;
      }
    }
    // "BBC Radio 4", "Channel 4": a broadcaster's channel number belongs to its name.
    for (Mention& m : out.mentions) {
      const std::string_view last = token_key(tokens_[m.end - 1], keys_);
      if (m.type == EntityType::organisation && m.end < tokens_.size() &&
          tokens_[m.end].kind == TokenKind::number && tokens_[m.end].has(kSpaceBefore) &&
          (last == "radio" || last == "channel" || last == "tv")) {
        m.stop = tokens_[m.end].end;
        taken[m.end++] = true;
      }
    }
    name_storms(out);
    name_companies(out, taken);
    std::sort(out.mentions.begin(), out.mentions.end(),
              [](const Mention& a, const Mention& b) { return a.start < b.start; });
    join_places_of_a_body(out);
    call_by_given_name(out);
    out.mention_at.assign(tokens_.size(), -1);
    for (size_t k = 0; k < out.mentions.size(); ++k) {
      for (uint32_t i = out.mentions[k].begin; i < out.mentions[k].end; ++i) {
        out.mention_at[i] = static_cast<int32_t>(k);
      }
    }
    return out;
  }

 private:
  // "Avon and Somerset Police", "Kensington and Chelsea Council": a body named for two places,
  // which the tagger splits at "and" into a place and a body (not "Russia and NATO Council").
  void join_places_of_a_body(Entities& out) const {
    for (size_t k = 0; k + 1 < out.mentions.size(); ++k) {
      Mention& place = out.mentions[k];
      const Mention& body = out.mentions[k + 1];
      if (place.type != EntityType::location || body.type != EntityType::organisation ||
          body.begin != place.end + 1 || place.end - place.begin > 2 || body.end - body.begin > 3 ||
          token_key(tokens_[place.end], keys_) != "and" ||
          !(tokens_[body.end - 1].lex() & kOrgHead) || !tokens_[body.begin].has(kCapitalised) ||
          tokens_[body.begin].has(kAllCaps) || (tokens_[body.begin].lex() & kOrgHead) ||
          strong(place)) {
        continue;
      }
      place.end = body.end;
      place.stop = body.stop;
      place.type = EntityType::organisation;
      place.named = -1;
      out.mentions.erase(out.mentions.begin() + static_cast<std::ptrdiff_t>(k + 1));
    }
  }

  // "Tedros told a news conference" after "Tedros Adhanom Ghebreyesus": a lone word no list
  // holds that is the first word of a person named in full before is that person, whom some
  // news calls by the given name, whatever the tagger read; not "House" after "House
  // Republicans" misread as a name.
  void call_by_given_name(Entities& out) const {
    // The first word of each full name so far, with the gender of the first such person.
    std::unordered_map<std::string_view, Gender> given_names;
    for (Mention& m : out.mentions) {
      if (m.type == EntityType::person && m.end > m.begin + 1) {
        bool name_words = true;
        for (uint32_t i = m.begin; name_words && i < m.end; ++i) {
          name_words = !(tokens_[i].lex() & (kCommon | kGroupNoun | kAffiliation | kOrgHead |
                                             kPlaceHead | kTitle | kRoleNoun));
        }
        if (name_words) given_names.try_emplace(token_key(tokens_[m.begin], keys_), m.gender);
        continue;
      }
      if (m.type == EntityType::person || m.named >= 0 || m.end != m.begin + 1 ||
          tokens_[m.begin].has(kAllCaps) ||
          (tokens_[m.begin].lex() &
           (kCommon | kFunctionWord | kOrgHead | kPlaceHead | kTitle | kDemonym))) {
        continue;
      }
      if (const auto full = given_names.find(token_key(tokens_[m.begin], keys_));
          full != given_names.end()) {
        m.type = EntityType::person;
        m.gender = full->second;
      }
    }
  }

  // "the Aslef union", "the Wagner group": a name alone between "the" and the noun for what it
  // is, that the rules read as an organisation's; not a person's campaign ("the Kovač campaign").
  bool named_body(const Mention& m) const {
    if (m.type != EntityType::organisation || m.named >= 0 || m.end != m.begin + 1 ||
        m.begin == 0 || m.end >= tokens_.size()) {
      return false;
    }
    const Token& the = tokens_[m.begin - 1];
    const Token& noun = tokens_[m.end];
    return the.kind == TokenKind::word && token_key(the, keys_) == "the" &&
           !the.has(kCapitalised) && noun.kind == TokenKind::word && !noun.has(kCapitalised) &&
           (noun.lex() & kOrgNoun) && token_key(noun, keys_) != "campaign";
  }

  // "Hurricane Milton", "Tropical Storm Debby": the storm's name is an event's (MISC, as CoNLL
  // and GMB mark it), not the person or company the tagger reads into it, and the word before
  // it stays out.
  void name_storms(Entities& out) const {
    const auto storm_at = [&](uint32_t k) {
      return tokens_[k].kind == TokenKind::word && tokens_[k].has(kCapitalised) &&
             storm_word(token_key(tokens_[k], keys_));
    };
    for (Mention& m : out.mentions) {
      uint32_t name = m.begin;
      while (name + 1 < m.end && (storm_at(name) || token_key(tokens_[name], keys_) == "tropical"))
        ++name;
      if (name == m.begin && !(m.begin > 0 && storm_at(m.begin - 1))) continue;
      if (name > m.begin && !storm_at(name - 1)) continue;
      m.begin = name;
      m.start = tokens_[name].start;
      m.type = EntityType::misc;
      m.named = -1;
    }
  }

  // "analysts at Morgan Stanley", "a professor at Harvard": where people work, though its name
  // starts with a given name; not a name that modifies a noun ("a protester at a Hillary Clinton
  // rally").
  bool workplace(const Mention& m) const {
    if (m.type != EntityType::person || m.begin < 2) return false;
    const Token& at = tokens_[m.begin - 1];
    const Token& who = tokens_[m.begin - 2];
    const bool modifier = m.end < tokens_.size() && tokens_[m.end].kind == TokenKind::word &&
                          !tokens_[m.end].has(kCapitalised) &&
                          !(tokens_[m.end].lex() & (kPrep | kConj | kRelative | kAux | kFiniteVerb |
                                                    kSpeechVerb | kAdverb));
    return !modifier && at.kind == TokenKind::word && token_key(at, keys_) == "at" &&
           who.kind == TokenKind::word && (!who.has(kCapitalised) || who.has(kSentenceStart)) &&
           (who.lex() & (kRoleNoun | kGroupNoun));
  }

  // "environment minister, Leonore Gewessler-Brandt," / "Ana Kovač, a spokeswoman": a role in
  // apposition makes the name a person's, whatever the tagger read into unknown words.
  bool role_beside(const Mention& m) const {
    const auto role = [&](uint32_t k) {
      return k < tokens_.size() && tokens_[k].kind == TokenKind::word &&
             !tokens_[k].has(kCapitalised) && (tokens_[k].lex() & kRoleNoun);
    };
    const auto comma = [&](uint32_t k) {
      return k < tokens_.size() && tokens_[k].kind == TokenKind::punct && tokens_[k].mark == U',';
    };
    if (m.begin >= 2 && comma(m.begin - 1) && role(m.begin - 2)) return true;
    // "Tottenham manager Ange Postecoglou": a role right before a full name.
    if (m.end > m.begin + 1 && m.title_begin == m.begin && m.begin >= 1 && role(m.begin - 1)) {
      return true;
    }
    if (!comma(m.end) || m.end + 2 >= tokens_.size() || !(tokens_[m.end + 1].lex() & kDet)) {
      return false;
    }
    for (uint32_t k = m.end + 2;
         k < m.end + 6 && k < tokens_.size() && tokens_[k].kind == TokenKind::word; ++k) {
      if (role(k)) return true;
    }
    return false;
  }

  // Where the words around a name say it is a company ("shares of Nvidia", "Nvidia shares",
  // "Stripe, the payments company,", "analysts at Bernstein"), it is one, and so is every
  // mention of that name in the article, found by the tagger or not. Only names no list holds:
  // the tagger, trained on news of the 1990s, reads unknown brands as places or people.
  void name_companies(Entities& out, std::vector<bool>& taken) const {
    std::unordered_set<std::string> companies;
    for (Mention& m : out.mentions) {
      if (m.named < 0 && m.type != EntityType::organisation && !in_header(m.begin) &&
          m.title_begin == m.begin &&
          ((!(tokens_[m.begin].lex() & kFirstName) &&
            company_around(m.begin, m.end, m.type != EntityType::person)) ||
           workplace(m))) {
        m.type = EntityType::organisation;
        companies.insert(name_of(m.begin, m.end));
      }
    }
    // A brand the tagger left out: "Nvidia shares fell".
    const uint32_t n = static_cast<uint32_t>(tokens_.size());
    for (uint32_t i = 0; i < n; ++i) {
      if (!taken[i] && unknown_capitalised(i) && company_around(i, i + 1, true)) {
        companies.insert(name_of(i, i + 1));
      }
    }
    if (companies.empty() && people_.empty()) return;
    // A full name that a role showed to be a person's is one wherever the tagger read it
    // otherwise ("Ange Postecoglou says …" in the headline, "manager Ange Postecoglou" below).
    for (Mention& m : out.mentions) {
      if (m.named >= 0) continue;
      const std::string name = name_of(m.begin, m.end);
      if (companies.count(name)) {
        m.type = EntityType::organisation;
      } else if (people_.count(name)) {
        m.type = EntityType::person;
      }
    }
    if (companies.empty()) return;
    for (uint32_t i = 0; i < n; ++i) {
      if (!taken[i] && unknown_capitalised(i) && companies.count(name_of(i, i + 1))) {
        out.mentions.push_back(mention(i, i + 1, EntityType::organisation));
        taken[i] = true;
      }
    }
  }

  std::string name_of(uint32_t begin, uint32_t end) const {
    std::string key;
    for (uint32_t k = begin; k < end; ++k) {
      if (k > begin) key += ' ';
      key += token_key(tokens_[k], keys_);
    }
    return key;
  }

  bool unknown_capitalised(uint32_t i) const {
    const Token& t = tokens_[i];
    return t.kind == TokenKind::word && t.has(kCapitalised) && !t.has(kAllCaps) &&
           (t.lex() & (kCommon | kDet | kPrep | kConj | kPronoun | kAux | kTitle | kFirstName |
                       kDemonym | kDay | kMonth | kTime | kRoleNoun)) == 0 &&
           rules_.mention_at[i] < 0;
  }

  // `not_person`: the tagger did not read a person's name there.
  bool company_around(uint32_t begin, uint32_t end, bool not_person) const {
    const uint32_t n = static_cast<uint32_t>(tokens_.size());
    auto key = [&](uint32_t k) {
      return k < n && tokens_[k].kind == TokenKind::word ? token_key(tokens_[k], keys_)
                                                         : std::string_view{};
    };
    auto one_of = [](std::string_view k, std::initializer_list<std::string_view> words) {
      return std::find(words.begin(), words.end(), k) != words.end();
    };
    // "shares of X", "a stake in X", "analysts at X", "a spokeswoman for X".
    if (begin >= 2) {
      const std::string_view prep = key(begin - 1);
      // "invested heavily in OpenAI": past a manner adverb.
      const uint32_t n = begin >= 3 && key(begin - 2).ends_with("ly") ? begin - 3 : begin - 2;
      const std::string_view noun = key(n);
      if ((one_of(prep, {"of", "in"}) &&
           one_of(noun, {"shares", "stake", "shareholders", "ceo", "founder", "co-founder",
                         "invested", "investment", "investors"})) ||
          (prep == "at" &&
           one_of(noun, {"analyst", "analysts", "economist", "economists", "strategist",
                         "strategists", "executives", "employees"})) ||
          (prep == "for" && one_of(noun, {"spokesperson", "spokesman", "spokeswoman"}))) {
        return true;
      }
    }
    // "shipping group Maersk", "chipmaker Nvidia", "the daily Kommersant": a business's or an
    // organisation's noun right before the name; not those a clause may follow ("the campaign
    // Ayotte ran", "the party Trump leads").
    if (begin >= 1 && tokens_[begin - 1].kind == TokenKind::word &&
        !tokens_[begin - 1].has(kCapitalised) && tokens_[begin - 1].info &&
        (tokens_[begin - 1].info->company_noun || (tokens_[begin - 1].lex() & kOrgNoun)) &&
        !one_of(key(begin - 1), {"campaign", "movement", "party", "union"})) {
      return true;
    }
    // "X shares", "X's stock".
    uint32_t after = end;
    if (after < n && tokens_[after].has(kPossessive)) ++after;
    if (one_of(key(after), {"shares", "stock", "shareholders"})) return true;
    // "Anthropic's chief financial officer", where the tagger saw no person: a surname would
    // have been read as one ("Smith's chief of staff").
    if (not_person && after > end &&
        (one_of(key(after), {"ceo", "cfo", "founder", "co-founder", "board"}) ||
         (key(after) == "chief" &&
          one_of(key(after + 1), {"executive", "financial", "operating", "technology"})))) {
      return true;
    }
    // "Uber said its profit rose": a name no list holds that speaks of "its" where the article
    // first names it is no person (the states that do are listed); a person is introduced by
    // the full name before "Kovač said its plans …".
    if (after == end && end == begin + 1 && key(end + 1) == "its" &&
        one_of(key(end), {"said", "says", "reported", "announced", "expects", "posted"})) {
      const std::string_view name = key(begin);
      bool first = true;
      for (uint32_t k = 0; k < begin && first; ++k) first = key(k) != name;
      if (first) return true;
    }
    // "X, the payments company,", "X, a chipmaker based in …".
    if (after == end && end + 2 < n && tokens_[end].kind == TokenKind::punct &&
        tokens_[end].mark == U',' && one_of(key(end + 1), {"the", "a", "an"})) {
      for (uint32_t k = end + 2; k < end + 6 && k < n && tokens_[k].kind == TokenKind::word; ++k) {
        if (tokens_[k].has(kCapitalised)) continue;
        // The apposition's head comes first: not "X, a co-chair of the group,".
        if (tokens_[k].lex() & (kPrep | kRoleNoun)) break;
        // Not "X, the company's chief executive,": there the company is X's employer.
        if (tokens_[k].info && tokens_[k].info->company_noun) {
          return k + 1 < n && !tokens_[k + 1].has(kPossessive) &&
                 !(tokens_[k + 1].lex() & (kRoleNoun | kTitle));
        }
      }
    }
    return false;
  }

  // Mentions the rules know better than the tagger: header lines ("Byline: ..."), parts of
  // compounds ("EU" in "EU-led", which the tagger cannot split off), hand-written gazetteer
  // entries and longer derived ones ("Human Rights Watch"), and names ending in an organisation's
  // or place's head word ("Serbian Progressive Party", "Danube River") or going on after it.
  bool sure(const Mention& m) const {
    if (in_header(m.begin)) return true;
    if (m.end == m.begin + 1 &&
        (m.start != tokens_[m.begin].start || m.stop != tokens_[m.begin].end)) {
      return true;
    }
    if (m.named >= 0) return strong(m) || m.end > m.begin + 1;
    if (m.type == EntityType::person && (m.title_begin < m.begin || surname(m))) return true;
    const uint32_t last = tokens_[m.end - 1].lex();
    return (m.type == EntityType::organisation && ((last & kOrgHead) || head_on(m))) ||
           (m.type == EntityType::location && (last & kPlaceHead));
  }

  // "Council on Foreign Relations", "Office for National Statistics": the tagger ends the name
  // at the head word.
  bool head_on(const Mention& m) const {
    uint32_t on = m.begin + 1;
    while (on + 1 < m.end &&
           !((token_key(tokens_[on], keys_) == "on" || token_key(tokens_[on], keys_) == "for") &&
             (tokens_[on - 1].lex() & kOrgHead))) {
      ++on;
    }
    if (on + 1 >= m.end) return false;
    // Not when a title or a person's name follows ("… Relations National Executive Director
    // Nihad Awad").
    for (uint32_t k = on + 1; k < m.end; ++k) {
      if (tokens_[k].lex() & (kRoleNoun | kFirstName)) return false;
    }
    return true;
  }

  // A lone word the rules took for the surname of a person named in full ("Janković" after
  // "Saša Janković").
  bool surname(const Mention& m) const {
    if (m.end != m.begin + 1) return false;
    if (!surnames_) {  // the last words of the full names, gathered once per article
      surnames_.emplace();
      for (const Mention& full : rules_.mentions) {
        if (full.type == EntityType::person && full.end > full.begin + 1) {
          surnames_->insert(token_key(tokens_[full.end - 1], keys_));
        }
      }
    }
    return surnames_->count(token_key(tokens_[m.begin], keys_)) > 0;
  }

  bool strong(const Mention& m) const {
    return m.named >= 0 && lex_.named(static_cast<uint32_t>(m.named)).strong;
  }

  // Where the name in the tagger's span ends: a role written after an organisation or place
  // ("Senate Majority Leader", "Labour Party Leader") is not part of it, nor are the common
  // words before the title ("Majority"), short of an organisation's head word ("Party"). A title
  // after "of" is the name's ("Department of Justice"), and a span of titles only stays ("the
  // Cardinals").
  uint32_t name_end(const ner::Span& span, uint32_t begin) const {
    uint32_t end = span.end;
    if (span.type == EntityType::person || !(tokens_[end - 1].lex() & kTitle)) return end;
    auto role_word = [&](const Token& t) {
      const uint32_t lex = t.lex();
      return t.has(kCapitalised) &&
             ((lex & kTitle) || ((lex & kCommon) && !(lex & (kOrgHead | kPlaceHead))));
    };
    while (end > begin && role_word(tokens_[end - 1])) --end;
    return end == begin || !tokens_[end - 1].has(kCapitalised) ? span.end : end;
  }

  // Does a name at token i follow "the island of", "the town of", "the province of"?
  bool named_by_place_noun(uint32_t i) const {
    if (i < 3 || token_key(tokens_[i - 1], keys_) != "of" || tokens_[i - 2].has(kCapitalised) ||
        token_key(tokens_[i - 3], keys_) != "the") {
      return false;
    }
    const std::string_view noun = token_key(tokens_[i - 2], keys_);
    return noun == "island" || noun == "town" || noun == "city" || noun == "village" ||
           noun == "province" || noun == "region" || noun == "district" || noun == "port";
  }

  // Is token i a common word naming an office after a title and "of" ("Secretary of State")?
  bool office_after_title(uint32_t i) const {
    return i >= 2 && tokens_[i].has(kCapitalised) && (tokens_[i].lex() & kCommon) &&
           token_key(tokens_[i - 1], keys_) == "of" && (tokens_[i - 2].lex() & kTitle) &&
           tokens_[i - 2].has(kCapitalised);
  }

  // Most words of the sentence in capitals (headlines, result tables).
  bool caps_sentence(uint32_t i) const {
    const Range& r = layout_.sentences[layout_.sentence_of[i]];
    uint32_t words = 0, caps = 0;
    for (uint32_t k = r.begin; k < r.end; ++k) {
      if (tokens_[k].kind != TokenKind::word) continue;
      ++words;
      caps += tokens_[k].has(kAllCaps);
    }
    return caps * 10 >= words * 8;
  }

  // "UN Security Council | Resolution 1244": a number in the span past r, or a common word then
  // a plain number (not a score, "Colorado Rockies 7-4", or a phone number).
  bool numbered_after(const ner::Span& s, const Mention& r) const {
    for (uint32_t k = r.end; k < s.end; ++k) {
      if (tokens_[k].kind == TokenKind::number) return true;
    }
    if (s.end != r.end + 1 || s.end >= tokens_.size() || !(tokens_[r.end].lex() & kCommon)) {
      return false;
    }
    if (tokens_[s.end].kind != TokenKind::number) return false;
    const std::string_view digits = token_key(tokens_[s.end], keys_);
    return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  }

  // Do the rules name every capitalised word of `s` besides `r`'s, with sure mentions or full
  // names of people: two names run together ("Orbis Motors and Adria Airways").
  bool rules_cover(const ner::Span& s, const Mention& r) const {
    for (uint32_t k = s.begin; k < s.end; ++k) {
      // The mention's own titles ("Senate Majority Leader | Mitch McConnell") are no other name.
      if (r.title_begin <= k && k < r.end) continue;
      const int32_t m = rules_.mention_at[k];
      if (m < 0) {
        if (tokens_[k].has(kCapitalised)) return false;
        continue;
      }
      const Mention& other = rules_.mentions[static_cast<size_t>(m)];
      if (!sure(other) && !(other.type == EntityType::person && other.end > other.begin + 1)) {
        return false;
      }
    }
    return true;
  }

  bool in_header(uint32_t i) const {
    for (const Range& r : rules_.header_lines) {
      if (r.contains(i)) return true;
    }
    return false;
  }

  void add_place_reference(Entities& out, uint32_t i) const {
    for (const DemonymMention& d : out.demonyms) {
      if (d.token == i) return;
    }
    const DemonymMention d{tokens_[i].start, tokens_[i].end, i,
                           static_cast<uint32_t>(tokens_[i].info->demonym_of)};
    out.demonyms.insert(std::upper_bound(out.demonyms.begin(), out.demonyms.end(), d,
                                         [](const DemonymMention& a, const DemonymMention& b) {
                                           return a.token < b.token;
                                         }),
                        d);
  }

  // A mention of the tagger's: with the titles before it ("Sen.", "Russian President") and the
  // gender they give.
  Mention mention(uint32_t begin, uint32_t end, EntityType type) const {
    Mention m;
    m.begin = begin;
    m.end = end;
    m.start = tokens_[begin].start;
    m.stop = tokens_[end - 1].end;
    m.type = type;
    m.title_begin = begin;
    m.quoted = tokens_[begin].has(kQuoted);
    if (type != EntityType::person) return m;
    while (m.title_begin > 0) {
      const Token& t = tokens_[m.title_begin - 1];
      if (t.kind != TokenKind::word || !(t.lex() & (kTitle | kDemonym)) || !t.has(kCapitalised)) {
        break;
      }
      --m.title_begin;
      if ((t.lex() & kTitle) && m.gender == Gender::unknown) m.gender = t.info->gender;
    }
    return m;
  }

  const std::vector<Token>& tokens_;
  const std::string& keys_;
  const Layout& layout_;
  const Lexicon& lex_;
  Entities& rules_;
  mutable std::optional<std::unordered_set<std::string_view>> surnames_;
  std::unordered_set<std::string> people_;  // full names a role beside them made people's
};

}  // namespace

Entities find_entities(std::string_view text, const std::vector<Token>& tokens,
                       const std::string& keys, const Layout& layout, const Lexicon& lexicon,
                       const ner::Model* model) {
  Entities rules = Finder(text, tokens, keys, layout, lexicon).run();
  if (!model) return rules;
  const std::vector<ner::Span> spans =
      ner::tag(*model, ner::Document{text, tokens, keys, layout, lexicon, rules});
  return Combiner(tokens, keys, layout, lexicon, rules).run(spans);
}

}  // namespace quotewire::extract
