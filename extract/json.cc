#include "extract/json.h"

namespace quotewire::extract {

nlohmann::json to_json(const Extraction& extraction) {
  auto entities = nlohmann::json::array();
  for (const auto& e : extraction.entities) {
    entities.push_back({{"text", e.text},
                        {"type", to_string(e.type)},
                        {"start", e.start},
                        {"end", e.end},
                        {"actor_id", e.actor_id},
                        {"name", e.canonical_name}});
  }
  auto quotes = nlohmann::json::array();
  for (const auto& q : extraction.quotes) {
    nlohmann::json speaker = nullptr;
    if (q.speaker) {
      auto affiliations = nlohmann::json::array();
      for (const auto& f : q.speaker->affiliations) {
        affiliations.push_back({{"actor_id", f.actor_id},
                                {"name", f.name},
                                {"type", to_string(f.type)},
                                {"relation", f.relation},
                                {"evidence", f.evidence},
                                {"confidence", f.confidence}});
      }
      speaker = {{"affiliations", std::move(affiliations)},
                 {"name", q.speaker->name},
                 {"mention", q.speaker->mention},
                 {"actor_id", q.speaker->actor_id},
                 {"role", q.speaker->role},
                 {"type", to_string(q.speaker->type)},
                 {"related_places", q.speaker->related_places}};
    }
    auto subjects = nlohmann::json::array();
    for (const auto& subject : q.subjects) {
      subjects.push_back({{"actor_id", subject.actor_id},
                          {"name", subject.name},
                          {"type", to_string(subject.type)},
                          {"via", subject.via}});
    }
    auto parts = nlohmann::json::array();
    for (const auto& p : q.parts) parts.push_back({p.start, p.end});
    quotes.push_back({{"text", q.text},
                      {"start", q.start},
                      {"end", q.end},
                      {"parts", std::move(parts)},
                      {"kind", to_string(q.kind)},
                      {"found_by", to_string(q.found_by)},
                      {"cue", q.cue},
                      {"cue_span", {q.cue_span.start, q.cue_span.end}},
                      {"speaker", speaker},
                      {"subjects", std::move(subjects)}});
  }
  auto places = nlohmann::json::array();
  for (const auto& p : extraction.place_references) {
    places.push_back({{"text", p.text},
                      {"start", p.start},
                      {"end", p.end},
                      {"place", p.place},
                      {"place_id", p.place_id}});
  }
  return {{"entities", std::move(entities)},
          {"quotes", std::move(quotes)},
          {"place_references", std::move(places)}};
}

}  // namespace quotewire::extract
