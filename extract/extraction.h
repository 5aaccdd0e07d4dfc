#pragma once
// What the extractor finds in one article: plain values, no sockets, no protobuf.
// Offsets are UTF-8 byte offsets into the article body, half-open [start, end).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quotewire::extract {

enum class EntityType { person, organisation, location, misc };
enum class QuoteKind { direct, indirect, mixed };

// How a statement was found: which attribution pattern of the rules proposed it.
enum class Pattern : uint8_t {
  quote_before_cue,    // “…,” X said
  quote_after_cue,     // X said: “…”
  content_after_cue,   // X said (that) …
  content_before_cue,  // …, X said
  quote_next_paragraph,
  according_to,    // According to X, … / …, according to X
  headline_colon,  // X: claim
  speaker_label,   // Q: … / MARTINEZ: …
  bare_quotation,  // a paragraph of quotation after its speaker's
  speech_noun,     // X's claim that …, her call for …
};

// "PERSON", "ORG", "LOCATION", "MISC" and "direct", "indirect", "mixed": the JSON contract.
std::string_view to_string(EntityType type);
std::string_view to_string(QuoteKind kind);
std::string_view to_string(Pattern pattern);  // "quote_before_cue", ...

struct TextSpan {  // byte offsets into the body, half-open
  uint32_t start = 0;
  uint32_t end = 0;
};

struct Entity {
  std::string text;  // as written in the body
  EntityType type = EntityType::misc;
  uint32_t start = 0;
  uint32_t end = 0;
  std::string actor_id;        // canonical id, stable across articles
  std::string canonical_name;  // display name of the actor, original diacritics kept
};

// An organisation or state a speaker speaks for, and why we think so: "Russia’s Ambassador to
// Serbia" -> Russia (ambassador); "program director of the New Third World organisation" -> New
// Third World (director); "the Kremlin" -> Russia (via the alias "seat of the Russian
// presidency").
struct Affiliation {
  std::string actor_id;
  std::string name;
  EntityType type = EntityType::organisation;
  std::string relation;  // the role word: "ambassador", "director", "official"; "alias"
  std::string evidence;  // the role text or alias reason it was read from
  float confidence = 0;  // 0..1, by how direct the pattern is
};

// An actor a statement is about: named in what was said ("Serbia"), a demonym ("Russian
// interests" -> Russia) or the state an alias stands for ("authorities in Moscow" -> Russia).
struct Subject {
  std::string actor_id;
  std::string name;
  EntityType type = EntityType::misc;
  std::string via;  // "name", "demonym", "alias"
};

struct Speaker {
  std::string name;      // canonical display name ("Dragomir Andjelkovic")
  std::string mention;   // as written at the cue ("Andjelkovic", "he")
  std::string actor_id;  // canonical id, stable across articles; empty for no actor ("officials")
  std::string role;      // "political analyst", empty when none is given
  EntityType type = EntityType::person;
  // Actor ids of the places the role ties the speaker to ("Russia’s Ambassador to Serbia" ->
  // russia, serbia; "Russian President" -> russia), for "what did Russia-related actors say".
  std::vector<std::string> related_places;
  std::vector<Affiliation> affiliations;  // who the speaker speaks for here, surest first
};

struct Quote {
  std::string text;    // the quoted or reported content only; parts joined by a space
  uint32_t start = 0;  // start of the first part
  uint32_t end = 0;    // end of the last part
  // The content's pieces: one for most statements; several for a quotation continued after its
  // attribution ("“…,” he said. “…”") or running over paragraphs.
  std::vector<TextSpan> parts;
  QuoteKind kind = QuoteKind::direct;
  std::string cue;    // "said", "told", "according to", ...
  TextSpan cue_span;  // where the cue is written; empty for a bare quotation
  std::optional<Speaker> speaker;
  Pattern found_by = Pattern::content_after_cue;
  std::vector<Subject> subjects;  // what it is about, the speaker left out; in text order
};

// A demonym or place adjective ("Russian", "Serbian"): not an entity, but it ties the text to a
// place.
struct PlaceReference {
  std::string text;  // as written
  uint32_t start = 0;
  uint32_t end = 0;
  std::string place;     // display name of the place ("Russia")
  std::string place_id;  // its actor id ("russia")
};

struct Extraction {
  std::vector<Entity> entities;
  std::vector<Quote> quotes;
  std::vector<PlaceReference> place_references;
};

}  // namespace quotewire::extract
