#include "extract/actors.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "extract/extractor.h"
#include "text/actor_id.h"
#include "text/utf8.h"

namespace quotewire::extract {

namespace {

// How good a spelling is as a display name: with diacritics over without ("Saša" over "Sasa"),
// mixed case over capitals, more words over fewer.
int display_score(std::string_view s) {
  int non_ascii = 0, lower = 0, words = 1;
  for (char c : s) {
    non_ascii += static_cast<unsigned char>(c) >= 0x80;
    lower += c >= 'a' && c <= 'z';
    words += c == ' ';
  }
  return (non_ascii > 0 ? 100 : 0) + (lower > 0 ? 50 : 0) + words;
}

// The name as shown: spaces of any kind inside it (a no-break space, a line break in the
// source) become one plain space, so "Breitbart\u00a0News" reads, and scores, as "Breitbart
// News".
std::string display_name(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t width = 0;  // of a space character at i
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      width = 1;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      width = 2;  // U+00A0
    } else if (c == 0xE2 && i + 2 < s.size()) {
      const auto b = static_cast<unsigned char>(s[i + 1]), d = static_cast<unsigned char>(s[i + 2]);
      // U+2000..U+200A, U+202F, U+205F
      if ((b == 0x80 && (d <= 0x8A || d == 0xAF)) || (b == 0x81 && d == 0x9F)) width = 3;
    }
    if (width > 0) {
      space = !out.empty();
      i += width;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += s[i++];
  }
  return out;
}

}  // namespace

std::vector<Actor> resolve_actors(std::string_view text, Entities& entities,
                                  const std::vector<Token>& tokens, const std::string& keys,
                                  const Lexicon& lexicon) {
  std::vector<Actor> actors;
  std::vector<int> best_score;
  std::unordered_map<std::string, int32_t> by_id;
  auto actor_for = [&](const std::string& id, std::string_view surface_name, EntityType type) {
    const std::string name = display_name(surface_name);
    auto [it, added] = by_id.emplace(id, static_cast<int32_t>(actors.size()));
    if (added) {
      actors.push_back(Actor{name, id, type, Gender::unknown, {}});
      best_score.push_back(display_score(name));
    } else if (int s = display_score(name); s > best_score[static_cast<size_t>(it->second)]) {
      actors[static_cast<size_t>(it->second)].name = name;
      best_score[static_cast<size_t>(it->second)] = s;
    }
    return it->second;
  };
  auto surface = [&](const Mention& m) { return text.substr(m.start, m.stop - m.start); };

  // "López Obrador" after "Andrés Manuel López Obrador": the end of a longer person's name.
  // People's names of two words or more, by their last word.
  auto key_at = [&](uint32_t i) { return token_key(tokens[i], keys); };
  std::unordered_map<std::string_view, std::vector<const Mention*>> by_last_word;
  for (const Mention& full : entities.mentions) {
    if (full.type == EntityType::person && full.end > full.begin + 1) {
      by_last_word[key_at(full.end - 1)].push_back(&full);
    }
  }
  auto ends_longer_name = [&](const Mention& m) {
    const auto found = by_last_word.find(key_at(m.end - 1));
    if (found == by_last_word.end()) return false;
    for (const Mention* longer : found->second) {
      const Mention& full = *longer;
      if (full.end - full.begin <= m.end - m.begin) continue;
      bool same = true;
      for (uint32_t i = 0; same && i < m.end - m.begin; ++i) {
        same = key_at(m.end - 1 - i) == key_at(full.end - 1 - i);
      }
      if (same) return true;
    }
    return false;
  };

  // Full names and everything that is not a lone surname first. "the Bank said" after "the
  // Bank of England": a body's first word alone, after its full name, is that body.
  std::vector<size_t> surnames;
  std::unordered_map<std::string_view, int32_t> body_by_first_word;
  // Not an acronym ("ESPN" after a headline's "ESPN Fires Schilling"), nor a person's name read
  // as a body ("Trump" after "Trump University").
  std::unordered_set<std::string_view> person_words;
  for (const Mention& m : entities.mentions) {
    if (m.type != EntityType::person) continue;
    for (uint32_t i = m.begin; i < m.end; ++i) person_words.insert(key_at(i));
  }
  for (size_t k = 0; k < entities.mentions.size(); ++k) {
    Mention& m = entities.mentions[k];
    if (m.named < 0 && m.type == EntityType::person && m.end > m.begin + 1 && ends_longer_name(m)) {
      surnames.push_back(k);
      continue;
    }
    if (m.named >= 0) {
      const Named& named = lexicon.named(static_cast<uint32_t>(m.named));
      m.actor = actor_for(named.id, named.name, named.type);
      best_score[static_cast<size_t>(m.actor)] = 1000;  // the gazetteer's name wins
      actors[static_cast<size_t>(m.actor)].name = named.name;
    } else if (m.type == EntityType::person && m.end == m.begin + 1) {
      surnames.push_back(k);
      continue;
    } else if (const auto body = body_by_first_word.find(key_at(m.begin));
               m.type == EntityType::organisation && m.end == m.begin + 1 &&
               body != body_by_first_word.end() && !tokens[m.begin].has(kAllCaps) &&
               !person_words.contains(key_at(m.begin))) {
      m.actor = body->second;
    } else {
      m.actor = actor_for(text::actor_id_for(surface(m)), surface(m), m.type);
    }
    if (m.type == EntityType::organisation && m.end > m.begin + 1 && !m.quoted) {
      body_by_first_word[key_at(m.begin)] = m.actor;
    }
  }
  // A lone surname: the nearest full name before it that ends with it, else the first after;
  // then the same with first names, then with the middle of longer names ("Lula" in "Luiz
  // Inácio Lula da Silva"). Full names indexed by their last, first and middle words; the end of
  // a longer name ("López Obrador") by its last word.
  std::unordered_map<std::string_view, std::vector<size_t>> full_names[3];
  for (size_t o = 0; o < entities.mentions.size(); ++o) {
    const Mention& full = entities.mentions[o];
    if (full.type != EntityType::person || full.end - full.begin < 2 || full.actor < 0) continue;
    full_names[0][key_at(full.end - 1)].push_back(o);
    full_names[1][key_at(full.begin)].push_back(o);
    for (uint32_t i = full.begin + 1; i + 1 < full.end; ++i) {
      if (tokens[i].has(kCapitalised) && tokens[i].end - tokens[i].start > 2) {
        full_names[2][key_at(i)].push_back(o);
      }
    }
  }
  for (size_t k : surnames) {
    Mention& m = entities.mentions[k];
    const std::string_view key = key_at(m.end - 1);
    const int kinds = m.end == m.begin + 1 ? 3 : 1;
    m.actor = -1;
    for (int kind = 0; kind < kinds && m.actor < 0; ++kind) {
      const auto found = full_names[kind].find(key);
      if (found == full_names[kind].end()) continue;
      const std::vector<size_t>& at = found->second;
      const auto next = std::upper_bound(at.begin(), at.end(), k);
      if (next != at.begin()) m.actor = entities.mentions[*(next - 1)].actor;
      if (m.actor < 0 && next != at.end()) m.actor = entities.mentions[*next].actor;
    }
    if (m.actor < 0) m.actor = actor_for(text::actor_id_for(surface(m)), surface(m), m.type);
  }
  for (const Mention& m : entities.mentions) {
    Actor& a = actors[static_cast<size_t>(m.actor)];
    if (a.gender == Gender::unknown) a.gender = m.gender;
    // Titles ("Prince", "Sen.") and a role noun right before ("anchor Megyn Kelly").
    uint32_t from = m.title_begin;
    if (from > 0 && tokens[from - 1].kind == TokenKind::word &&
        !tokens[from - 1].has(kCapitalised) && (tokens[from - 1].lex() & kRoleNoun)) {
      --from;
    }
    for (uint32_t i = from; i < m.begin; ++i) {
      if (tokens[i].kind != TokenKind::word) continue;
      std::string title(token_key(tokens[i], keys));
      if (std::find(a.titles.begin(), a.titles.end(), title) == a.titles.end()) {
        a.titles.push_back(std::move(title));
      }
    }
  }
  return actors;
}

}  // namespace quotewire::extract
