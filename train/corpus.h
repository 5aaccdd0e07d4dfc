#pragma once
// The annotated corpora the entity tagger learns from, turned back into raw text: CoNLL-2003
// (`token POS chunk NER`, documents between -DOCSTART- lines) and GMB (`token POS TAG`, no
// document boundaries). Their tokens are joined as a news text would write them ("Germany 's"
// -> "Germany's", no space before "," or "n't", none after "("), so that the tagger trains and is
// scored on what quotewire's own tokenizer makes of raw text; gold entities become byte spans.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extraction.h"
#include "extract/lexicon.h"

namespace quotewire::train {

struct GoldEntity {
  uint32_t start = 0;  // bytes into the text, half-open
  uint32_t end = 0;
  extract::EntityType type = extract::EntityType::misc;
};

// One article: raw text and its gold entities in text order.
struct LabelledText {
  std::string text;
  std::vector<GoldEntity> entities;
};

struct CorpusCounts {
  uint64_t documents = 0;
  uint64_t sentences = 0;
  uint64_t tokens = 0;
  uint64_t entities = 0;
  uint64_t titles_stripped = 0;  // GMB person spans that started with a title
  uint64_t dropped = 0;          // GMB person spans that were titles only
};

// The file's bytes, gunzipped if it is gzip. Throws std::runtime_error.
std::string read_file(const std::string& path);

// CoNLL-2003: each document one article, its sentences joined into paragraphs. At most
// `limit_sentences` sentences (0: all).
std::vector<LabelledText> read_conll(std::string_view data, uint64_t limit_sentences,
                                     const extract::Lexicon& lexicon, CorpusCounts& counts);

// GMB sentences [first, last) (last 0: to the end), at most `limit_sentences`, as articles of
// consecutive sentences. per -> PER (leading titles such as "President" stripped, as CoNLL leaves
// them out), org -> ORG, geo -> LOC, gpe -> LOC where its words are tagged NNP ("Nepal", as
// CoNLL tags countries) and MISC otherwise ("Nepalese"), art, eve, nat -> MISC, tim -> O.
std::vector<LabelledText> read_gmb(std::string_view data, uint64_t first, uint64_t last,
                                   uint64_t limit_sentences, const extract::Lexicon& lexicon,
                                   CorpusCounts& counts);

// GMB's blocks: the word lists of extract/data were derived from sentences before kGmbHeldOut;
// [kGmbHeldOut, kGmbFinal) is for development, [kGmbFinal, end) for a final check. The tagger
// trains on the first block only.
inline constexpr uint64_t kGmbHeldOut = 41957;
inline constexpr uint64_t kGmbFinal = 44957;

}  // namespace quotewire::train
