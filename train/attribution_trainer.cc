#include "train/attribution_trainer.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "extract/attribution.h"
#include "extract/attribution_model.h"
#include "extract/extractor.h"
#include "extract/lexicon.h"
#include "text/utf8.h"
#include "train/checksum.h"
#include "train/quote_corpus.h"

namespace quotewire::train {
namespace {

using extract::Article;
using extract::Range;
using extract::TextSpan;

// The first token that starts at or after byte `pos`.
uint32_t token_at_or_after(const Article& a, uint32_t pos) {
  auto it = std::lower_bound(a.tokens.begin(), a.tokens.end(), pos,
                             [](const extract::Token& t, uint32_t p) { return t.start < p; });
  return static_cast<uint32_t>(it - a.tokens.begin());
}

// The words of some spans as the scorer counts them: folded word and number tokens.
using Bag = std::map<std::string_view, int>;
Bag bag_of(const Article& a, const std::vector<TextSpan>& spans) {
  Bag bag;
  for (const TextSpan& s : spans) {
    for (uint32_t i = token_at_or_after(a, s.start); i < a.size() && a.tokens[i].start < s.end;
         ++i) {
      if (a.word(i) || a.tokens[i].kind == extract::TokenKind::number) ++bag[a.key(i)];
    }
  }
  return bag;
}

double overlap_f1(const Bag& gold, const Bag& pred) {
  int common = 0, ng = 0, np = 0;
  for (const auto& [w, n] : gold) {
    ng += n;
    if (auto it = pred.find(w); it != pred.end()) common += std::min(n, it->second);
  }
  for (const auto& [w, n] : pred) np += n;
  if (common == 0) return 0.0;
  const double p = static_cast<double>(common) / np, r = static_cast<double>(common) / ng;
  return 2 * p * r / (p + r);
}

// The token of the cue's speech verb ("has since said" -> "said"), else its last word.
uint32_t cue_token(const Article& a, TextSpan cue) {
  uint32_t last = token_at_or_after(a, cue.start);
  for (uint32_t i = last; i < a.size() && a.tokens[i].start < cue.end; ++i) {
    if (a.word(i) && (a.lex(i) & extract::kSpeechVerb)) return i;
    last = i;
  }
  return last;
}

uint32_t trim_end(const Article& a, uint32_t begin, uint32_t end) {
  while (end > begin && a.tokens[end - 1].kind == extract::TokenKind::punct &&
         a.tokens[end - 1].mark != U')') {
    --end;
  }
  return end;
}

// Examples for the content-end model: every annotated content that follows its cue in the same
// sentence; at each token after its start, up to its end, "ends here" or not.
void content_end_examples(const Article& a, const AnnotatedArticle& art,
                          std::vector<Example>& out) {
  extract::Features f;
  for (const Attribution& at : art.attributions) {
    const TextSpan first = at.content.front();
    if (first.start < at.cue.end) continue;
    const uint32_t begin = token_at_or_after(a, first.start);
    if (begin >= a.size()) continue;
    const uint32_t cue = cue_token(a, at.cue);
    const Range sentence = a.layout.sentences[a.layout.sentence_of[begin]];
    if (a.layout.sentence_of[cue] != a.layout.sentence_of[begin]) continue;
    const uint32_t end = token_at_or_after(a, first.end);
    if (end > sentence.end) continue;  // what was said runs on past the sentence
    const uint32_t limit = trim_end(a, begin, sentence.end);
    for (uint32_t t = begin + 1; t < limit && t <= end; ++t) {
      if (!extract::end_candidate(a, cue, begin, t)) continue;
      f.clear();
      extract::content_end_features(a, cue, begin, t, sentence, f);
      out.push_back({f.hashes(), t == end});
    }
  }
}

// Examples for the statement model: the extractor's candidates, each labelled as the scorer
// would count it: it matches an annotated speech statement (word-overlap F1 >= 0.5, greedily in
// text order, each annotation used once).
void statement_examples(const Article& a, const AnnotatedArticle& art, std::vector<Example>& out) {
  const std::vector<extract::Statement> statements = extract::find_statements(a);
  std::vector<Bag> gold;
  for (const Attribution& at : art.attributions) gold.push_back(bag_of(a, at.content));
  std::vector<bool> used(gold.size(), false);
  extract::Features f;
  for (const extract::Statement& s : statements) {
    const Bag pred = bag_of(a, s.parts);
    double best = 0;
    size_t best_index = gold.size();
    for (size_t g = 0; g < gold.size(); ++g) {
      if (used[g]) continue;
      const double score = overlap_f1(gold[g], pred);
      if (score > best) {
        best = score;
        best_index = g;
      }
    }
    bool positive = false;
    if (best_index < gold.size() && best >= 0.5) {
      used[best_index] = true;
      positive = art.attributions[best_index].speech;
    }
    if (!extract::judged(s.pattern)) continue;
    f.clear();
    extract::statement_features(a, s, f);
    out.push_back({f.hashes(), positive});
  }
}

size_t positives(const std::vector<Example>& examples) {
  return static_cast<size_t>(
      std::count_if(examples.begin(), examples.end(), [](const Example& e) { return e.positive; }));
}

}  // namespace

AttributionTrainingReport train_attribution(const AttributionTrainingOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  std::set<std::string> excluded;
  for (const std::string& path : options.holdout) excluded.merge(read_ids(path));
  std::vector<AnnotatedArticle> corpus = read_quote_corpus(options.corpus, excluded);
  std::erase_if(corpus, [&](const AnnotatedArticle& art) {
    return std::find(options.exclude_outlets.begin(), options.exclude_outlets.end(), art.outlet) !=
           options.exclude_outlets.end();
  });
  if (options.limit_articles && corpus.size() > options.limit_articles) {
    corpus.resize(options.limit_articles);
  }
  if (corpus.empty()) throw std::runtime_error(options.corpus + ": no articles to train on");

  // The stages before attribution run as in the extractor with its bundled word lists and
  // entity tagger, so the models learn from what they will see.
  const extract::Extractor extractor;
  std::vector<Article> articles;
  articles.reserve(corpus.size());
  for (const AnnotatedArticle& art : corpus) {
    if (const auto bad = text::utf8::first_invalid(art.text)) {
      throw std::runtime_error(art.id + ": invalid UTF-8 at byte " + std::to_string(*bad));
    }
    articles.push_back(Article{art.text, extractor.lexicon(), {}, {}, {}, {}, {}, {}, nullptr});
    extract::analyse(articles.back(), extractor.tagger());
  }

  AttributionTrainingReport report;
  report.articles = corpus.size();
  std::vector<Example> ends;
  for (size_t k = 0; k < corpus.size(); ++k) content_end_examples(articles[k], corpus[k], ends);
  extract::AttributionModel model;
  model.content_end = train_logistic(ends, options.logistic);
  report.content_end_examples = ends.size();
  report.content_end_positive = positives(ends);

  std::vector<Example> candidates;
  model.propose_guesses = true;
  for (size_t k = 0; k < corpus.size(); ++k) {
    articles[k].attribution = &model;
    statement_examples(articles[k], corpus[k], candidates);
  }
  model.statement = train_logistic(candidates, options.logistic);
  model.statement.bias() -= static_cast<float>(options.statement_threshold);
  model.propose_guesses = false;
  report.statement_examples = candidates.size();
  report.statement_positive = positives(candidates);

  const std::string bytes = extract::serialize_models(
      {{"content_end", model.content_end}, {"statement", model.statement}});
  {
    std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + options.out);
  }

  nlohmann::json manifest = {
      {"model", std::filesystem::path(options.out).filename().string()},
      {"format", "QWLM 1: linear models over hashed features (extract/linear_model.h)"},
      {"command", "quotewire train attribution"},
      {"corpus",
       {{"file", std::filesystem::path(options.corpus).filename().string()},
        {"sha256", sha256_file(options.corpus)},
        {"articles_used", report.articles}}},
      {"held_out_files", nlohmann::json::array()},
      {"excluded_outlets", options.exclude_outlets},
      {"models",
       {{"content_end",
         {{"what", "does reported speech after its cue end before this token"},
          {"examples", report.content_end_examples},
          {"positive", report.content_end_positive}}},
        {"statement",
         {{"what", "is a candidate statement of the rules a speech statement"},
          {"threshold", options.statement_threshold},
          {"examples", report.statement_examples},
          {"positive", report.statement_positive}}}}},
      {"training",
       {{"algorithm", "logistic regression, SGD with averaged weights"},
        {"hash_bits", options.logistic.bits},
        {"epochs", options.logistic.epochs},
        {"rate", options.logistic.rate},
        {"l2", options.logistic.l2},
        {"seed", options.logistic.seed},
        {"seconds",
         std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()}}},
      {"bytes", bytes.size()}};
  for (const std::string& path : options.holdout) {
    manifest["held_out_files"].push_back(
        {{"file", std::filesystem::path(path).filename().string()}, {"sha256", sha256_file(path)}});
  }
  report.manifest = std::filesystem::path(options.out).replace_extension(".manifest.json").string();
  std::ofstream(report.manifest) << manifest.dump(1) << '\n';
  return report;
}

}  // namespace quotewire::train
