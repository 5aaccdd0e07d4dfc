// The extraction pipeline: validate, tokenize, split sentences, pair quotation marks, find
// entities, link them to actors, find statements, and turn the result into plain values.
#include "extract/extractor.h"

#include <algorithm>

#include "embedded_attribution_model.h"  // generated: the bytes of models/attribution.qwm
#include "embedded_ner_model.h"          // generated: the bytes of models/ner.qwm
#include "extract/affiliations.h"
#include "extract/article.h"
#include "extract/attribution.h"
#include "extract/attribution_model.h"
#include "extract/tagger.h"
#include "text/utf8.h"

namespace quotewire::extract {

InvalidText::InvalidText(uint64_t offset, const std::string& reason)
    : std::runtime_error("invalid text at byte " + std::to_string(offset) + ": " + reason),
      offset_(offset) {}

struct Extractor::Impl {
  explicit Impl(ExtractorOptions o)
      : options(std::move(o)),
        attribution(AttributionModel::parse(options.attribution_model.empty()
                                                ? embedded_attribution_model()
                                                : options.attribution_model)) {
    if (!options.state_aliases.empty())
      lexicon->add_aliases(options.state_aliases, "state aliases");
    if (options.rules_only) return;
    model = ner::Model::view(options.ner_model.empty() ? embedded_ner_model() : options.ner_model);
  }
  std::unique_ptr<Lexicon> lexicon = Lexicon::load_embedded();
  ExtractorOptions options;  // owns an overriding model's bytes
  std::optional<ner::Model> model;
  AttributionModel attribution;
};

const Extractor& Extractor::shared() {
  static const Extractor instance;
  return instance;
}

Extractor::Extractor() : Extractor(ExtractorOptions{}) {}
Extractor::Extractor(ExtractorOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
Extractor::~Extractor() = default;

const Lexicon& Extractor::lexicon() const {
  return *impl_->lexicon;
}
const ner::Model* Extractor::tagger() const {
  return impl_->model ? &*impl_->model : nullptr;
}

std::optional<PlaceReference> Extractor::place_for_demonym(std::string_view word) const {
  const WordInfo* info = impl_->lexicon->word(text::utf8::folded(word));
  if (!info || info->demonym_of < 0) return std::nullopt;
  const Named& place = impl_->lexicon->named(static_cast<uint32_t>(info->demonym_of));
  return PlaceReference{std::string(word), 0, static_cast<uint32_t>(word.size()), place.name,
                        place.id};
}

namespace {

std::string join_parts(std::string_view body, const std::vector<TextSpan>& parts) {
  std::string text;
  for (const TextSpan& part : parts) {
    if (!text.empty()) text += ' ';
    text.append(body.substr(part.start, part.end - part.start));
  }
  return text;
}

// Places a speaker's role ties them to: place names and demonyms inside the role.
std::vector<std::string> related_places(const Article& a, Range role) {
  std::vector<std::string> ids;
  auto add = [&](const std::string& id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  };
  for (const Mention& m : a.entities.mentions) {
    if (m.type == EntityType::location && role.contains(m.begin) && m.actor >= 0) {
      add(a.actors[static_cast<size_t>(m.actor)].id);
    }
  }
  for (const DemonymMention& d : a.entities.demonyms) {
    if (role.contains(d.token)) add(a.lexicon.named(d.named).id);
  }
  return ids;
}

// A role as a user reads it beside the name: without a leading article ("A spokesperson" ->
// "spokesperson", "The port authority's director" -> "port authority's director"), and without
// the capital a sentence's first word gets ("Economist" -> "economist"; titles such as
// "Governor" and names keep theirs).
std::string role_text(const Article& a, Range role) {
  uint32_t begin = role.begin;
  if (role.end > begin + 1 && a.word(begin) && (a.lex(begin) & kDet)) {
    const std::string_view k = a.key(begin);
    if (k == "a" || k == "an" || k == "the") ++begin;
  }
  std::string text(a.span(begin, role.end));
  const Token& first = a.tokens[begin];
  // "Opposition Leader", "Civil Protection Minister" keep the capitals of an office's name.
  const bool before_title =
      begin + 1 < role.end && a.word(begin + 1) && a.tokens[begin + 1].has(kCapitalised);
  const bool sentence_capital = begin == role.begin && first.has(kSentenceStart) && !before_title;
  if (sentence_capital && a.word(begin) && first.has(kCapitalised) && !first.has(kAllCaps) &&
      a.mention_at(begin) < 0 && (a.lex(begin) & (kCommon | kRoleNoun)) &&
      !(a.lex(begin) & (kTitle | kDemonym | kFirstName)) && text[0] >= 'A' && text[0] <= 'Z') {
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  }
  return text;
}

std::optional<Speaker> speaker_of(const Article& a, const Statement& s) {
  const SpeakerPhrase& sp = s.speaker;
  if (!sp) return std::nullopt;
  Speaker out;
  out.mention = std::string(a.span(sp.begin, sp.end));
  if (s.actor >= 0) {
    const Actor& actor = a.actors[static_cast<size_t>(s.actor)];
    out.name = actor.name;
    out.actor_id = actor.id;
    out.type = actor.type;
  } else {
    // An unnamed or unresolved speaker ("the operator", "officials", "they"): no actor, since
    // a common noun names nobody in particular; the phrase stays on the statement as its name
    // and, for a noun phrase, as its role.
    uint32_t begin = sp.begin;
    if (sp.end > begin + 1 && a.lower(begin, kDet)) ++begin;
    out.name = std::string(a.span(begin, sp.end));
    out.type =
        sp.kind == SpeakerPhrase::Kind::pronoun || sp.kind == SpeakerPhrase::Kind::description
            ? EntityType::person
            : EntityType::misc;
    if (sp.kind != SpeakerPhrase::Kind::pronoun) out.role = role_text(a, {sp.begin, sp.end});
  }
  if (s.role.end > s.role.begin) {
    out.role = role_text(a, s.role);
    out.related_places = related_places(a, s.role);
  }
  out.affiliations = affiliations_of(a, s);
  return out;
}

}  // namespace

void analyse(Article& a, const ner::Model* tagger) {
  a.tokens.reserve(a.text.size() / 5 + 16);
  a.keys.reserve(a.text.size() + 16);
  tokenize(a.text, a.lexicon, a.tokens, a.keys);
  split_sentences(a.tokens, a.layout);
  a.quotations = find_quotations(a.tokens, a.layout);
  a.entities = find_entities(a.text, a.tokens, a.keys, a.layout, a.lexicon, tagger);
  a.actors = resolve_actors(a.text, a.entities, a.tokens, a.keys, a.lexicon);
}

Extraction Extractor::extract(std::string_view body) const {
  if (auto bad = text::utf8::first_invalid(body)) throw InvalidText(*bad, "invalid UTF-8");
  if (body.size() >= UINT32_MAX) throw InvalidText(UINT32_MAX, "text larger than 4 GiB");

  Article a{body, *impl_->lexicon, {}, {}, {}, {}, {}, {}, &impl_->attribution};
  analyse(a, impl_->model ? &*impl_->model : nullptr);
  const std::vector<Statement> statements = find_statements(a);

  Extraction out;
  out.entities.reserve(a.entities.mentions.size());
  for (const Mention& m : a.entities.mentions) {
    const Actor& actor = a.actors[static_cast<size_t>(m.actor)];
    out.entities.push_back(Entity{std::string(body.substr(m.start, m.stop - m.start)), m.type,
                                  m.start, m.stop, actor.id, actor.name});
  }
  for (const DemonymMention& d : a.entities.demonyms) {
    const Named& place = a.lexicon.named(d.named);
    out.place_references.push_back(PlaceReference{
        std::string(body.substr(d.start, d.end - d.start)), d.start, d.end, place.name, place.id});
  }
  out.quotes.reserve(statements.size());
  for (const Statement& s : statements) {
    Quote q;
    q.parts = s.parts;
    q.text = join_parts(body, s.parts);
    q.start = s.parts.front().start;
    q.end = s.parts.back().end;
    q.kind = s.kind;
    q.found_by = s.pattern;
    if (s.cue.end > s.cue.begin) {
      q.cue = std::string(a.span(s.cue.begin, s.cue.end));
      q.cue_span = {a.tokens[s.cue.begin].start, a.tokens[s.cue.end - 1].end};
    }
    q.speaker = speaker_of(a, s);
    q.subjects = subjects_of(a, s);
    out.quotes.push_back(std::move(q));
  }
  return out;
}

}  // namespace quotewire::extract
