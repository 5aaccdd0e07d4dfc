#pragma once
// What the entity tagger sees of a token: hashed features of the word, its neighbours, the word
// lists, the rule-based entities and the rest of the article. Training (train/) and tagging
// (tagger.cc) both take their features from here, so the two cannot drift apart; any change to
// what a feature means bumps kFeatureVersion, and models of another version are refused.

#include <cstdint>
#include <string_view>
#include <vector>

#include "extract/entities.h"
#include "extract/lexicon.h"
#include "extract/sentences.h"
#include "extract/tokenizer.h"

namespace quotewire::extract::ner {

inline constexpr uint32_t kFeatureVersion = 6;

// BILOU tags over the four entity types (EntityType's order: PER, ORG, LOC, MISC). Tag 0 is O;
// tag 1 + 4 * type + position, position B, I, L, U.
inline constexpr int kTypes = 4;
inline constexpr int kTags = 1 + 4 * kTypes;
// Weights per feature: one per tag but O, whose scores are fixed at 0 (only score differences
// between tags at a token matter), so that a feature's row is 32 bytes.
inline constexpr int kColumns = kTags - 1;
enum Position : uint8_t { kBegin, kInside, kLast, kUnit };
inline constexpr uint8_t tag_of(EntityType type, Position p) {
  return static_cast<uint8_t>(1 + 4 * static_cast<int>(type) + p);
}
inline constexpr EntityType type_of_tag(uint8_t tag) {
  return static_cast<EntityType>((tag - 1) / 4);
}
inline constexpr Position position_of_tag(uint8_t tag) {
  return static_cast<Position>((tag - 1) % 4);
}
// Can `next` follow `prev` (0 = O, also before the first and after the last token)?
bool allowed(uint8_t prev, uint8_t next);
std::string_view tag_name(uint8_t tag);  // "O", "B-PER", ...

struct Span {  // tokens, half-open
  uint32_t begin = 0;
  uint32_t end = 0;
  EntityType type = EntityType::misc;
};

// The feature templates' names, for the model's manifest.
std::vector<std::string_view> feature_templates();

// One article as far as the extractor has read it when entities are due.
struct Document {
  std::string_view text;
  const std::vector<Token>& tokens;
  const std::string& keys;
  const Layout& layout;
  const Lexicon& lexicon;
  const Entities& rules;  // what the word lists and rules found (find_entities without a model)
};

// The stretches worth tagging: runs of words with capitals and the connectors between them ("of",
// "de", "al-"), within a paragraph. Every other token is O, so lower-case text costs nothing.
std::vector<Range> windows(const Document& doc);

// Features of the tokens of one document. Static features depend on the text only. The rest
// depend on tags already given, as an article's mentions are read in the light of each other:
// history features on the tags of earlier windows in this pass ("Peter Blackburn" before
// "Blackburn"), vote features on the first pass's tags of the word's other occurrences, later
// ones included (a headline's "ROTOR" read with the body's "Rotor Volgograd").
class FeatureBuilder {
 public:
  explicit FeatureBuilder(const Document& doc);

  void static_features(uint32_t i, std::vector<uint32_t>& out) const;
  void history_features(uint32_t i, std::vector<uint32_t>& out) const;
  // Second pass only: `own` is the token's first-pass tag, left out of the votes.
  void vote_features(uint32_t i, uint8_t own, std::vector<uint32_t>& out) const;
  // Records the tags of tokens [begin, end) (tags[k] for token begin + k) for history features,
  // and in the first pass for votes too.
  void remember(uint32_t begin, uint32_t end, const uint8_t* tags, bool first_pass);
  // Between the passes: history starts afresh.
  void forget_history();
  // Second pass: has any word of tokens [begin, end) (first-pass tags `first`) other
  // occurrences whose first-pass tags its vote features would report?
  bool echoed(uint32_t begin, uint32_t end, const uint8_t* first) const;

 private:
  struct DocWord {  // what the article says elsewhere about one folded word
    uint64_t hash = 0;
    bool lower_elsewhere = false;          // written in lower case, not first in a sentence
    bool capital_inside = false;           // with a capital inside a sentence (not a headline)
    uint8_t last_tag = 0;                  // 1 + tag of its latest tagged occurrence, 0 if none
    uint16_t votes[kTypes + 1] = {};       // first-pass tags of its occurrences: O, then by type
    uint16_t caps_votes[kTypes + 1] = {};  // the same in sentences of capitals
  };
  struct ShapeHashes {  // of the short and long shapes; brief == 0: not worked out yet
    uint64_t brief = 0;
    uint64_t full = 0;
  };
  const ShapeHashes& shapes_at(uint32_t i) const;
  uint32_t other_votes(uint32_t i, uint8_t own, uint32_t* votes) const;
  DocWord* doc_word(uint64_t hash);
  const DocWord* doc_word(uint64_t hash) const;
  const DocWord* doc_word_at(uint32_t i) const;
  bool initial(uint32_t i) const;
  void gazetteer_matches();

  const Document& doc_;
  std::vector<DocWord> words_;          // open addressing on hash
  std::vector<uint8_t> gazetteer_;      // per token: 0, or 1 + position + 4 * type + 16 * strong
  std::vector<uint8_t> caps_sentence_;  // per sentence: every word in capitals
  std::vector<uint64_t> key_hashes_;    // per token: its folded key's hash
  mutable std::vector<ShapeHashes> shapes_;
};

// One window's features as tag_passes hands them to its decoder: token k's are
// ids[offsets[k]] .. ids[offsets[k + 1]], the static ones first, up to ids[dynamic[k]].
struct WindowFeatures {
  Range range;
  const std::vector<uint32_t>& ids;
  const std::vector<uint32_t>& offsets;
  const std::vector<uint32_t>& dynamic;
  uint32_t first;  // the window's first token counted over all windows (for per-token caches)
  int pass;
  // Second pass only: no word of the window occurs elsewhere in the article, so nothing the
  // second pass adds applies and `tags` already hold the first pass's tags; no features given.
  bool settled = false;
};

// The two passes over a document's windows, for tagging and training alike. For each window in
// text order, `decode(features, tags)` scores the features and writes the window's tags; the
// second pass's tags are the result. Static features are computed once, in the first pass, and
// are the same in both (a decoder may cache their sums).
template <typename Decode>
void tag_passes(const Document& doc, const std::vector<Range>& windows, Decode&& decode) {
  FeatureBuilder builder(doc);
  std::vector<uint32_t> static_ids, static_offsets{0}, ids, offsets, dynamic;
  std::vector<uint8_t> first;  // first-pass tags of all window tokens, concatenated
  std::vector<uint8_t> tags;
  for (int pass = 0; pass < 2; ++pass) {
    uint32_t done = 0;  // window tokens before this window
    for (size_t w = 0; w < windows.size(); ++w) {
      const Range& r = windows[w];
      const uint32_t n = r.end - r.begin;
      if (pass == 1 && !builder.echoed(r.begin, r.end, &first[done])) {
        tags.assign(first.begin() + done, first.begin() + done + n);
        ids.clear();
        offsets.assign(1, 0);
        dynamic.clear();
        decode(WindowFeatures{r, ids, offsets, dynamic, done, pass, true}, tags.data());
        builder.remember(r.begin, r.end, tags.data(), false);
        done += n;
        continue;
      }
      ids.clear();
      offsets.assign(1, 0);
      dynamic.clear();
      for (uint32_t k = 0; k < n; ++k) {
        const uint32_t i = r.begin + k;
        if (pass == 0) {
          builder.static_features(i, static_ids);
          static_offsets.push_back(static_cast<uint32_t>(static_ids.size()));
        }
        const uint32_t token = done + k;
        ids.insert(ids.end(), static_ids.begin() + static_offsets[token],
                   static_ids.begin() + static_offsets[token + 1]);
        dynamic.push_back(static_cast<uint32_t>(ids.size()));
        builder.history_features(i, ids);
        if (pass == 1) builder.vote_features(i, first[token], ids);
        offsets.push_back(static_cast<uint32_t>(ids.size()));
      }
      tags.resize(n);
      decode(WindowFeatures{r, ids, offsets, dynamic, done, pass}, tags.data());
      builder.remember(r.begin, r.end, tags.data(), pass == 0);
      if (pass == 0) first.insert(first.end(), tags.begin(), tags.end());
      done += n;
    }
    builder.forget_history();
  }
}

}  // namespace quotewire::extract::ner
