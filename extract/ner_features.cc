#include "extract/ner_features.h"

#include <algorithm>
#include <array>

#include "text/utf8.h"

namespace quotewire::extract::ner {
namespace {

// Feature templates: part of every feature's hash. Append only; reordering changes the model.
enum Template : uint32_t {
  kBias,
  kWord,
  kKey,
  kShape,
  kLongShape,
  kPrefix,
  kSuffix,
  kFlag,
  kLex,
  kLexBefore,
  kLexAfter,
  kKeyAt,  // a neighbour's key, with its offset
  kShapeAt,
  kKeyPair,
  kShapeTriple,
  kGazetteer,
  kRule,
  kDocument,
  kHistory,
  kHistoryTag,
  kCapsKey,
  kVote,
};

constexpr std::string_view kTemplateNames[] = {
    "bias",
    "word as written",
    "folded word",
    "short shape (Xx, X.X.)",
    "long shape (Xxxxx)",
    "prefixes 1-4",
    "suffixes 1-4",
    "token flags: capitalised, all caps, initials, hyphenated, abbreviation, possessive after, "
    "paragraph start, quoted, sentence-initial, title-case sentence, all-caps sentence, kind",
    "word-list flags (first name, title, organisation head, place head, demonym, common word, "
    "function words, month, day, ...)",
    "word-list flags of the word before",
    "word-list flags of the word after",
    "folded words at -2, -1, +1, +2",
    "short shapes at -1, +1",
    "word pairs (-1, 0), (0, +1), (-2, -1), (+1, +2)",
    "short shapes (-1, 0, +1)",
    "gazetteer phrase over the token: BILOU position, type, hand-written or derived",
    "rule-based entity over the token: type, position, gazetteer entry or not",
    "document: the word in lower case elsewhere, capitalised inside a sentence elsewhere",
    "history: type of the word's latest tagged occurrence in the article",
    "history: tag of the word's latest tagged occurrence",
    "folded word in an all-caps sentence",
    "votes: the first pass's types for the word's other occurrences in the article (majority, "
    "unanimous or not, none)",
};
static_assert(std::size(kTemplateNames) == kVote + 1);

// A feature's hash: the template and its parts mixed a word at a time (a multiply and a shift
// each); strings enter as their 64-bit hashes, computed once per token (string_hash).
class Hash {
 public:
  explicit Hash(uint32_t tmpl) : h_(0x9E3779B97F4A7C15ull * (tmpl + 1)) {}
  Hash& add(std::string_view s) { return add_int(string_hash(s)); }
  Hash& add_int(uint64_t v) {
    h_ = (h_ ^ v) * 0xff51afd7ed558ccdull;
    h_ ^= h_ >> 32;
    return *this;
  }
  uint32_t done() const {
    uint64_t x = h_;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return static_cast<uint32_t>(x >> 32);
  }
  static uint64_t string_hash(std::string_view s) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
  }

 private:
  uint64_t h_;
};

uint64_t key_hash(std::string_view key) {
  return Hash::string_hash(key) | 1;  // 0 marks an empty slot
}

// Word shapes: "Xxxx" for "Paris", "XX" for "EU", "X.X." for "U.S.", "dd" for "12". The long
// shape keeps up to 12 characters; the short one collapses repeats ("Xx", "X.X.", "d").
struct Shapes {
  std::array<char, 12> full{};
  std::array<char, 12> brief{};
  uint8_t full_length = 0;
  uint8_t brief_length = 0;
  std::string_view longer() const { return {full.data(), full_length}; }
  std::string_view shorter() const { return {brief.data(), brief_length}; }
};

Shapes shapes_of(std::string_view text) {
  Shapes s;
  for (size_t i = 0; i < text.size();) {
    const auto cp = text::utf8::decode(text, i);
    i += cp.length;
    char c;
    if (cp.value >= U'0' && cp.value <= U'9') {
      c = 'd';
    } else if (text::utf8::is_upper(cp.value)) {
      c = 'X';
    } else if (text::utf8::is_word_char(cp.value)) {
      c = 'x';
    } else {
      c = cp.value < 0x80 ? static_cast<char>(cp.value) : '\'';  // curly apostrophes and the like
    }
    if (s.full_length < s.full.size()) s.full[s.full_length++] = c;
    if (s.brief_length < s.brief.size() &&
        (s.brief_length == 0 || s.brief[s.brief_length - 1] != c))
      s.brief[s.brief_length++] = c;
  }
  return s;
}

// The lexicon's flags that say something about names, with the names of their features.
constexpr std::pair<uint32_t, uint32_t> kLexFlags[] = {
    {kDet, 0},         {kPrep, 1},       {kPronoun, 2},      {kAux, 3},         {kDay, 4},
    {kMonth, 5},       {kConj, 6},       {kCommon, 7},       {kFirstName, 8},   {kTitle, 9},
    {kRoleNoun, 10},   {kOrgHead, 11},   {kOrgNoun, 12},     {kSpeechVerb, 13}, {kDemonym, 14},
    {kPlaceHead, 15},  {kGroupNoun, 16}, {kAffiliation, 17}, {kNotName, 18},    {kTime, 19},
    {kPhraseStart, 20}};

bool has_capital(const Token& t) {
  return t.has(kHasUpper);
}

// Lower-case words and marks that join the capitalised words of one name: "Bank of England",
// "Osama bin Laden", "AT&T", "Marks & Spencer", "Newcastle upon Tyne".
bool connector(std::string_view key, const Token& t) {
  if (t.kind == TokenKind::punct) return key == "&" || key == "-" || key == ".";
  if (t.kind == TokenKind::number) return true;  // "Schalke 04", "1860 Munich"
  if (t.kind != TokenKind::word) return false;
  if (t.has(kPossessive)) return true;  // "McDonald's"
  static constexpr std::string_view words[] = {
      "of", "de",  "du",  "des", "del", "della", "der", "den", "van", "von", "da",
      "di", "do",  "dos", "das", "la",  "le",    "bin", "ibn", "al",  "el",  "y",
      "e",  "and", "for", "the", "on",  "upon",  "at",  "in",  "ben", "st",  "ter"};
  for (auto w : words) {
    if (w == key) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string_view> feature_templates() {
  return {std::begin(kTemplateNames), std::end(kTemplateNames)};
}

bool allowed(uint8_t prev, uint8_t next) {
  const bool prev_open = prev != 0 && position_of_tag(prev) <= kInside;
  if (prev_open) {
    return next != 0 && type_of_tag(next) == type_of_tag(prev) &&
           (position_of_tag(next) == kInside || position_of_tag(next) == kLast);
  }
  return next == 0 || position_of_tag(next) == kBegin || position_of_tag(next) == kUnit;
}

std::string_view tag_name(uint8_t tag) {
  static constexpr std::string_view names[kTags] = {
      "O",     "B-PER", "I-PER", "L-PER", "U-PER",  "B-ORG",  "I-ORG",  "L-ORG", "U-ORG",
      "B-LOC", "I-LOC", "L-LOC", "U-LOC", "B-MISC", "I-MISC", "L-MISC", "U-MISC"};
  return tag < kTags ? names[tag] : "?";
}

std::vector<Range> windows(const Document& doc) {
  const auto& tokens = doc.tokens;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Range> out;
  auto name_like = [&](uint32_t i) {
    return tokens[i].kind == TokenKind::word && !tokens[i].has(kPossessive) &&
           has_capital(tokens[i]);
  };
  for (uint32_t i = 0; i < n;) {
    if (!name_like(i)) {
      ++i;
      continue;
    }
    const uint32_t paragraph = doc.layout.paragraph_of[i];
    uint32_t end = i + 1;
    // Up to two connectors, then a name word of the same paragraph, and the window goes on; a
    // number or possessive right after the last name word ends it ("Schalke 04", "McDonald's").
    while (end < n && doc.layout.paragraph_of[end] == paragraph) {
      if (name_like(end)) {
        ++end;
        continue;
      }
      uint32_t k = end;
      while (k < n && k < end + 2 && doc.layout.paragraph_of[k] == paragraph &&
             connector(token_key(tokens[k], doc.keys), tokens[k])) {
        ++k;
      }
      if (k > end && k < n && doc.layout.paragraph_of[k] == paragraph && name_like(k)) {
        end = k + 1;
        continue;
      }
      if (tokens[end].kind == TokenKind::number || tokens[end].has(kPossessive)) ++end;
      break;
    }
    out.push_back({i, end});
    i = end;
  }
  return out;
}

FeatureBuilder::FeatureBuilder(const Document& doc) : doc_(doc) {
  const auto& tokens = doc.tokens;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  size_t slots = 64;
  while (slots < n * 2) slots *= 2;
  words_.assign(slots, DocWord{});
  caps_sentence_.assign(doc.layout.sentences.size(), 0);
  for (uint32_t s = 0; s < doc.layout.sentences.size(); ++s) {
    uint32_t words = 0, caps = 0;
    for (uint32_t i = doc.layout.sentences[s].begin; i < doc.layout.sentences[s].end; ++i) {
      if (tokens[i].kind != TokenKind::word || tokens[i].has(kPossessive)) continue;
      ++words;
      caps += tokens[i].has(kAllCaps) || tokens[i].has(kInitials);
    }
    caps_sentence_[s] = words >= 2 && caps * 10 >= words * 8;
  }
  key_hashes_.resize(n);
  shapes_.assign(n, ShapeHashes{});
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = tokens[i];
    key_hashes_[i] = key_hash(token_key(t, doc.keys));
    if (t.kind != TokenKind::word || t.has(kPossessive)) continue;
    const uint32_t sentence = doc.layout.sentence_of[i];
    DocWord* w = doc_word(key_hashes_[i]);
    if (!has_capital(t)) {
      w->lower_elsewhere = true;
    } else if (!initial(i) && !doc.layout.title_case[sentence] && !caps_sentence_[sentence]) {
      w->capital_inside = true;
    }
  }
  gazetteer_matches();
}

FeatureBuilder::DocWord* FeatureBuilder::doc_word(uint64_t hash) {
  const size_t mask = words_.size() - 1;
  for (size_t k = hash & mask;; k = (k + 1) & mask) {
    if (words_[k].hash == hash) return &words_[k];
    if (words_[k].hash == 0) {
      words_[k].hash = hash;
      return &words_[k];
    }
  }
}

const FeatureBuilder::DocWord* FeatureBuilder::doc_word(uint64_t hash) const {
  const size_t mask = words_.size() - 1;
  for (size_t k = hash & mask;; k = (k + 1) & mask) {
    if (words_[k].hash == hash) return &words_[k];
    if (words_[k].hash == 0) return nullptr;
  }
}

bool FeatureBuilder::initial(uint32_t i) const {
  return opens_sentence(doc_.tokens, doc_.layout, i);
}

// Per token: 0, or 1 + the BILOU position, type and strength of the longest gazetteer phrase over
// it (greedy from the left).
void FeatureBuilder::gazetteer_matches() {
  const auto& tokens = doc_.tokens;
  gazetteer_.assign(tokens.size(), 0);
  std::string buffer;
  for (uint32_t i = 0; i < tokens.size();) {
    const Phrase* phrase = nullptr;
    // Only where a name can start: the tagger looks at nothing else (windows).
    const uint32_t len =
        tokens[i].kind == TokenKind::word && tokens[i].has(kHasUpper)
            ? match_gazetteer(tokens, doc_.keys, doc_.layout, doc_.lexicon, i, &phrase, buffer)
            : 0;
    if (len == 0) {
      ++i;
      continue;
    }
    const uint32_t type = static_cast<uint32_t>(doc_.lexicon.named(phrase->named).type);
    for (uint32_t k = 0; k < len; ++k) {
      const uint32_t position = len == 1 ? kUnit : k == 0 ? kBegin : k + 1 == len ? kLast : kInside;
      gazetteer_[i + k] = static_cast<uint8_t>(1 + position + 4 * type + 16 * phrase->strong);
    }
    i += len;
  }
}

void FeatureBuilder::static_features(uint32_t i, std::vector<uint32_t>& out) const {
  const auto& tokens = doc_.tokens;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  const Token& t = tokens[i];
  const std::string_view text = doc_.text.substr(t.start, t.end - t.start);
  const std::string_view key = token_key(t, doc_.keys);
  const uint32_t paragraph = doc_.layout.paragraph_of[i];
  const uint32_t sentence = doc_.layout.sentence_of[i];
  auto emit = [&](Hash h) { out.push_back(h.done()); };

  emit(Hash(kBias));
  if (text.size() <= 40) emit(Hash(kWord).add(text));
  const uint64_t key_h = key_hashes_[i];
  emit(Hash(kKey).add_int(key_h));
  const ShapeHashes& shape = shapes_at(i);
  emit(Hash(kShape).add_int(shape.brief));
  emit(Hash(kLongShape).add_int(shape.full));
  for (size_t len = 1; len <= 4 && len < key.size(); ++len) {
    emit(Hash(kPrefix).add(key.substr(0, len)));
    emit(Hash(kSuffix).add(key.substr(key.size() - len)));
  }

  // Flags of the token and of its place in the sentence.
  const bool is_initial = initial(i);
  const bool title_case = doc_.layout.title_case[sentence];
  const bool caps = caps_sentence_[sentence];
  const uint64_t flags = (t.flags & (kCapitalised | kAllCaps | kHyphenated | kAbbreviated |
                                     kInitials | kParagraphStart | kQuoted)) |
                         (is_initial ? 1u << 12 : 0) | (title_case ? 1u << 13 : 0) |
                         (caps ? 1u << 14 : 0) |
                         (i + 1 < n && tokens[i + 1].has(kPossessive) ? 1u << 15 : 0);
  for (uint64_t bit = 1; bit <= flags; bit <<= 1) {
    if (flags & bit) emit(Hash(kFlag).add_int(bit));
  }
  emit(Hash(kFlag).add_int(static_cast<uint64_t>(t.kind) + 100));
  if (caps) emit(Hash(kCapsKey).add_int(key_h));

  // The word lists on the token and its neighbours.
  const uint32_t lex = t.lex();
  for (const auto& [flag, id] : kLexFlags) {
    if (lex & flag) emit(Hash(kLex).add_int(id));
  }
  auto neighbour = [&](int offset) -> const Token* {
    const int64_t k = static_cast<int64_t>(i) + offset;
    if (k < 0 || k >= n || doc_.layout.paragraph_of[static_cast<uint32_t>(k)] != paragraph)
      return nullptr;
    return &tokens[static_cast<uint32_t>(k)];
  };
  for (int offset : {-1, 1}) {
    const Token* nb = neighbour(offset);
    if (!nb) continue;
    const uint32_t nb_lex = nb->lex();
    for (const auto& [flag, id] : kLexFlags) {
      if (nb_lex & flag) {
        emit(Hash(offset < 0 ? kLexBefore : kLexAfter).add_int(id).add_int(nb->has(kCapitalised)));
      }
    }
  }

  // Neighbouring words and shapes (a number's word is its shape: "dd").
  constexpr uint64_t kOutside = 0x5A5A5A5A5A5A5A5Aull;  // beyond the paragraph
  uint64_t keys[5];
  uint64_t briefs[5];
  for (int offset = -2; offset <= 2; ++offset) {
    const Token* nb = neighbour(offset);
    const size_t slot = static_cast<size_t>(offset + 2);
    if (!nb) {
      keys[slot] = briefs[slot] = kOutside;
      continue;
    }
    const uint32_t k = static_cast<uint32_t>(static_cast<int64_t>(i) + offset);
    briefs[slot] = shapes_at(k).brief;
    keys[slot] = nb->kind == TokenKind::number ? briefs[slot] : key_hashes_[k];
  }
  for (int offset : {-2, -1, 1, 2}) {
    const size_t slot = static_cast<size_t>(offset + 2);
    emit(Hash(kKeyAt).add_int(static_cast<uint64_t>(offset + 2)).add_int(keys[slot]));
    if (offset == -1 || offset == 1) {
      emit(Hash(kShapeAt).add_int(static_cast<uint64_t>(offset + 2)).add_int(briefs[slot]));
    }
  }
  emit(Hash(kKeyPair).add_int(0).add_int(keys[1]).add_int(key_h));
  emit(Hash(kKeyPair).add_int(2).add_int(keys[1]).add_int(shape.brief));
  emit(Hash(kKeyPair).add_int(3).add_int(shape.brief).add_int(keys[3]));
  emit(Hash(kKeyPair).add_int(4).add_int(key_h).add_int(is_initial));
  emit(Hash(kKeyPair).add_int(1).add_int(key_h).add_int(keys[3]));
  // Two words of context: "according to", "told by", "said on".
  emit(Hash(kKeyPair).add_int(5).add_int(keys[0]).add_int(keys[1]));
  emit(Hash(kKeyPair).add_int(6).add_int(keys[3]).add_int(keys[4]));
  emit(Hash(kShapeTriple).add_int(briefs[1]).add_int(shape.brief).add_int(briefs[3]));

  // Gazetteer phrases and the rules' entities over the token.
  if (gazetteer_[i]) emit(Hash(kGazetteer).add_int(gazetteer_[i]));
  if (gazetteer_[i]) emit(Hash(kGazetteer).add_int(100 + (gazetteer_[i] - 1) / 4));  // type
  if (const int32_t m = doc_.rules.mention_at[i]; m >= 0) {
    const Mention& mention = doc_.rules.mentions[static_cast<size_t>(m)];
    const uint32_t position = mention.end - mention.begin == 1 ? kUnit
                              : i == mention.begin             ? kBegin
                              : i + 1 == mention.end           ? kLast
                                                               : kInside;
    // Parts of compounds ("EU" in "EU-led") cover only part of the token.
    const bool part = mention.start != t.start || mention.stop != t.end;
    emit(Hash(kRule).add_int(static_cast<uint64_t>(mention.type)).add_int(position).add_int(part));
    emit(Hash(kRule).add_int(static_cast<uint64_t>(mention.type)).add_int(mention.named >= 0));
  } else {
    emit(Hash(kRule).add_int(99));
  }

  // What the rest of the article says about the word.
  if (const DocWord* w = doc_word(key_h); w && t.kind == TokenKind::word) {
    const bool here_inside = has_capital(t) && !is_initial && !title_case && !caps;
    // Capitalised inside a sentence elsewhere (beyond this occurrence).
    const bool capital_elsewhere = w->capital_inside && !here_inside;
    emit(Hash(kDocument).add_int(w->lower_elsewhere * 2 + capital_elsewhere).add_int(is_initial));
  }
}

const FeatureBuilder::DocWord* FeatureBuilder::doc_word_at(uint32_t i) const {
  if (doc_.tokens[i].kind != TokenKind::word) return nullptr;
  return doc_word(key_hashes_[i]);
}

// The hashes of a token's shapes, worked out the first time a window asks for them.
const FeatureBuilder::ShapeHashes& FeatureBuilder::shapes_at(uint32_t i) const {
  ShapeHashes& s = shapes_[i];
  if (!s.brief) {
    const Token& t = doc_.tokens[i];
    const Shapes shape = shapes_of(doc_.text.substr(t.start, t.end - t.start));
    s.brief = Hash::string_hash(shape.shorter()) | 1;
    s.full = Hash::string_hash(shape.longer());
  }
  return s;
}

void FeatureBuilder::history_features(uint32_t i, std::vector<uint32_t>& out) const {
  const DocWord* w = doc_word_at(i);
  if (!w) return;
  if (w->last_tag == 0) {
    out.push_back(Hash(kHistory).add_int(99).done());
    return;
  }
  const uint8_t tag = static_cast<uint8_t>(w->last_tag - 1);
  out.push_back(
      Hash(kHistory).add_int(tag == 0 ? 4 : static_cast<uint64_t>(type_of_tag(tag))).done());
  out.push_back(Hash(kHistoryTag).add_int(tag).done());
}

// The first-pass types of the other occurrences of token i's word: O, then by type. A word in a
// sentence of capitals (a headline, a table) hears every occurrence; one in an ordinary sentence
// only the others in ordinary sentences, since capitals say nothing about what a word names.
uint32_t FeatureBuilder::other_votes(uint32_t i, uint8_t own, uint32_t* votes) const {
  const DocWord* w = doc_word_at(i);
  if (!w) return 0;
  const bool caps = caps_sentence_[doc_.layout.sentence_of[i]];
  uint32_t total = 0;
  for (int v = 0; v <= kTypes; ++v) {
    votes[v] = w->votes[v] + (caps ? w->caps_votes[v] : 0u);
    if (v == (own == 0 ? 0 : 1 + static_cast<int>(type_of_tag(own)))) --votes[v];
    total += votes[v];
  }
  return total;
}

void FeatureBuilder::vote_features(uint32_t i, uint8_t own, std::vector<uint32_t>& out) const {
  if (!doc_word_at(i)) return;
  uint32_t votes[kTypes + 1];
  const uint32_t total = other_votes(i, own, votes);
  if (total == 0) {
    out.push_back(Hash(kVote).add_int(99).done());
    return;
  }
  uint32_t best = 0;
  for (int v = 1; v <= kTypes; ++v) {
    if (votes[v] > votes[best]) best = static_cast<uint32_t>(v);
  }
  const bool unanimous = votes[best] == total;
  out.push_back(Hash(kVote).add_int(best).add_int(unanimous).done());
  // Any other occurrence named, even if most are not ("Washington" the player and the city).
  for (int v = 1; v <= kTypes; ++v) {
    if (votes[v] && v != static_cast<int>(best)) out.push_back(Hash(kVote).add_int(10 + v).done());
  }
}

void FeatureBuilder::remember(uint32_t begin, uint32_t end, const uint8_t* tags, bool first_pass) {
  for (uint32_t i = begin; i < end; ++i) {
    const Token& t = doc_.tokens[i];
    if (t.kind != TokenKind::word) continue;
    DocWord* w = doc_word(key_hashes_[i]);
    const uint8_t tag = tags[i - begin];
    w->last_tag = static_cast<uint8_t>(tag + 1);
    if (!first_pass) continue;
    const int v = tag == 0 ? 0 : 1 + static_cast<int>(type_of_tag(tag));
    ++(caps_sentence_[doc_.layout.sentence_of[i]] ? w->caps_votes : w->votes)[v];
  }
}

bool FeatureBuilder::echoed(uint32_t begin, uint32_t end, const uint8_t* first) const {
  uint32_t votes[kTypes + 1];
  for (uint32_t i = begin; i < end; ++i) {
    if (other_votes(i, first[i - begin], votes) > 0) return true;
  }
  return false;
}

void FeatureBuilder::forget_history() {
  for (DocWord& w : words_) w.last_tag = 0;
}

}  // namespace quotewire::extract::ner
