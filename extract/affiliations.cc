#include "extract/affiliations.h"

#include <algorithm>
#include <optional>
#include <string>

namespace quotewire::extract {
namespace {

// A place or organisation inside a role, as tokens [begin, end).
struct Anchor {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string actor_id;
  std::string name;
  EntityType type = EntityType::location;
};

std::vector<Anchor> anchors_in(const Article& a, Range r) {
  std::vector<Anchor> out;
  for (const Mention& m : a.entities.mentions) {
    if (m.begin < r.begin || m.end > r.end || m.actor < 0) continue;
    if (m.type == EntityType::person) continue;  // events such as a convention are MISC
    const Actor& actor = a.actors[static_cast<size_t>(m.actor)];
    out.push_back({m.begin, m.end, actor.id, actor.name, m.type});
  }
  for (const DemonymMention& d : a.entities.demonyms) {
    if (!r.contains(d.token)) continue;
    const Named& place = a.lexicon.named(d.named);
    out.push_back({d.token, d.token + 1, place.id, place.name, EntityType::location});
  }
  std::sort(out.begin(), out.end(),
            [](const Anchor& x, const Anchor& y) { return x.begin < y.begin; });
  return out;
}

bool role_word(const Article& a, uint32_t i) {
  return a.word(i) &&
         ((a.lex(i) & (kRoleNoun | kTitle | kGroupNoun)) || a.lexicon.listed_role(a.key(i)));
}

// The role word at `i` as a relation, with the word before it where the two are one role
// ("prime minister", "foreign minister").
std::string relation_at(const Article& a, uint32_t i, uint32_t floor) {
  std::string one(a.key(i));
  if (i > floor && a.word(i - 1)) {
    std::string two = std::string(a.key(i - 1)) + " " + one;
    if (a.lexicon.listed_role(two)) return two;
  }
  return one;
}

using RoleKind = Lexicon::RoleKind;

// A word that owns what follows it, part of a body's name: "the teachers’ union".
bool owner(const Article& a, uint32_t i) {
  return i + 1 < a.tokens.size() &&
         (a.tokens[i + 1].has(kPossessive) || a.tokens[i + 1].kind == TokenKind::quote);
}

// A body's head word written in lower case: "union", "authority", "company", "railways".
bool body_head(const Article& a, uint32_t i) {
  return a.word(i) && !a.tokens[i].has(kCapitalised) && (a.lex(i) & kOrgHead) &&
         a.mention_at(i) < 0;
}

// The words naming the body whose head is at `head`, from after its article: "dockers’ union",
// "port authority", "Austrian railways".
Range body_words(const Article& a, uint32_t head, uint32_t floor) {
  uint32_t begin = head;
  while (begin > floor && begin + 3 > head &&
         (a.tokens[begin - 1].kind == TokenKind::quote ||
          (a.word(begin - 1) && !(a.lex(begin - 1) & (kDet | kPrep | kConj | kPronoun)) &&
           (!role_word(a, begin - 1) || owner(a, begin - 1))))) {
    --begin;
  }
  while (begin < head && a.tokens[begin].kind != TokenKind::word) ++begin;
  return {begin, head + 1};
}

// "Péter Szabó, the company's chief executive": "the company" is the body the article named
// more fully before ("the project company said"); its fuller words, or `body` itself.
Range earlier_body(const Article& a, Range body) {
  if (body.end != body.begin + 1) return body;
  const uint32_t head = body.begin;
  for (uint32_t i = head; i-- > 0;) {
    if (!a.word(i) || a.key(i) != a.key(head) || a.tokens[i].has(kCapitalised)) continue;
    const Range fuller = body_words(a, i, i > 4 ? i - 4 : 0);
    if (fuller.end > fuller.begin + 1) return fuller;
  }
  return body;
}

// An unnamed body the role speaks for, kept with its words but tied to no actor: "head of the
// dockers’ union", "the port authority's director", "head of passenger services at the
// Austrian railways".
std::optional<Affiliation> unnamed_body(const Article& a, Range r, const std::string& evidence) {
  for (uint32_t head = r.begin; head < r.end; ++head) {
    if (!body_head(a, head)) continue;
    uint32_t role = UINT32_MAX;
    if (head + 1 < r.end && a.tokens[head + 1].has(kPossessive)) {
      for (uint32_t i = head + 2; i < r.end && i < head + 6; ++i) {
        if (role_word(a, i)) role = i;
      }
    } else {
      for (uint32_t i = head; i > r.begin; --i) {
        if (role_word(a, i - 1) && !owner(a, i - 1)) {
          role = i - 1;
          break;
        }
      }
    }
    if (role == UINT32_MAX) continue;
    const std::string relation = relation_at(a, role, r.begin);
    if (a.lexicon.role_kind(relation) == RoleKind::none) continue;
    const Range body = earlier_body(a, body_words(a, head, r.begin));
    return Affiliation{"",
                       std::string(a.span(body.begin, body.end)),
                       EntityType::organisation,
                       relation,
                       evidence,
                       0.5f};
  }
  return std::nullopt;
}

}  // namespace

std::vector<Affiliation> affiliations_of(const Article& a, const Statement& s) {
  std::vector<Affiliation> out;
  auto add = [&](Affiliation f) {
    for (Affiliation& known : out) {
      if (known.actor_id == f.actor_id) {
        if (f.confidence > known.confidence) known = std::move(f);
        return;
      }
    }
    out.push_back(std::move(f));
  };
  // The role: the one the article gives, else an unnamed speaker's own words.
  Range r = s.role;
  if (r.end <= r.begin && s.speaker && s.speaker.kind != SpeakerPhrase::Kind::named &&
      s.speaker.kind != SpeakerPhrase::Kind::pronoun) {
    r = {s.speaker.begin, s.speaker.end};
  }
  // A name right before the titles is part of the role: "FBI | Director", "EU | foreign policy
  // chief" (the role stops at a name).
  if (r.end > r.begin && r.begin > 0) {
    if (const int32_t m = a.mention_at(r.begin - 1);
        m >= 0 && a.mention(m).end == r.begin && a.mention(m).type != EntityType::person) {
      r.begin = a.mention(m).begin;
    }
  }
  // The role as written: the evidence of every affiliation read from it.
  const std::string evidence(r.end > r.begin ? a.span(r.begin, r.end) : std::string_view{});
  if (r.end > r.begin) {
    for (const Anchor& anchor : anchors_in(a, r)) {
      uint32_t role = UINT32_MAX;
      float confidence = 0;
      bool after_preposition = false;  // "spokeswoman for the Democratic National Convention"
      if (anchor.end < r.end && a.tokens[anchor.end].has(kPossessive)) {
        // "Russia's Ambassador to Serbia": the role after the possessive.
        for (uint32_t i = anchor.end + 1; i < r.end && i < anchor.end + 5; ++i) {
          if (role_word(a, i)) role = i;
          if (a.lower(i, kPrep)) break;
        }
        confidence = 0.9f;
      } else if (anchor.begin > r.begin) {
        // "director of the New Third World organisation", "spokesman for the Kremlin".
        uint32_t k = anchor.begin;
        if (k > r.begin && a.word(k - 1) && a.key(k - 1) == "the") --k;
        if (k > r.begin && a.lower(k - 1, kPrep)) {
          const std::string_view prep = a.key(k - 1);
          if (prep == "of" || prep == "for" || prep == "at" || prep == "with" || prep == "from") {
            for (uint32_t i = k - 1; i > r.begin && i + 5 > k; --i) {
              if (role_word(a, i - 1)) {
                role = i - 1;
                break;
              }
              if (a.boundary(i - 1)) break;
            }
            // Any noun heads the role before the preposition: "a senior fellow at ...".
            if (role == UINT32_MAX && k - 1 > r.begin && a.word(k - 2) &&
                !a.tokens[k - 2].has(kCapitalised) &&
                !a.lower(k - 2, kDet | kPrep | kPronoun | kAux | kConj | kAdverb)) {
              role = k - 2;
            }
            after_preposition = role != UINT32_MAX;
            confidence = 0.85f;
          }
        }
      }
      if (role == UINT32_MAX) {
        // "EU foreign policy chief", "Serbian Prime Minister", "a senior EU official".
        for (uint32_t i = anchor.end; i < r.end && i < anchor.end + 4; ++i) {
          if (a.boundary(i) || a.lower(i, kPrep | kConj)) break;
          if (role_word(a, i)) {
            role = i;
            confidence = 0.85f;
            break;
          }
        }
      }
      if (role == UINT32_MAX) continue;
      std::string relation = relation_at(a, role, r.begin);
      // A place only through a role that speaks for a state ("Serbian analyst": no); nothing
      // through a relation that is not speaking for ("an ally of GOP leadership").
      const RoleKind kind = a.lexicon.role_kind(relation);
      if (kind == RoleKind::none) continue;
      if (anchor.type == EntityType::location && kind != RoleKind::state) continue;
      if (anchor.type == EntityType::misc && !after_preposition) continue;
      add({anchor.actor_id, anchor.name, anchor.type, std::move(relation), evidence, confidence});
    }
  }
  if (out.empty() && r.end > r.begin) {
    if (auto body = unnamed_body(a, r, evidence)) {
      out.push_back(std::move(*body));
    }
  }
  // "The European Commission welcomed the deal. A spokesperson, Anna Nowak, said ...": a role
  // that names no organisation belongs to the one the sentence before was about.
  if (out.empty() && r.end > r.begin) {
    uint32_t role = UINT32_MAX;
    // Only roles that speak for a body ("spokesperson", "governor"), not "expert" or "analyst".
    for (uint32_t i = r.begin; i < r.end; ++i) {
      if (role_word(a, i) && a.lexicon.role_kind(relation_at(a, i, r.begin)) == RoleKind::state) {
        role = i;
      }
    }
    const uint32_t sentence = a.layout.sentence_of[r.begin];
    if (role != UINT32_MAX && sentence > 0) {
      const Range before = a.layout.sentences[sentence - 1];
      uint32_t first = before.begin;
      if (a.word(first) && a.key(first) == "the") ++first;
      if (const int32_t m = a.mention_at(first); m >= 0 && a.mention(m).begin == first &&
                                                 a.mention(m).type == EntityType::organisation &&
                                                 a.mention(m).actor >= 0 && !a.mention(m).quoted) {
        const Actor& actor = a.actors[static_cast<size_t>(a.mention(m).actor)];
        add({actor.id, actor.name, actor.type, relation_at(a, role, r.begin),
             evidence + " (of " + actor.name + ", the sentence before)", 0.6f});
      }
    }
  }
  // "The Kremlin said": the state the speaker's name stands for.
  if (s.actor >= 0) {
    const Actor& actor = a.actors[static_cast<size_t>(s.actor)];
    if (const Lexicon::Alias* alias = a.lexicon.alias(actor.id)) {
      const Named& target = a.lexicon.named(alias->named);
      add({target.id, target.name, target.type, "alias", alias->reason, 0.8f});
    }
  }
  // An affiliation with an alias carries to what it stands for ("spokesman for the Kremlin").
  for (size_t k = 0, n = out.size(); k < n; ++k) {
    if (const Lexicon::Alias* alias = a.lexicon.alias(out[k].actor_id)) {
      const Named& target = a.lexicon.named(alias->named);
      Affiliation f = out[k];
      f.actor_id = target.id;
      f.name = target.name;
      f.type = target.type;
      f.evidence += " (" + out[k].name + ": " + alias->reason + ")";
      f.confidence *= 0.9f;
      add(std::move(f));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Affiliation& x, const Affiliation& y) {
    return x.confidence > y.confidence;
  });
  return out;
}

std::vector<Subject> subjects_of(const Article& a, const Statement& s) {
  std::vector<Subject> out;
  const std::string speaker =
      s.actor >= 0 ? a.actors[static_cast<size_t>(s.actor)].id : std::string();
  auto add = [&](const std::string& id, const std::string& name, EntityType type, const char* via) {
    if (id.empty() || id == speaker) return;
    for (const Subject& known : out) {
      if (known.actor_id == id) return;
    }
    out.push_back({id, name, type, via});
    if (const Lexicon::Alias* alias = a.lexicon.alias(id)) {
      const Named& target = a.lexicon.named(alias->named);
      for (const Subject& known : out) {
        if (known.actor_id == target.id) return;
      }
      out.push_back({target.id, target.name, target.type, "alias"});
    }
  };
  for (const TextSpan& part : s.parts) {
    const Range r = tokens_in(a, part);
    // Names and demonyms in text order.
    auto m = std::lower_bound(a.entities.mentions.begin(), a.entities.mentions.end(), part.start,
                              [](const Mention& x, uint32_t start) { return x.start < start; });
    auto d =
        std::lower_bound(a.entities.demonyms.begin(), a.entities.demonyms.end(), part.start,
                         [](const DemonymMention& x, uint32_t start) { return x.start < start; });
    while (true) {
      const bool mention_left = m != a.entities.mentions.end() && m->stop <= part.end;
      const bool demonym_left = d != a.entities.demonyms.end() && d->end <= part.end;
      if (!mention_left && !demonym_left) break;
      if (mention_left && (!demonym_left || m->start < d->start)) {
        if (m->type != EntityType::misc && m->actor >= 0 && r.contains(m->begin)) {
          const Actor& actor = a.actors[static_cast<size_t>(m->actor)];
          add(actor.id, actor.name, m->type, "name");
        }
        ++m;
      } else {
        const Named& place = a.lexicon.named(d->named);
        add(place.id, place.name, EntityType::location, "demonym");
        ++d;
      }
    }
  }
  return out;
}

}  // namespace quotewire::extract
