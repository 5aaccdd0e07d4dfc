#include "extract/lexicon.h"

#include <stdexcept>

#include "extract/extractor.h"
#include "extract/tokenizer.h"
#include "extract_data.h"  // generated: the files of extract/data/
#include "text/actor_id.h"
#include "text/utf8.h"

namespace quotewire::extract {
namespace {

std::string_view embedded(std::string_view name) {
  for (const auto& file : embedded_files()) {
    if (file.name == name) return file.contents;
  }
  throw std::runtime_error("missing embedded word list " + std::string(name));
}

// Calls fn(fields) for each non-comment line of a tab-separated list.
template <typename Fn>
void for_each_row(std::string_view text, Fn&& fn) {
  std::vector<std::string_view> fields;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    fields.clear();
    while (true) {
      size_t tab = line.find('\t');
      fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line = line.substr(tab + 1);
    }
    fn(fields);
  }
}

std::vector<std::string_view> split_aliases(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    size_t bar = s.find('|');
    out.push_back(s.substr(0, bar));
    if (bar == std::string_view::npos) break;
    s = s.substr(bar + 1);
  }
  return out;
}

Gender parse_gender(std::string_view g) {
  if (g == "m") return Gender::male;
  if (g == "f") return Gender::female;
  return Gender::unknown;
}

uint32_t grammar_flag(std::string_view cls) {
  static const std::pair<std::string_view, uint32_t> classes[] = {
      {"det", kDet},       {"prep", kPrep},     {"he", kPronHe},   {"she", kPronShe},
      {"it", kPronIt},     {"they", kPronThey}, {"i", kPronFirst}, {"we", kPronFirst},
      {"you", kPronFirst}, {"rel", kRelative},  {"aux", kAux},     {"adv", kAdverb},
      {"time", kTime},     {"day", kDay},       {"month", kMonth}, {"conj", kConj},
      {"medium", kMedium}};
  for (const auto& [name, flag] : classes) {
    if (name == cls) return flag;
  }
  throw std::runtime_error("grammar.tsv: unknown class " + std::string(cls));
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool all_capitals(std::string_view s) {
  bool letter = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    letter = letter || (c >= 'A' && c <= 'Z');
  }
  return letter;
}

// The plural of a one-word title ("Minister" -> "Ministers"), or "" for abbreviations and the
// like ("Mr.", "Ms").
std::string plural_of(std::string_view word) {
  if (word.size() < 4) return {};
  for (char c : word) {
    if (!is_ascii_letter(c)) return {};
  }
  std::string out(word);
  if (out.ends_with("s")) return {};
  if (out.ends_with("man")) {
    out.replace(out.size() - 3, 3, "men");
  } else if (out.ends_with("y") && !out.ends_with("ey") && !out.ends_with("ay")) {
    out.replace(out.size() - 1, 1, "ies");
  } else {
    out += 's';
  }
  return out;
}

// The plural of a demonym that has one ("Iraqi" -> "Iraqis", "Afghan" -> "Afghans"); "" for
// those that do not ("British", "Chinese", "Swiss", "Dutch") or are not one word.
std::string demonym_plural(std::string_view word) {
  for (char c : word) {
    if (!is_ascii_letter(c)) return {};
  }
  static constexpr std::string_view no_plural[] = {"s", "sh", "ch", "ese", "x", "z"};
  for (auto end : no_plural) {
    if (word.ends_with(end)) return {};
  }
  return std::string(word) + "s";
}

}  // namespace

WordInfo& Lexicon::add_word(std::string_view text, uint32_t flags) {
  WordInfo& info = words_[text::utf8::folded(text)];
  info.flags |= flags;
  return info;
}

uint32_t Lexicon::add_named(std::string_view name, EntityType type) {
  std::string id = text::actor_id_for(name);
  if (const uint32_t* known = named_by_id_.find(id)) return *known;
  const uint32_t index = static_cast<uint32_t>(named_.size());
  named_.push_back(Named{std::string(name), id, type});
  named_by_id_[id] = index;
  return index;
}

void Lexicon::add_phrase(std::string_view alias, uint32_t named, bool strong) {
  std::vector<Token> tokens;
  std::string keys;
  tokenize(alias, *this, tokens, keys);
  std::string key;
  for (const auto& t : tokens) {
    if (!key.empty()) key += ' ';
    key += token_key(t, keys);
  }
  if (tokens.empty() || tokens.size() > 255) return;
  // A derived single word that is also a common word ("Center", "Bay") is more often not a place.
  if (!strong && tokens.size() == 1) {
    const WordInfo* info = word(key);
    if (info && (info->flags & kCommon)) return;
  }
  Phrase* known = phrases_.find(key);
  if (known && known->complete) return;  // earlier (hand-written) lists win
  const bool lower = alias.front() >= 'a' && alias.front() <= 'z';
  const Phrase phrase{named, strong, all_capitals(alias), lower, true, known != nullptr};
  phrases_[key] = phrase;
  // Its first words as prefixes, longest first: matching stops as soon as no phrase goes on.
  for (size_t end = key.rfind(' '); end != std::string::npos && end > 0;
       end = key.rfind(' ', end - 1)) {
    const std::string_view words = std::string_view(key).substr(0, end);
    if (Phrase* p = phrases_.find(words)) {
      if (p->prefix) break;  // and so are its own first words
      p->prefix = true;
      continue;
    }
    Phrase& prefix = phrases_[words];
    prefix.complete = false;
    prefix.prefix = true;
  }
  WordInfo& first = add_word(token_key(tokens.front(), keys), kPhraseStart);
  first.longest_phrase =
      std::max<uint8_t>(first.longest_phrase, static_cast<uint8_t>(tokens.size()));
}

void Lexicon::load_gazetteer(std::string_view file, EntityType type, bool strong, bool tsv) {
  for_each_row(embedded(file), [&](const std::vector<std::string_view>& f) {
    uint32_t named = add_named(f[0], type);
    named_[named].strong = named_[named].strong || strong;
    add_phrase(f[0], named, strong);
    if (tsv && f.size() > 1) {
      for (auto alias : split_aliases(f[1])) {
        if (!alias.empty()) add_phrase(alias, named, strong);
      }
    }
  });
}

std::unique_ptr<Lexicon> Lexicon::load_embedded() {
  auto lex = std::make_unique<Lexicon>();
  // Abbreviations first: the tokenizer needs them to read the gazetteer phrases below.
  for_each_row(embedded("abbreviations.tsv"), [&](const auto& f) {
    lex->add_word(f[0], f.at(1) == "title" ? kAbbrevTitle : kAbbrevOther);
  });
  for_each_row(embedded("grammar.tsv"),
               [&](const auto& f) { lex->add_word(f[0], grammar_flag(f.at(1))); });
  for_each_row(embedded("common_words.txt"), [&](const auto& f) { lex->add_word(f[0], kCommon); });
  for_each_row(embedded("finite_verbs.txt"),
               [&](const auto& f) { lex->add_word(f[0], kFiniteVerb); });
  for_each_row(embedded("first_names.txt"),
               [&](const auto& f) { lex->add_word(f[0], kFirstName); });
  for_each_row(embedded("titles.tsv"), [&](const auto& f) {
    lex->add_word(f[0], kTitle).gender = parse_gender(f.at(1));
    // "Ministers", "Secretaries", "Chairmen": titles too, of several people.
    if (const std::string plural = plural_of(f[0]); !plural.empty()) lex->add_word(plural, kTitle);
  });
  for_each_row(embedded("role_nouns.tsv"), [&](const auto& f) {
    lex->add_word(f[0], kRoleNoun).gender = parse_gender(f.at(1));
  });
  for_each_row(embedded("group_nouns.txt"),
               [&](const auto& f) { lex->add_word(f[0], kGroupNoun); });
  for_each_row(embedded("org_heads.txt"), [&](const auto& f) { lex->add_word(f[0], kOrgHead); });
  for_each_row(embedded("org_nouns.txt"), [&](const auto& f) { lex->add_word(f[0], kOrgNoun); });
  for_each_row(embedded("place_heads.txt"),
               [&](const auto& f) { lex->add_word(f[0], kPlaceHead); });
  for_each_row(embedded("metadata_keys.tsv"), [&](const auto& f) {
    const std::string_view kind = f.at(1);
    lex->add_word(f[0], 0).header = kind == "text"     ? HeaderKey::text
                                    : kind == "outlet" ? HeaderKey::outlet
                                    : kind == "author" ? HeaderKey::author
                                                       : HeaderKey::skip;
  });
  for_each_row(embedded("company_nouns.txt"),
               [&](const auto& f) { lex->add_word(f[0], 0).company_noun = true; });
  for_each_row(embedded("speech_nouns.txt"),
               [&](const auto& f) { lex->add_word(f[0], 0).speech_noun = true; });
  for_each_row(embedded("speech_verbs.tsv"), [&](const auto& f) {
    const std::string_view frame = f.at(2);
    SpeechVerb verb{std::string(f.at(1)),
                    frame == "tell"     ? Frame::tell
                    : frame == "ask"    ? Frame::ask
                    : frame == "call"   ? Frame::call
                    : frame == "that"   ? Frame::that
                    : frame == "accord" ? Frame::accord
                                        : Frame::say,
                    f.size() > 3 && f[3] == "noun", f.size() > 3 && f[3] == "hearer"};
    if (verb.frame == Frame::accord) {
      // "according to": a two-word cue, recognised by its first word.
      lex->add_word(f[0].substr(0, f[0].find(' ')), kAccording);
      return;
    }
    lex->add_word(f[0], kSpeechVerb).speech_verb = static_cast<int32_t>(lex->verbs_.size());
    lex->verbs_.push_back(std::move(verb));
  });
  // Gazetteers: hand-written lists first, they win over the derived ones.
  lex->load_gazetteer("organisations.tsv", EntityType::organisation, true, true);
  lex->load_gazetteer("places.tsv", EntityType::location, true, true);
  lex->load_gazetteer("countries.tsv", EntityType::location, true, true);
  lex->load_gazetteer("us_states.txt", EntityType::location, true, false);
  lex->load_gazetteer("cities.txt", EntityType::location, false, false);
  lex->load_gazetteer("gmb_places.txt", EntityType::location, false, false);
  lex->load_gazetteer("gmb_organisations.txt", EntityType::organisation, false, false);
  lex->load_gazetteer("geonames_places.txt", EntityType::location, false, false);
  for_each_row(embedded("demonyms.tsv"), [&](const auto& f) {
    uint32_t place = lex->add_named(f.at(1), EntityType::location);
    lex->add_word(f[0], kDemonym).demonym_of = static_cast<int32_t>(place);
    // "Iraqis", "Palestinians": the people, pointing to the place as well; not where the plural
    // is the place ("Philippine", "Philippines").
    if (const std::string plural = demonym_plural(f[0]); !plural.empty() && plural != f[1]) {
      WordInfo& info = lex->add_word(plural, kDemonym);
      if (info.demonym_of < 0) info.demonym_of = static_cast<int32_t>(place);
    }
  });
  for_each_row(embedded("affiliations.txt"),
               [&](const auto& f) { lex->add_word(f[0], kAffiliation); });
  for_each_row(embedded("common_acronyms.txt"),
               [&](const auto& f) { lex->add_word(f[0], kNotName); });
  for_each_row(embedded("affiliation_roles.tsv"), [&](const auto& f) {
    const std::string_view kind = f.at(1);
    lex->role_kinds_[text::utf8::folded(f[0])] = kind == "state"  ? RoleKind::state
                                                 : kind == "none" ? RoleKind::none
                                                                  : RoleKind::org;
  });
  lex->add_aliases(embedded("state_aliases.tsv"), "state_aliases.tsv");
  return lex;
}

void Lexicon::add_aliases(std::string_view tsv, std::string_view origin) {
  for_each_row(tsv, [&](const auto& f) {
    auto fail = [&](std::string_view why) {
      throw std::runtime_error(std::string(origin) + ": \"" + std::string(f[0]) +
                               "\": " + std::string(why));
    };
    const bool drop = f.size() == 2 && f[1] == "-";
    if (!drop && (f.size() != 3 || f[2].empty())) {
      fail("expected alias, what it stands for, why (tabs)");
    }
    const uint32_t* alias = named_by_id_.find(text::actor_id_for(f[0]));
    if (!alias) fail("not a name the gazetteer knows");
    if (drop) {
      if (Alias* known = aliases_.find(named_[*alias].id)) known->reason.clear();
      return;
    }
    const uint32_t* target = named_by_id_.find(text::actor_id_for(f[1]));
    if (!target) fail(std::string(f[1]) + " is not a name the gazetteer knows");
    aliases_[named_[*alias].id] = Alias{*target, std::string(f[2])};
  });
}

}  // namespace quotewire::extract
