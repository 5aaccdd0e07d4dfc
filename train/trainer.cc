#include "train/trainer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>

#include "extract/extractor.h"
#include "extract/quote_marks.h"
#include "extract/tagger.h"
#include "train/checksum.h"
#include "train/corpus.h"
#include "train/evaluate.h"

namespace quotewire::train {
namespace {

using namespace extract;
using ner::kColumns;
using ner::kTags;

// An article as the extractor reads it, with the gold tag of every token.
struct Example {
  std::string text;
  std::vector<Token> tokens;
  std::string keys;
  Layout layout;
  Entities rules;
  std::vector<uint8_t> gold;
  std::vector<Range> windows;

  ner::Document document(const Lexicon& lexicon) const {
    return {text, tokens, keys, layout, lexicon, rules};
  }
};

struct Alignment {
  uint64_t entities = 0;
  uint64_t mismatched = 0;       // a gold span that does not start and end on our tokens
  uint64_t outside_windows = 0;  // aligned, but not all inside one window: unreachable
};

Example prepare(LabelledText&& labelled, const Lexicon& lexicon, Alignment& alignment) {
  Example ex;
  ex.text = std::move(labelled.text);
  tokenize(ex.text, lexicon, ex.tokens, ex.keys);
  split_sentences(ex.tokens, ex.layout);
  find_quotations(ex.tokens, ex.layout);
  ex.rules = find_entities(ex.text, ex.tokens, ex.keys, ex.layout, lexicon, nullptr);
  ex.windows = ner::windows(ex.document(lexicon));
  ex.gold.assign(ex.tokens.size(), 0);
  std::vector<uint32_t> window_of(ex.tokens.size(), UINT32_MAX);
  for (uint32_t w = 0; w < ex.windows.size(); ++w) {
    for (uint32_t i = ex.windows[w].begin; i < ex.windows[w].end; ++i) window_of[i] = w;
  }
  for (const GoldEntity& e : labelled.entities) {
    ++alignment.entities;
    auto first = std::lower_bound(ex.tokens.begin(), ex.tokens.end(), e.start,
                                  [](const Token& t, uint32_t start) { return t.start < start; });
    auto last = first;
    while (last != ex.tokens.end() && last->end < e.end) ++last;
    if (first == ex.tokens.end() || first->start != e.start || last == ex.tokens.end() ||
        last->end != e.end) {
      ++alignment.mismatched;
      continue;
    }
    const uint32_t b = static_cast<uint32_t>(first - ex.tokens.begin());
    const uint32_t end = static_cast<uint32_t>(last - ex.tokens.begin()) + 1;
    if (window_of[b] == UINT32_MAX || window_of[b] != window_of[end - 1]) {
      ++alignment.outside_windows;
      continue;
    }
    for (uint32_t i = b; i < end; ++i) {
      const ner::Position p = end - b == 1   ? ner::kUnit
                              : i == b       ? ner::kBegin
                              : i + 1 == end ? ner::kLast
                                             : ner::kInside;
      ex.gold[i] = ner::tag_of(e.type, p);
    }
  }
  return ex;
}

// Averaged perceptron (Collins 2002) with the averaging trick of Daumé: besides the weights w, u
// sums each update times the step it came at; the average is w - u / steps.
class Perceptron {
 public:
  explicit Perceptron(uint32_t hash_bits)
      : shift_(32 - hash_bits),
        w_((size_t{1} << hash_bits) * kColumns, 0.f),
        u_(w_.size(), 0.0),
        tw_(kTags * (kTags + 2), 0.f),
        tu_(tw_.size(), 0.0) {}

  const float* row(uint32_t feature) const { return &w_[index(feature)]; }
  // Transitions: [prev][next], then start[tag], then end[tag].
  const float* transitions() const { return tw_.data(); }

  void update(uint32_t feature, uint8_t tag, float delta) {
    if (tag == 0) return;  // O's weights stay 0
    const size_t k = index(feature) + tag - 1;
    w_[k] += delta;
    u_[k] += step_ * delta;
  }
  void update_transition(size_t k, float delta) {
    tw_[k] += delta;
    tu_[k] += step_ * delta;
  }
  void tick() { ++step_; }

  std::vector<double> averaged_rows() const { return average(w_, u_); }
  std::vector<double> averaged_transitions() const { return average(tw_, tu_); }

 private:
  size_t index(uint32_t feature) const { return static_cast<size_t>(feature >> shift_) * kColumns; }
  std::vector<double> average(const std::vector<float>& w, const std::vector<double>& u) const {
    std::vector<double> out(w.size());
    for (size_t k = 0; k < w.size(); ++k) out[k] = w[k] - u[k] / std::max(step_, 1.0);
    return out;
  }

  uint32_t shift_;
  std::vector<float> w_;
  std::vector<double> u_;
  std::vector<float> tw_;
  std::vector<double> tu_;
  double step_ = 1;
};

constexpr size_t kStart = kTags * kTags;
constexpr size_t kEnd = kStart + kTags;

struct Epoch {
  uint64_t windows = 0, wrong_windows = 0, tokens = 0, wrong_tokens = 0;
  double seconds = 0;
};

// One pass over the examples in the given order: decode each window with the current weights,
// update where it differs from the gold tags.
Epoch train_epoch(std::vector<Example>& examples, const std::vector<uint32_t>& order,
                  const Lexicon& lexicon, Perceptron& model) {
  Epoch epoch;
  const auto begin = std::chrono::steady_clock::now();
  std::vector<float> emission;
  const float* t = model.transitions();
  float transition[kTags][kTags];
  for (uint32_t index : order) {
    const Example& ex = examples[index];
    ner::tag_passes(ex.document(lexicon), ex.windows,
                    [&](const ner::WindowFeatures& features, uint8_t* predicted) {
                      if (features.settled) return;  // decided in the first pass
                      const Range& w = features.range;
                      const auto& ids = features.ids;
                      const auto& offsets = features.offsets;
                      const int pass = features.pass;
                      const uint32_t n = w.end - w.begin;
                      emission.assign(static_cast<size_t>(n) * kColumns, 0.f);
                      for (uint32_t k = 0; k < n; ++k) {
                        float* e = &emission[static_cast<size_t>(k) * kColumns];
                        for (uint32_t f = offsets[k]; f < offsets[k + 1]; ++f) {
                          const float* row = model.row(ids[f]);
                          for (int c = 0; c < kColumns; ++c) e[c] += row[c];
                        }
                      }
                      std::memcpy(transition, t, sizeof transition);
                      ner::viterbi(emission.data(), n, transition, t + kStart, t + kEnd, predicted);
                      const uint8_t* gold = &ex.gold[w.begin];
                      if (pass == 1) {
                        ++epoch.windows;
                        epoch.tokens += n;
                      }
                      if (!std::equal(predicted, predicted + n, gold)) {
                        if (pass == 1) ++epoch.wrong_windows;
                        for (uint32_t k = 0; k < n; ++k) {
                          if (predicted[k] == gold[k]) continue;
                          if (pass == 1) ++epoch.wrong_tokens;
                          for (uint32_t f = offsets[k]; f < offsets[k + 1]; ++f) {
                            model.update(ids[f], gold[k], 1.f);
                            model.update(ids[f], predicted[k], -1.f);
                          }
                        }
                        for (uint32_t k = 0; k <= n; ++k) {
                          auto pair = [&](const uint8_t* tags) {
                            if (k == 0) return kStart + tags[0];
                            if (k == n) return kEnd + tags[n - 1];
                            return static_cast<size_t>(tags[k - 1]) * kTags + tags[k];
                          };
                          model.update_transition(pair(gold), 1.f);
                          model.update_transition(pair(predicted), -1.f);
                        }
                      }
                      model.tick();
                    });
  }
  epoch.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  return epoch;
}

// The model file: header, zeros up to the rows, the rows as int16.
std::string serialise(const Perceptron& model, uint32_t hash_bits) {
  const std::vector<double> rows = model.averaged_rows();
  const std::vector<double> transitions = model.averaged_transitions();
  double largest = 1e-9;
  for (double w : rows) largest = std::max(largest, std::fabs(w));
  const double scale = 32767.0 / largest;

  ner::ModelHeader h;
  std::memset(&h, 0, sizeof h);  // padding included: the file must not depend on stack contents
  std::memcpy(h.magic, ner::kMagic, sizeof h.magic);
  h.format_version = ner::kFormatVersion;
  h.feature_version = ner::kFeatureVersion;
  h.hash_bits = hash_bits;
  h.tags = kTags;
  h.columns = kColumns;
  h.scale = static_cast<float>(scale);
  for (uint8_t t = 0; t < kTags; ++t) {
    const std::string_view name = ner::tag_name(t);
    std::memcpy(h.tag_names[t], name.data(), name.size());
    h.start[t] = static_cast<float>(transitions[kStart + t] * scale);
    h.end[t] = static_cast<float>(transitions[kEnd + t] * scale);
    for (uint8_t n = 0; n < kTags; ++n) {
      h.transition[t][n] = static_cast<float>(transitions[t * kTags + n] * scale);
    }
  }
  h.rows_offset = (sizeof h + 63) / 64 * 64;
  h.rows_bytes = rows.size() * sizeof(int16_t);
  h.header_check = ner::header_check(h);

  std::string out(h.rows_offset + h.rows_bytes, '\0');
  std::memcpy(out.data(), &h, sizeof h);
  auto* weights = reinterpret_cast<int16_t*>(out.data() + h.rows_offset);
  for (size_t k = 0; k < rows.size(); ++k) {
    weights[k] = static_cast<int16_t>(std::clamp(std::lround(rows[k] * scale), -32767L, 32767L));
  }
  return out;
}

std::string read_raw(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

nlohmann::json corpus_json(const std::string& path, const std::string& data,
                           const CorpusCounts& c) {
  return {{"path", path},
          {"sha256", sha256_hex(read_raw(path))},
          {"sha256_uncompressed", sha256_hex(data)},
          {"articles", c.documents},
          {"sentences", c.sentences},
          {"tokens", c.tokens},
          {"entities", c.entities}};
}

// Fisher-Yates with the standard's fully specified engine: the same order on every platform.
std::vector<uint32_t> shuffled(uint32_t n, uint64_t seed) {
  std::vector<uint32_t> order(n);
  for (uint32_t k = 0; k < n; ++k) order[k] = k;
  std::mt19937_64 random(seed);
  for (uint32_t k = n; k > 1; --k) std::swap(order[k - 1], order[random() % k]);
  return order;
}

}  // namespace

std::string manifest_path(const std::string& model_path) {
  std::string stem = model_path;
  if (stem.ends_with(".qwm")) stem.resize(stem.size() - 4);
  return stem + ".manifest.json";
}

void train_ner(const TrainOptions& options, std::ostream& log) {
  if (options.hash_bits < 8 || options.hash_bits > 26) throw std::runtime_error("bad --hash-bits");
  const auto started = std::chrono::steady_clock::now();
  const std::unique_ptr<Lexicon> lexicon = Lexicon::load_embedded();

  const std::string conll_data = read_file(options.conll);
  const std::string gmb_data = read_file(options.gmb);
  CorpusCounts conll_counts, gmb_counts;
  std::vector<LabelledText> texts =
      read_conll(conll_data, options.limit_sentences, *lexicon, conll_counts);
  std::vector<LabelledText> gmb =
      read_gmb(gmb_data, 0, kGmbHeldOut, options.limit_sentences, *lexicon, gmb_counts);
  std::move(gmb.begin(), gmb.end(), std::back_inserter(texts));

  Alignment alignment;
  std::vector<Example> examples;
  examples.reserve(texts.size());
  for (LabelledText& t : texts) examples.push_back(prepare(std::move(t), *lexicon, alignment));
  log << fmt::format(
      "{} articles ({} CoNLL, {} GMB); {} gold entities, {} not on token boundaries, {} outside "
      "the tagged windows\n",
      examples.size(), conll_counts.documents, gmb_counts.documents, alignment.entities,
      alignment.mismatched, alignment.outside_windows);

  Perceptron model(options.hash_bits);
  nlohmann::json epochs = nlohmann::json::array();
  // CoNLL's articles come `conll_weight` times per iteration: GMB is four times larger, and its
  // conventions (few MISC beyond nationalities, looser annotation) would otherwise prevail.
  std::vector<uint32_t> pool;
  for (uint32_t k = 0; k < examples.size(); ++k) {
    const int copies = k < conll_counts.documents ? options.conll_weight : 1;
    for (int c = 0; c < copies; ++c) pool.push_back(k);
  }
  for (int it = 1; it <= options.iterations; ++it) {
    std::vector<uint32_t> order =
        shuffled(static_cast<uint32_t>(pool.size()), options.seed * 1000 + it);
    for (uint32_t& k : order) k = pool[k];
    const Epoch e = train_epoch(examples, order, *lexicon, model);
    log << fmt::format(
        "iteration {:>2}: {:>6} of {} windows wrong, token error {:.4f} ({:.1f} s)\n", it,
        e.wrong_windows, e.windows,
        double(e.wrong_tokens) / double(std::max<uint64_t>(e.tokens, 1)), e.seconds);
    epochs.push_back({{"wrong_windows", e.wrong_windows},
                      {"windows", e.windows},
                      {"wrong_tokens", e.wrong_tokens},
                      {"tokens", e.tokens}});
  }
  const std::string bytes = serialise(model, options.hash_bits);
  {
    std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) throw std::runtime_error("cannot write " + options.out);
  }
  const double training_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  log << fmt::format("wrote {} ({} bytes) after {:.0f} s\n", options.out, bytes.size(),
                     training_seconds);

  nlohmann::json manifest = {
      {"model", options.out.substr(options.out.rfind('/') + 1)},
      {"bytes", bytes.size()},
      {"sha256", sha256_hex(bytes)},
      {"format_version", ner::kFormatVersion},
      {"feature_version", ner::kFeatureVersion},
      {"hash_bits", options.hash_bits},
      {"quantisation", "int16, weight = round(w * scale)"},
      {"scale", reinterpret_cast<const ner::ModelHeader*>(bytes.data())->scale},
      {"tags", nlohmann::json::array()},
      {"data",
       {{"conll", corpus_json(options.conll, conll_data, conll_counts)},
        {"gmb", corpus_json(options.gmb, gmb_data, gmb_counts)}}},
      {"gmb_sentences_trained_on", {0, kGmbHeldOut}},
      {"limit_sentences", options.limit_sentences},
      {"alignment",
       {{"gold_entities", alignment.entities},
        {"not_on_token_boundaries", alignment.mismatched},
        {"outside_windows", alignment.outside_windows},
        {"gmb_titles_stripped", gmb_counts.titles_stripped},
        {"gmb_title_only_spans_dropped", gmb_counts.dropped}}},
      {"features", ner::feature_templates()},
      {"iterations", options.iterations},
      {"conll_weight", options.conll_weight},
      {"seed", options.seed},
      {"epochs", epochs},
      {"training_seconds", std::round(training_seconds)},
  };
  for (uint8_t t = 0; t < kTags; ++t) manifest["tags"].push_back(ner::tag_name(t));
  if (!options.evaluate.empty()) {
    ExtractorOptions with_model;
    with_model.ner_model = bytes;
    const Extractor extractor(with_model);
    const Extractor rules_only(ExtractorOptions{.rules_only = true});
    for (const std::string& spec : options.evaluate) {
      const EvaluationSet set = load_evaluation_set(spec, *lexicon);
      const Scores scores = evaluate(extractor, set.articles);
      const Scores baseline = evaluate(rules_only, set.articles);
      log << table(set.name, scores) << table(set.name + " (rules)", baseline);
      manifest["scores"][set.name] = to_json(scores);
      manifest["scores"][set.name]["sha256"] = sha256_hex(read_raw(set.path));
      manifest["scores_rules_only"][set.name] = to_json(baseline);
    }
  }
  // The trajectory: earlier runs' entries (kept from the manifest this one replaces) and this
  // one's.
  nlohmann::json trajectory = nlohmann::json::array();
  if (std::ifstream previous(manifest_path(options.out)); previous) {
    const nlohmann::json old = nlohmann::json::parse(previous, nullptr, false);
    if (old.is_object() && old.contains("trajectory")) trajectory = old["trajectory"];
  }
  trajectory.push_back({{"note", options.note},
                        {"feature_version", ner::kFeatureVersion},
                        {"hash_bits", options.hash_bits},
                        {"iterations", options.iterations},
                        {"conll_weight", options.conll_weight},
                        {"scores", manifest.value("scores", nlohmann::json::object())}});
  manifest["trajectory"] = std::move(trajectory);
  std::ofstream out(manifest_path(options.out), std::ios::trunc);
  out << manifest.dump(2) << '\n';
  if (!out.flush()) throw std::runtime_error("cannot write " + manifest_path(options.out));
}

}  // namespace quotewire::train
