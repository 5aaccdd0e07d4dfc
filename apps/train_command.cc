// quotewire train attribution ...: learn the extractor's models from annotated corpora and write
// a model file with its manifest (train/).
#include <fmt/format.h>

#include <memory>

#include "apps/app.h"
#include "train/attribution_trainer.h"

namespace quotewire::app {
namespace {

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
}

}  // namespace quotewire::app
