// quotewire train ner|attribution: learn the extractor's models from annotated corpora and write
// a model file with its manifest (train/), or score a model through the extractor.
//   train ner --conll eng.train.gz --gmb gmb_conll_utf8.txt.gz --out extract/models/ner.qwm
//   train ner --evaluate conll:eng.testa.gz --evaluate gmb-heldout:gmb_conll_utf8.txt.gz
//   train attribution --corpus polnear_train.jsonl --holdout quotes_articles.jsonl
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "apps/app.h"
#include "extract/extractor.h"
#include "extract/lexicon.h"
#include "train/attribution_trainer.h"
#include "train/corpus.h"
#include "train/evaluate.h"
#include "train/trainer.h"

namespace quotewire::app {
namespace {

struct TrainNerOptions {
  train::TrainOptions train;
  std::string model;  // evaluate this model file instead of the built-in one
  bool rules_only = false;
  std::string mistakes;  // write missed and spurious spans here, as JSON lines
};

void evaluate_only(const TrainNerOptions& options) {
  extract::ExtractorOptions settings;
  settings.rules_only = options.rules_only;
  if (!options.model.empty()) settings.ner_model = train::read_file(options.model);
  const extract::Extractor extractor(settings);
  const auto lexicon = extract::Lexicon::load_embedded();
  std::ofstream mistakes;
  if (!options.mistakes.empty()) {
    mistakes.open(options.mistakes);
    if (!mistakes) throw Failure{"cannot write " + options.mistakes, 1};
  }
  for (const std::string& spec : options.train.evaluate) {
    const train::EvaluationSet set = train::load_evaluation_set(spec, *lexicon);
    const train::Scores scores =
        train::evaluate(extractor, set.articles, mistakes.is_open() ? &mistakes : nullptr);
    std::cout << train::table(set.name, scores) << train::to_json(scores).dump() << '\n';
  }
}

void run_train_ner(const TrainNerOptions& options) {
  const bool training = !options.train.conll.empty() || !options.train.gmb.empty();
  if (!training) {
    if (options.train.evaluate.empty()) {
      throw Failure{"give --conll, --gmb and --out to train, or --evaluate to score a model", 2};
    }
    return evaluate_only(options);
  }
  if (options.train.conll.empty() || options.train.gmb.empty() || options.train.out.empty()) {
    throw Failure{"training needs --conll, --gmb and --out", 2};
  }
  if (!options.model.empty() || options.rules_only || !options.mistakes.empty()) {
    throw Failure{"--ner-model, --rules-only and --mistakes are for --evaluate without training",
                  2};
  }
  train::train_ner(options.train, std::cerr);
}

void add_attribution(CLI::App& train) {
  auto options = std::make_shared<train::AttributionTrainingOptions>();
  options->out = "extract/models/attribution.qwm";
  auto* cmd = train.add_subcommand(
      "attribution", "Learn where reported speech ends and which candidates are statements");
  cmd->add_option("--corpus", options->corpus,
                  "articles annotated with attributions (JSON Lines, e.g. PolNeAR converted)")
      ->required();
  cmd->add_option("--holdout", options->holdout,
                  "JSON Lines files whose articles must not be trained on (evaluation sets)");
  cmd->add_option("--exclude-outlet", options->exclude_outlets,
                  "leave out an outlet's articles (cross-validation by outlet)");
  cmd->add_option("--out", options->out, "model file to write")->capture_default_str();
  cmd->add_option("--limit-articles", options->limit_articles, "train on the first N only");
  cmd->add_option("--epochs", options->logistic.epochs)->capture_default_str();
  cmd->add_option("--seed", options->logistic.seed)->capture_default_str();
  cmd->add_option("--rate", options->logistic.rate, "initial learning rate")->capture_default_str();
  cmd->add_option("--l2", options->logistic.l2, "L2 regularisation")->capture_default_str();
  cmd->add_option("--statement-threshold", options->statement_threshold,
                  "drop candidates whose margin is below this (lower: more recall)")
      ->capture_default_str();
  cmd->callback([options] {
    train::AttributionTrainingReport r;
    try {
      r = train::train_attribution(*options);
    } catch (const std::runtime_error& e) {
      throw Failure{e.what(), 2};
    }
    fmt::print(
        "trained on {} articles: content end {} examples ({} ends), statements {} candidates ({} "
        "statements)\nwrote {} and {}\n",
        r.articles, r.content_end_examples, r.content_end_positive, r.statement_examples,
        r.statement_positive, options->out, r.manifest);
  });
}

}  // namespace

void add_train_command(CLI::App& app) {
  auto* train = app.add_subcommand("train", "Train the extractor's models from annotated corpora");
  train->require_subcommand(1);
  add_attribution(*train);
  auto options = std::make_shared<TrainNerOptions>();
  auto* ner = train->add_subcommand(
      "ner", "Train the entity tagger on CoNLL-2003 and GMB, or score a model (--evaluate)");
  auto& t = options->train;
  ner->add_option("--conll", t.conll, "CoNLL-2003 training file (eng.train, .gz or plain)")
      ->check(CLI::ExistingFile);
  ner->add_option("--gmb", t.gmb, "GMB as token POS TAG lines (gmb_conll_utf8.txt, .gz or plain)")
      ->check(CLI::ExistingFile);
  ner->add_option("--out", t.out, "where to write the model (a manifest goes beside it)");
  ner->add_option("--iterations", t.iterations, "passes over the training data")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  ner->add_option("--conll-weight", t.conll_weight,
                  "passes over each CoNLL article per iteration (GMB's articles: one)")
      ->check(CLI::Range(1, 20))
      ->capture_default_str();
  ner->add_option("--limit-sentences", t.limit_sentences,
                  "train on at most this many sentences of each corpus (0: all)")
      ->capture_default_str();
  ner->add_option("--seed", t.seed, "seed of the order articles are seen in")
      ->capture_default_str();
  ner->add_option("--hash-bits", t.hash_bits, "2^N weight rows of 32 bytes each")
      ->check(CLI::Range(8, 26))
      ->capture_default_str();
  ner->add_option("--evaluate", t.evaluate,
                  "score through the extractor on conll:PATH (every document) or "
                  "gmb-heldout:PATH (GMB's development block); after training, the new model");
  ner->add_option("--note", t.note, "what changed, for the manifest's trajectory");
  ner->add_option("--ner-model", options->model, "with --evaluate: this model file")
      ->check(CLI::ExistingFile);
  ner->add_flag("--rules-only", options->rules_only,
                "with --evaluate: the word lists and rules alone, without the tagger");
  ner->add_option(
      "--mistakes", options->mistakes,
      "with --evaluate: write every missed and spurious span to this file (JSON lines)");
  ner->callback([options] { run_train_ner(*options); });
}

}  // namespace quotewire::app
