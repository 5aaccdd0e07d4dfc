#pragma once
// The word lists of extract/data, parsed once per process into hash tables keyed by folded form
// (text::utf8::folded): closed-class words, speech verbs, titles and role nouns, first names,
// common words, demonyms, and the multi-word gazetteer of places and organisations.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extraction.h"
#include "extract/string_table.h"

namespace quotewire::extract {

// What the lists say about one folded word; several can hold ("her" is det and pronoun).
enum WordFlag : uint32_t {
  kDet = 1u << 0,
  kPrep = 1u << 1,
  kPronHe = 1u << 2,
  kPronShe = 1u << 3,
  kPronIt = 1u << 4,
  kPronThey = 1u << 5,
  kPronFirst = 1u << 6,  // I, we, you: never a reported speaker
  kRelative = 1u << 7,
  kAux = 1u << 8,
  kAdverb = 1u << 9,
  kTime = 1u << 10,
  kDay = 1u << 11,
  kMonth = 1u << 12,
  kConj = 1u << 13,
  kMedium = 1u << 14,  // "statement", "interview": "said in a statement"
  kCommon = 1u << 15,  // usually written in lower case: a capital is the sentence's, not a name's
  kFirstName = 1u << 16,
  kTitle = 1u << 17,     // "Sen.", "President", "Ambassador" before a name
  kRoleNoun = 1u << 18,  // "analyst", "spokeswoman"
  kOrgHead = 1u << 19,   // "Council", "Party" ending an organisation's name
  kOrgNoun = 1u << 20,   // "organisation" after a name
  kSpeechVerb = 1u << 21,
  kAccording = 1u << 22,  // "according" (to)
  kDemonym = 1u << 23,
  kAbbrevTitle = 1u << 24,  // "Mr.": never ends a sentence
  kAbbrevOther = 1u << 25,  // "Inc.", "Jan.": may end a sentence
  kPhraseStart = 1u << 26,  // first word of a gazetteer phrase
  kPlaceHead = 1u << 27,    // "River", "Sea" ending a place's name
  kGroupNoun = 1u << 28,    // "officials", "critics", "voters": people speaking as a group
  kAffiliation = 1u << 29,  // "Sunni", "Islamist", "Hutu": a group's faith, people or creed
  kNotName = 1u << 30,      // "GDP", "HIV", "CEO": capitals that name nothing
  kFiniteVerb = 1u << 31,   // "wins", "is", "would": mostly a finite verb (a clause has begun)
};
constexpr uint32_t kPronoun = kPronHe | kPronShe | kPronIt | kPronThey | kPronFirst;
constexpr uint32_t kAbbreviation = kAbbrevTitle | kAbbrevOther;

enum class Gender : uint8_t { unknown, male, female };

// Keys of the header lines some feeds put first ("Source: ..."), see data/metadata_keys.tsv.
enum class HeaderKey : uint8_t { none, text, outlet, author, skip };

// How a speech verb takes what was said (see data/speech_verbs.tsv).
enum class Frame : uint8_t { say, tell, ask, call, that, accord };

struct SpeechVerb {
  std::string lemma;
  Frame frame = Frame::say;
  bool noun_form = false;  // this form is also a common noun ("state", "claim")
  bool hearer = false;     // a hearer may stand before "that" ("warned residents that ...")
};

// A named place or organisation with its canonical display name and actor id.
struct Named {
  std::string name;
  std::string id;
  EntityType type = EntityType::misc;
  bool strong = false;  // in a hand-written list: its type wins over the entity tagger's
};

struct WordInfo {
  uint32_t flags = 0;
  Gender gender = Gender::unknown;  // of a title or role noun
  HeaderKey header = HeaderKey::none;
  uint8_t longest_phrase = 0;  // in words, when kPhraseStart
  int32_t speech_verb = -1;    // index into Lexicon::verb
  int32_t demonym_of = -1;     // index into Lexicon::named
  bool speech_noun = false;    // "claim", "call": reports speech after a possessor (data/)
  bool company_noun = false;   // "company", "automaker" (data/company_nouns.txt)
};

struct Phrase {
  uint32_t named = 0;       // index into Lexicon::named
  bool strong = false;      // hand-written list (wins over evidence from context) or derived
  bool exact_case = false;  // an acronym ("US", "UN"): matches only in capitals
  bool lower_case = false;  // written in lower case ("al-Qaeda"): matches uncapitalised too
  bool complete = true;     // names something; false for a mere prefix ("new york state" of
                            // "new york state assembly")
  bool prefix = false;      // longer phrases start with these words
};

class Lexicon {
 public:
  // Parses the embedded data files; throws std::runtime_error if one is malformed.
  static std::unique_ptr<Lexicon> load_embedded();

  const WordInfo* word(std::string_view key) const { return words_.find(key); }
  // `key`: the folded words of the phrase joined by single spaces.
  const Phrase* phrase(std::string_view key) const {
    const Phrase* p = phrases_.find(key);
    return p && p->complete ? p : nullptr;
  }
  // The phrase or prefix of phrases `key`, for matching word by word: nullptr when no phrase
  // starts with these words, so longer ones need not be tried.
  const Phrase* phrase_or_prefix(std::string_view key) const { return phrases_.find(key); }
  const Named& named(uint32_t index) const { return named_[index]; }
  const SpeechVerb& verb(int32_t index) const { return verbs_[static_cast<size_t>(index)]; }

  // The state or body a place or organisation stands for when it speaks or acts ("kremlin" ->
  // Russia, "brussels" -> European Union), by actor id, with why; nullptr if none.
  struct Alias {
    uint32_t named = 0;  // index into named()
    std::string reason;  // empty: dropped by the user's list
  };
  const Alias* alias(std::string_view actor_id) const {
    const Alias* a = aliases_.find(actor_id);
    return a && !a->reason.empty() ? a : nullptr;
  }
  // Adds rows of state aliases to those bundled (data/state_aliases.tsv has the format: alias,
  // what it stands for, why; both names the gazetteer knows); "-" as what it stands for drops
  // one. `origin` names the rows in errors (std::runtime_error).
  void add_aliases(std::string_view tsv, std::string_view origin);
  // What a role word or phrase (folded) says about the organisation or place it comes with
  // (data/affiliation_roles.tsv): speaks for a state too, for an organisation only, for neither.
  enum class RoleKind : uint8_t { org, state, none };
  RoleKind role_kind(std::string_view key) const {
    const RoleKind* kind = role_kinds_.find(key);
    return kind ? *kind : RoleKind::org;
  }
  bool listed_role(std::string_view key) const { return role_kinds_.find(key) != nullptr; }

  // For the tokenizer: does this folded word with its full stop ("mr.") keep the stop?
  bool is_abbreviation(std::string_view key_with_stop) const {
    const WordInfo* info = word(key_with_stop);
    return info && (info->flags & kAbbreviation);
  }

 private:
  WordInfo& add_word(std::string_view text, uint32_t flags);
  uint32_t add_named(std::string_view name, EntityType type);
  void add_phrase(std::string_view alias, uint32_t named, bool strong);
  void load_gazetteer(std::string_view file, EntityType type, bool strong, bool tsv);

  StringTable<WordInfo> words_;
  StringTable<Phrase> phrases_;
  StringTable<uint32_t> named_by_id_;
  StringTable<Alias> aliases_;
  StringTable<RoleKind> role_kinds_;
  std::vector<Named> named_;
  std::vector<SpeechVerb> verbs_;
};

}  // namespace quotewire::extract
