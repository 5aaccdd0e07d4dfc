#pragma once
// Articles annotated with attributions (who said what, with the cue), as JSON Lines in the shape
// of shared/data/dev (PolNeAR converted): {"id", "text", "quotes": [{"quote_spans", "cue_span",
// "speaker_span", "kind", "speech_cue_helper"}], "unattributed": [...]}. Offsets there count
// characters; here they are UTF-8 byte offsets into `text`, as everywhere in quotewire.

#include <set>
#include <string>
#include <vector>

#include "extract/extraction.h"

namespace quotewire::train {

struct Attribution {
  std::vector<extract::TextSpan> content;  // in text order
  extract::TextSpan cue;
  extract::TextSpan source;  // empty when the annotation names none
  bool speech = false;       // the cue is a speech act (the corpus's own flag)
};

struct AnnotatedArticle {
  std::string id;
  std::string outlet;  // the publisher: PolNeAR ids read "polnear-train-<outlet>_<date>_..."
  std::string text;
  std::vector<Attribution> attributions;
};

// Reads `path`, leaving out the articles whose ids are in `excluded`. Throws std::runtime_error
// naming the file and line of anything malformed.
std::vector<AnnotatedArticle> read_quote_corpus(const std::string& path,
                                                const std::set<std::string>& excluded = {});

// The ids of a JSON Lines file's articles (to keep evaluation articles out of training).
std::set<std::string> read_ids(const std::string& path);

}  // namespace quotewire::train
