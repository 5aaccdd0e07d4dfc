#pragma once
// Writes the Prometheus text exposition format (version 0.0.4): HELP and TYPE lines once per
// metric family, label values escaped, histograms as _bucket/_sum/_count.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics/histogram.h"

namespace quotewire::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Exposition {
 public:
  void counter(std::string_view name, std::string_view help, double value,
               const Labels& labels = {});
  void gauge(std::string_view name, std::string_view help, double value, const Labels& labels = {});
  void histogram(std::string_view name, std::string_view help, const Histogram& histogram,
                 const Labels& labels = {});

  const std::string& text() const { return text_; }

  // The content type Prometheus expects for this format.
  static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  void family(std::string_view name, std::string_view help, std::string_view type);
  void sample(std::string_view name, const Labels& labels, double value);

  std::string text_;
  std::map<std::string, bool, std::less<>> families_;  // HELP/TYPE written once
};

// `quotewire_build_info{version="..."} 1`, which every role exports.
void build_info(Exposition& out, std::string_view role);

}  // namespace quotewire::metrics
