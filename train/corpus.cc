#include "train/corpus.h"

#include <zlib.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "text/utf8.h"

namespace quotewire::train {
namespace {

using extract::EntityType;

struct Word {
  std::string_view text;
  int type = -1;  // EntityType, or -1 outside entities
  bool begins = false;
  bool proper_gpe = false;  // GMB: a gpe word tagged NNP ("Afghanistan", not "Afghan")
};
using Sentence = std::vector<Word>;

// Calls fn(line) for each line, without its '\n' (and '\r').
template <typename Fn>
void for_each_line(std::string_view data, Fn&& fn) {
  while (!data.empty()) {
    const size_t eol = data.find('\n');
    std::string_view line = data.substr(0, eol);
    data = eol == std::string_view::npos ? std::string_view{} : data.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line);
  }
}

std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < line.size()) {
    const size_t space = line.find(' ', pos);
    const size_t end = space == std::string_view::npos ? line.size() : space;
    if (end > pos) out.push_back(line.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

bool one_of(std::string_view word, std::initializer_list<std::string_view> set) {
  for (auto s : set) {
    if (s == word) return true;
  }
  return false;
}

// Joins corpus tokens into text the way news is written and keeps the gold entities as byte
// spans.
class Writer {
 public:
  explicit Writer(const extract::Lexicon& lexicon) : lexicon_(lexicon) {}

  void sentence(const Sentence& s, bool new_paragraph) {
    if (!out_.text.empty()) out_.text += new_paragraph ? "\n" : " ";
    bool glue_next = true;  // no space before the sentence's first word
    for (size_t k = 0; k < s.size(); ++k) {
      const std::string_view w = s[k].text;
      const bool quote = w == "\"";
      // Quotations run over several sentences: pair the marks over the whole article.
      const bool opening = quote && quotes_++ % 2 == 0;
      const std::string lower = ascii_lower(w);
      const bool glue_left = (quote && !opening) ||
                             one_of(lower, {",", ".", ";", ":", ")", "]", "}", "!", "?", "%", "...",
                                            "'", "'s", "n't", "'re", "'ve", "'ll", "'m", "'d"});
      if (!glue_next && !glue_left) out_.text += ' ';
      glue_next = opening || one_of(w, {"(", "[", "{", "$"});
      const uint32_t start = static_cast<uint32_t>(out_.text.size());
      out_.text += w;
      const uint32_t end = static_cast<uint32_t>(out_.text.size());
      // Entities: a word that begins one, or changes the type, closes the open one.
      if (open_ && (s[k].type != open_type_ || s[k].begins)) {
        // "Inc" "." at a sentence's end is "Inc." in the text, and the stop belongs to the
        // abbreviation, as quotewire's tokenizer (and a reader) takes it.
        if (w == "." && abbreviation(s[k - 1].text)) ++open_end_;
        close();
      }
      if (s[k].type >= 0) {
        if (!open_) {
          open_ = true;
          open_type_ = s[k].type;
          open_start_ = start;
        }
        open_end_ = end;
      }
    }
    close();
  }

  LabelledText take() {
    LabelledText t = std::move(out_);
    out_ = {};
    quotes_ = 0;
    return t;
  }
  bool empty() const { return out_.text.empty(); }

 private:
  static std::string ascii_lower(std::string_view w) {
    std::string s(w);
    for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
    return s;
  }
  // Does the tokenizer keep the full stop after `word`: a known abbreviation ("Inc.", "Minn.")
  // or initials ("U.S.", "J.")?
  bool abbreviation(std::string_view word) const {
    const std::string with_stop = std::string(word) + ".";
    if (lexicon_.is_abbreviation(text::utf8::folded(with_stop))) return true;
    for (size_t k = 0; k < with_stop.size(); k += 2) {
      const char c = with_stop[k];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) || with_stop[k + 1] != '.') {
        return false;
      }
    }
    return with_stop.size() > 2 || (word[0] >= 'A' && word[0] <= 'Z');
  }

  void close() {
    if (!open_) return;
    out_.entities.push_back({open_start_, open_end_, static_cast<EntityType>(open_type_)});
    open_ = false;
  }

  const extract::Lexicon& lexicon_;
  LabelledText out_;
  int quotes_ = 0;
  bool open_ = false;
  int open_type_ = -1;
  uint32_t open_start_ = 0, open_end_ = 0;
};

// Does the sentence end as a body sentence does (full stop, question or exclamation mark, maybe
// with a closing quote)? Headlines, bylines, datelines and table rows do not, and stand alone.
bool ends_with_stop(const Sentence& s) {
  for (size_t k = s.size(); k-- > 0;) {
    if (s[k].text == "\"") continue;
    return one_of(s[k].text, {".", "?", "!"});
  }
  return false;
}

// Sentences into paragraphs of at most two body sentences.
void write_article(const std::vector<Sentence>& sentences, Writer& writer) {
  int in_paragraph = 0;
  for (const Sentence& s : sentences) {
    writer.sentence(s, in_paragraph == 0);
    const bool body = ends_with_stop(s);
    in_paragraph = body && in_paragraph == 0 ? 1 : 0;
  }
}

int conll_type(std::string_view t) {
  if (t == "PER") return static_cast<int>(EntityType::person);
  if (t == "ORG") return static_cast<int>(EntityType::organisation);
  if (t == "LOC") return static_cast<int>(EntityType::location);
  if (t == "MISC") return static_cast<int>(EntityType::misc);
  throw std::runtime_error("CoNLL: unknown entity type " + std::string(t));
}

int gmb_type(std::string_view t) {
  if (t == "per") return static_cast<int>(EntityType::person);
  if (t == "org") return static_cast<int>(EntityType::organisation);
  if (t == "geo") return static_cast<int>(EntityType::location);
  if (t == "gpe" || t == "art" || t == "eve" || t == "nat")
    return static_cast<int>(EntityType::misc);
  if (t == "tim") return -1;
  throw std::runtime_error("GMB: unknown entity type " + std::string(t));
}

// "B-ORG", "I-geo", "O": the type (-1 for O) and whether the word begins a new entity (IOB1
// and IOB2 alike: an I- of another type than the word before begins one too).
Word parse_tag(std::string_view word, std::string_view tag, int previous_type,
               int (*type_of)(std::string_view)) {
  Word w{word};
  if (tag == "O") return w;
  if (tag.size() < 3 || tag[1] != '-') throw std::runtime_error("bad tag " + std::string(tag));
  w.type = type_of(tag.substr(2));
  w.begins = w.type >= 0 && (tag[0] == 'B' || w.type != previous_type);
  return w;
}

void count(const Sentence& s, CorpusCounts& counts) {
  ++counts.sentences;
  counts.tokens += s.size();
  for (const Word& w : s) counts.entities += w.begins;
}

}  // namespace

std::string read_file(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");  // reads plain files as they are, too
  if (!f) throw std::runtime_error("cannot open " + path);
  std::string out;
  char buffer[1 << 16];
  int n;
  while ((n = gzread(f, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  int error = Z_OK;
  const char* message = gzerror(f, &error);
  const std::string reason = message ? message : "";
  gzclose(f);
  if (n < 0 || (error != Z_OK && error != Z_STREAM_END)) {
    throw std::runtime_error("cannot read " + path + ": " + reason);
  }
  return out;
}

std::vector<LabelledText> read_conll(std::string_view data, uint64_t limit_sentences,
                                     const extract::Lexicon& lexicon, CorpusCounts& counts) {
  std::vector<LabelledText> out;
  std::vector<Sentence> document;
  Sentence sentence;
  uint64_t read = 0;
  auto end_sentence = [&] {
    if (sentence.empty()) return;
    count(sentence, counts);
    document.push_back(std::move(sentence));
    sentence.clear();
    ++read;
  };
  auto end_document = [&] {
    end_sentence();
    if (document.empty()) return;
    Writer writer(lexicon);
    write_article(document, writer);
    out.push_back(writer.take());
    ++counts.documents;
    document.clear();
  };
  for_each_line(data, [&](std::string_view line) {
    if (limit_sentences && read >= limit_sentences) return;
    const auto f = fields_of(line);
    if (f.empty()) return end_sentence();
    if (f[0] == "-DOCSTART-") return end_document();
    if (f.size() != 4) throw std::runtime_error("CoNLL: bad line: " + std::string(line));
    const int previous = sentence.empty() ? -1 : sentence.back().type;
    sentence.push_back(parse_tag(f[0], f[3], previous, conll_type));
  });
  end_document();
  return out;
}

std::vector<LabelledText> read_gmb(std::string_view data, uint64_t first, uint64_t last,
                                   uint64_t limit_sentences, const extract::Lexicon& lexicon,
                                   CorpusCounts& counts) {
  // Consecutive sentences make an article: GMB's documents are not marked, and the tagger's
  // document features want a few sentences of context.
  constexpr size_t kArticleSentences = 10;
  std::vector<LabelledText> out;
  std::vector<Sentence> article;
  Sentence sentence;
  uint64_t index = 0, taken = 0;
  auto flush = [&] {
    if (article.empty()) return;
    Writer writer(lexicon);
    write_article(article, writer);
    out.push_back(writer.take());
    ++counts.documents;
    article.clear();
  };
  auto is_title = [&](std::string_view word) {
    const extract::WordInfo* info = lexicon.word(text::utf8::folded(word));
    return info && (info->flags & extract::kTitle);
  };
  auto end_sentence = [&] {
    if (sentence.empty()) return;
    const bool wanted = index >= first && (last == 0 || index < last) &&
                        (limit_sentences == 0 || taken < limit_sentences);
    ++index;
    if (wanted) {
      // GMB tags a country "gpe" both as a name ("Nepal", NNP) and as an adjective ("Nepalese",
      // JJ); CoNLL, which the tagger follows, calls the first a location and the second MISC.
      for (size_t k = 0; k < sentence.size(); ++k) {
        if (!sentence[k].begins || !sentence[k].proper_gpe) continue;
        size_t j = k + 1;
        while (j < sentence.size() && !sentence[j].begins && sentence[j].proper_gpe) ++j;
        if (j < sentence.size() && sentence[j].type == sentence[k].type && !sentence[j].begins)
          continue;  // the span goes on past a word that is not a proper noun
        for (size_t m = k; m < j; ++m) sentence[m].type = static_cast<int>(EntityType::location);
      }
      // Titles leading a person's span are not part of the name: "President | George Bush".
      for (size_t k = 0; k < sentence.size(); ++k) {
        if (!sentence[k].begins || sentence[k].type != static_cast<int>(EntityType::person))
          continue;
        if (!is_title(sentence[k].text)) continue;
        ++counts.titles_stripped;
        size_t j = k;
        while (j < sentence.size() && sentence[j].type == sentence[k].type &&
               (j == k || !sentence[j].begins) && is_title(sentence[j].text)) {
          sentence[j].type = -1;
          sentence[j].begins = false;
          ++j;
        }
        if (j < sentence.size() && sentence[j].type == static_cast<int>(EntityType::person) &&
            !sentence[j].begins) {
          sentence[j].begins = true;
        } else {
          ++counts.dropped;
        }
      }
      count(sentence, counts);
      article.push_back(std::move(sentence));
      ++taken;
      if (article.size() == kArticleSentences) flush();
    }
    sentence.clear();
  };
  for_each_line(data, [&](std::string_view line) {
    const auto f = fields_of(line);
    if (f.empty()) return end_sentence();
    if (f.size() != 3) throw std::runtime_error("GMB: bad line: " + std::string(line));
    const int previous = sentence.empty() ? -1 : sentence.back().type;
    sentence.push_back(parse_tag(f[0], f[2], previous, gmb_type));
    sentence.back().proper_gpe = f[1] == "NNP" && f[2].ends_with("-gpe");
  });
  end_sentence();
  flush();
  return out;
}

}  // namespace quotewire::train
