#include "train/logistic.h"

#include <cmath>
#include <numeric>
#include <random>

namespace quotewire::train {

extract::LinearModel train_logistic(const std::vector<Example>& examples,
                                    const LogisticOptions& options) {
  const size_t size = size_t{1} << options.bits;
  const uint32_t mask = static_cast<uint32_t>(size - 1);
  // w: current weights; total: their sum over the steps so far, kept lazily with `since`
  // (the step each weight last changed) so a step costs only its features.
  std::vector<double> w(size, 0.0), total(size, 0.0);
  std::vector<uint64_t> since(size, 0);
  double bias = 0.0, bias_total = 0.0;
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::mt19937 random(options.seed);
  uint64_t step = 0;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    // Fisher-Yates with the generator's raw output: the same order on every platform.
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
    const double rate = options.rate / (1.0 + epoch);
    for (const size_t index : order) {
      const Example& e = examples[index];
      double margin = bias;
      for (const uint32_t h : e.features) margin += w[h & mask];
      const double p = 1.0 / (1.0 + std::exp(-margin));
      const double gradient = (e.positive ? 1.0 : 0.0) - p;
      ++step;
      bias_total += bias;
      bias += rate * gradient;
      for (const uint32_t h : e.features) {
        const uint32_t k = h & mask;
        total[k] += w[k] * static_cast<double>(step - since[k]);
        since[k] = step;
        w[k] += rate * (gradient - options.l2 * w[k]);
      }
    }
  }
  extract::LinearModel model(options.bits);
  const double steps = static_cast<double>(std::max<uint64_t>(step, 1));
  model.bias() = static_cast<float>((bias_total + bias) / steps);
  for (size_t k = 0; k < size; ++k) {
    const double sum = total[k] + w[k] * static_cast<double>(step - since[k]);
    const float avg = static_cast<float>(sum / steps);
    // Weights too small to move a decision are dropped: a smaller file, the same decisions.
    model.weights()[k] = std::fabs(avg) < 1e-4f ? 0.0f : avg;
  }
  return model;
}

}  // namespace quotewire::train
