#pragma once
// Who speaks at a cue: the subject before a speech verb ("Milic told", "Senator Ivo Perić, the
// majority whip, said", "he added", "the judge said"), the speaker after it ("said
// Andjelkovic", "according to Saša Janković, an expert in ..."), and the resolution of pronouns
// and descriptions ("the judge") to the last fitting actor in subject or speaker position.

#include <cstdint>
#include <vector>

#include "extract/article.h"

namespace quotewire::extract {

struct SpeakerPhrase {
  enum class Kind : uint8_t {
    none,
    named,        // an entity mention
    pronoun,      // he, she, it, they
    description,  // "the appeals court judge": a person named before; "the automaker": a company
    phrase,       // another noun phrase ("early official figures", "the Kovač campaign")
  };
  Kind kind = Kind::none;
  uint32_t begin = 0;  // tokens of the mention as written at the cue
  uint32_t end = 0;
  uint32_t first = 0;    // first token of the whole subject, appositives and titles included
  uint32_t last = 0;     // one past its last token
  int32_t mention = -1;  // for named
  Range role;            // tokens of the role, empty if none
  Gender gender = Gender::unknown;
  bool organisation = false;  // a description of a business ("the Japanese automaker")

  explicit operator bool() const { return kind != Kind::none; }
};

// "went on to say", "continued to suggest": is the "to" at `to` part of such a chain, so that the
// verb after it still has the subject before the chain?
bool speech_infinitive(const Article& a, uint32_t to);

// How many words the chain that ends in the "to" at `to` spans ("continued to": 2, "went on
// to": 3, "went so far as to": 5), 0 if there is none.
uint32_t infinitive_chain(const Article& a, uint32_t to);

// "he", "she", "it", "they", "I", "we": a pronoun that can be a subject.
bool is_subject_pronoun(const Article& a, uint32_t i);

// An adverb in "-ly" that no list holds, right after a pronoun, a name, an auxiliary or an
// aside: "He memorably promised", "has vocally called".
bool manner_adverb(const Article& a, uint32_t t, uint32_t clause_begin);

// Is token `i` the hyphen of an age or a measure written as one word ("62-year-old",
// "10-point")? The tokenizer splits a number from the word after it.
bool joins_number(const Article& a, uint32_t i);

// Where something is said ("statement", "release", "post"), or what publishes findings ("poll",
// "report"), in any case.
bool publication_word(const Article& a, uint32_t i);

// The subject of the speech verb at `cue`, looking back to `clause_begin`.
SpeakerPhrase subject_before(const Article& a, uint32_t cue, uint32_t clause_begin);

// The speaker starting at `pos` ("said Andjelkovic", "according to X"), up to `limit`.
// With `any_phrase`, a noun phrase that names no entity is accepted too ("according to polls").
SpeakerPhrase speaker_at(const Article& a, uint32_t pos, uint32_t limit, bool any_phrase);

// The subject of the clause that starts at `begin`: its first entity mention or pronoun in
// subject position, for participles and coordinated verbs ("..., adding that", "and said").
SpeakerPhrase clause_subject(const Article& a, uint32_t begin, uint32_t limit);

// A guess at the subject of the cue at `cue` when the rules find none: the first name, pronoun
// or noun phrase of the clause that starts at `begin`, past conjunctions and an introductory
// phrase ("In September, a still-struggling HP announced", "A U.S. law enforcement official
// familiar with the investigation said"). Only the statement model decides whether to trust it.
SpeakerPhrase clause_head(const Article& a, uint32_t begin, uint32_t cue);

// The owner of the noun at `noun` as a speaker: "Trump’s claim", "the senator’s call", "his
// promise", "her warning"; none for other possessives ("their", "its") or none at all.
SpeakerPhrase possessor_of(const Article& a, uint32_t noun, uint32_t clause_begin);

// Remembers who was last in subject or speaker position, to resolve "he", "it" and "the judge".
class Salience {
 public:
  void add(uint32_t position, int32_t actor, EntityType type, bool subject = true);
  // An actor that has spoken (a statement's speaker), at `position`.
  void add_speaker(uint32_t position, int32_t actor, EntityType type);
  // A person who has spoken without a name ("a spokesman", "an aide"): a later "she" or "he"
  // is theirs, not a person named before them.
  void add_unnamed_speaker(uint32_t position, Gender gender);
  // A body that has spoken without a name ("the fire brigade"): a later "it" is its.
  void add_unnamed_body(uint32_t position);
  // The actor a pronoun or description at `position` refers to, or -1.
  int32_t resolve(const Article& a, const SpeakerPhrase& s, uint32_t position) const;
  // Mentions in [begin, end) outside the given (token) ranges; those in subject position are
  // preferred when resolving.
  void add_subjects(const Article& a, uint32_t begin, uint32_t end,
                    const std::vector<Range>& excluded);

 private:
  struct Event {
    uint32_t position;
    int32_t actor;
    EntityType type;
    bool subject;                     // in subject or speaker position
    bool speaker = false;             // the speaker of a statement
    Gender gender = Gender::unknown;  // of an unnamed speaker (actor -1)
  };
  static constexpr int32_t kUnnamed = -2;  // find(): the unnamed speaker
  void insert(const Event& e);             // in position order
  int32_t find(const Article& a, const SpeakerPhrase& s, uint32_t position, bool subjects) const;
  bool spoke(int32_t actor, uint32_t position) const;
  std::vector<Event> events_;  // by position
};

}  // namespace quotewire::extract
