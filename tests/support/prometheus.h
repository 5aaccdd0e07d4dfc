#pragma once
// Checks text against the Prometheus exposition format (0.0.4) rules and reads its samples, so
// tests can assert that /metrics parses and that the counters add up.

#include <map>
#include <string>
#include <vector>

namespace quotewire::testing {

// Every rule broken, one message each (empty: valid). Checked: line syntax, metric and label
// names, TYPE given once and before the family's samples, no duplicate series, counters and
// histogram buckets non-negative, buckets cumulative, a +Inf bucket equal to _count.
std::vector<std::string> prometheus_errors(const std::string& text);

// Series (name plus labels as written) → value.
std::map<std::string, double> prometheus_samples(const std::string& text);

// The sum of every series of `name`, whatever its labels.
double metric_sum(const std::map<std::string, double>& samples, const std::string& name);

}  // namespace quotewire::testing
