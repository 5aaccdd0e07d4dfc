#include "workers/extraction_codec.h"

namespace quotewire::workers {
namespace {

pb::EntityType to_proto(extract::EntityType type) {
  switch (type) {
    case extract::EntityType::person:
      return pb::PERSON;
    case extract::EntityType::organisation:
      return pb::ORG;
    case extract::EntityType::location:
      return pb::LOCATION;
    case extract::EntityType::misc:
      break;
  }
  return pb::MISC;
}

pb::QuoteKind to_proto(extract::QuoteKind kind) {
  switch (kind) {
    case extract::QuoteKind::direct:
      return pb::DIRECT;
    case extract::QuoteKind::indirect:
      return pb::INDIRECT;
    case extract::QuoteKind::mixed:
      break;
  }
  return pb::MIXED;
}

}  // namespace

void fill(pb::Extraction& out, const extract::Extraction& extraction) {
  for (const auto& e : extraction.entities) {
    auto* entity = out.add_entities();
    entity->set_text(e.text);
    entity->set_type(to_proto(e.type));
    entity->set_start(e.start);
    entity->set_end(e.end);
    entity->set_actor_id(e.actor_id);
    entity->set_name(e.canonical_name);
  }
  for (const auto& q : extraction.quotes) {
    auto* quote = out.add_quotes();
    quote->set_text(q.text);
    quote->set_start(q.start);
    quote->set_end(q.end);
    quote->set_kind(to_proto(q.kind));
    quote->set_cue(q.cue);
    if (q.speaker) {
      quote->set_speaker_mention(q.speaker->mention);
      quote->set_speaker_actor_id(q.speaker->actor_id);
      quote->set_speaker_name(q.speaker->name);
      quote->set_speaker_role(q.speaker->role);
      quote->set_speaker_type(to_proto(q.speaker->type));
      for (const auto& f : q.speaker->affiliations) {
        auto* affiliation = quote->add_speaker_affiliations();
        affiliation->set_actor_id(f.actor_id);
        affiliation->set_name(f.name);
        affiliation->set_type(to_proto(f.type));
        affiliation->set_relation(f.relation);
        affiliation->set_evidence(f.evidence);
        affiliation->set_confidence(f.confidence);
      }
    }
    for (const auto& s : q.subjects) {
      auto* subject = quote->add_subjects();
      subject->set_actor_id(s.actor_id);
      subject->set_name(s.name);
      subject->set_type(to_proto(s.type));
      subject->set_via(s.via);
    }
  }
}

}  // namespace quotewire::workers
