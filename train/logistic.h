#pragma once
// Logistic regression over hashed features (extract::Features), for the small learned parts of
// the extractor: stochastic gradient descent with L2 regularisation, weights averaged over all
// steps, examples visited in an order fixed by the seed, so the same examples always give the
// same model, byte for byte.

#include <cstdint>
#include <vector>

#include "extract/linear_model.h"

namespace quotewire::train {

struct Example {
  std::vector<uint32_t> features;  // Features::hashes()
  bool positive = false;
};

struct LogisticOptions {
  uint32_t bits = 18;
  int epochs = 8;
  double rate = 0.2;
  double l2 = 1e-6;
  uint32_t seed = 1;
};

extract::LinearModel train_logistic(const std::vector<Example>& examples,
                                    const LogisticOptions& options);

}  // namespace quotewire::train
