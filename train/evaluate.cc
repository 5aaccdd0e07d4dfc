#include "train/evaluate.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <tuple>

namespace quotewire::train {
namespace {

using Key = std::tuple<uint32_t, uint32_t, int>;  // start, end, type

constexpr const char* kTypeNames[4] = {"PER", "ORG", "LOC", "MISC"};

}  // namespace

namespace {

// One JSON line per missed or spurious span, with a little text around it, for error analysis.
void write_mistake(std::ostream& out, const char* kind, const std::string& text, const Key& k) {
  const auto [start, end, type] = k;
  const size_t from = start > 60 ? start - 60 : 0;
  const size_t to = std::min<size_t>(text.size(), end + 60);
  out << nlohmann::json{{"kind", kind},
                        {"type", kTypeNames[type]},
                        {"text", text.substr(start, end - start)},
                        {"context", text.substr(from, to - from)}}
             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
}

}  // namespace

Scores evaluate(const extract::Extractor& extractor, const std::vector<LabelledText>& articles,
                std::ostream* mistakes) {
  Scores s;
  const auto begin = std::chrono::steady_clock::now();
  std::vector<Key> gold, predicted;
  for (const LabelledText& article : articles) {
    s.bytes += article.text.size();
    const extract::Extraction x = extractor.extract(article.text);
    gold.clear();
    predicted.clear();
    for (const GoldEntity& e : article.entities) {
      gold.emplace_back(e.start, e.end, static_cast<int>(e.type));
    }
    for (const extract::Entity& e : x.entities) {
      predicted.emplace_back(e.start, e.end, static_cast<int>(e.type));
    }
    for (const extract::PlaceReference& p : x.place_references) {
      predicted.emplace_back(p.start, p.end, static_cast<int>(extract::EntityType::misc));
    }
    for (auto* keys : {&gold, &predicted}) {
      std::sort(keys->begin(), keys->end());
      keys->erase(std::unique(keys->begin(), keys->end()), keys->end());
    }
    for (const Key& k : gold) {
      ++s.overall.gold;
      ++s.by_type[std::get<2>(k)].gold;
    }
    for (const Key& k : predicted) {
      ++s.overall.predicted;
      ++s.by_type[std::get<2>(k)].predicted;
      if (std::binary_search(gold.begin(), gold.end(), k)) {
        ++s.overall.correct;
        ++s.by_type[std::get<2>(k)].correct;
      } else if (mistakes) {
        write_mistake(*mistakes, "spurious", article.text, k);
      }
    }
    if (mistakes) {
      for (const Key& k : gold) {
        if (!std::binary_search(predicted.begin(), predicted.end(), k)) {
          write_mistake(*mistakes, "missed", article.text, k);
        }
      }
    }
  }
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  return s;
}

nlohmann::json to_json(const Scores& scores) {
  auto counts = [](const Counts& c) {
    auto round3 = [](double v) { return std::round(v * 1000) / 1000; };
    return nlohmann::json{{"gold", c.gold},
                          {"predicted", c.predicted},
                          {"correct", c.correct},
                          {"precision", round3(c.precision())},
                          {"recall", round3(c.recall())},
                          {"f1", round3(c.f1())}};
  };
  nlohmann::json out = counts(scores.overall);
  for (int t = 0; t < 4; ++t) out[kTypeNames[t]] = counts(scores.by_type[t]);
  return out;
}

std::string table(const std::string& name, const Scores& scores) {
  std::string out = fmt::format("{:<12} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}\n", name, "gold",
                                "pred", "right", "P", "R", "F1");
  auto row = [&](const char* label, const Counts& c) {
    out += fmt::format("{:<12} {:>6} {:>6} {:>6} {:>7.3f} {:>7.3f} {:>7.3f}\n", label, c.gold,
                       c.predicted, c.correct, c.precision(), c.recall(), c.f1());
  };
  row("all", scores.overall);
  for (int t = 0; t < 4; ++t) row(kTypeNames[t], scores.by_type[t]);
  out += fmt::format("({} bytes in {:.2f} s)\n", scores.bytes, scores.seconds);
  return out;
}

EvaluationSet load_evaluation_set(const std::string& spec, const extract::Lexicon& lexicon) {
  const size_t colon = spec.find(':');
  if (colon == std::string::npos) {
    throw std::runtime_error("--evaluate wants NAME:PATH (conll:..., gmb-heldout:...)");
  }
  EvaluationSet set{spec.substr(0, colon), spec.substr(colon + 1), {}};
  const std::string data = read_file(set.path);
  CorpusCounts counts;
  if (set.name == "conll") {
    set.articles = read_conll(data, 0, lexicon, counts);
  } else if (set.name == "gmb-heldout") {
    set.articles = read_gmb(data, kGmbHeldOut, kGmbFinal, 0, lexicon, counts);
  } else {
    throw std::runtime_error("unknown evaluation set " + set.name + " (conll, gmb-heldout)");
  }
  return set;
}

}  // namespace quotewire::train
