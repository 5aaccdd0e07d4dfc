#include "metrics/exposition.h"

#include <fmt/format.h>

#include <cmath>

namespace quotewire::metrics {
namespace {

std::string escape_label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_value(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (std::isnan(value)) return "NaN";
  if (value == std::floor(value) && std::abs(value) < 1e15) return fmt::format("{:.0f}", value);
  return fmt::format("{}", value);
}

}  // namespace

void Exposition::family(std::string_view name, std::string_view help, std::string_view type) {
  if (families_.contains(name)) return;
  families_.emplace(std::string(name), true);
  text_ += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void Exposition::sample(std::string_view name, const Labels& labels, double value) {
  text_ += name;
  if (!labels.empty()) {
    text_ += '{';
    for (size_t i = 0; i < labels.size(); ++i) {
      if (i) text_ += ',';
      text_ += fmt::format("{}=\"{}\"", labels[i].first, escape_label(labels[i].second));
    }
    text_ += '}';
  }
  text_ += ' ';
  text_ += format_value(value);
  text_ += '\n';
}

void Exposition::counter(std::string_view name, std::string_view help, double value,
                         const Labels& labels) {
  family(name, help, "counter");
  sample(name, labels, value);
}

void Exposition::gauge(std::string_view name, std::string_view help, double value,
                       const Labels& labels) {
  family(name, help, "gauge");
  sample(name, labels, value);
}

void Exposition::histogram(std::string_view name, std::string_view help, const Histogram& histogram,
                           const Labels& labels) {
  family(name, help, "histogram");
  const auto s = histogram.snapshot();
  const std::string bucket = fmt::format("{}_bucket", name);
  auto with_le = [&](std::string le) {
    Labels l = labels;
    l.emplace_back("le", std::move(le));
    return l;
  };
  for (size_t i = 0; i < s.bounds.size(); ++i) {
    sample(bucket, with_le(format_value(s.bounds[i])), static_cast<double>(s.cumulative[i]));
  }
  sample(bucket, with_le("+Inf"), static_cast<double>(s.count));
  sample(fmt::format("{}_sum", name), labels, s.sum);
  sample(fmt::format("{}_count", name), labels, static_cast<double>(s.count));
}

void build_info(Exposition& out, std::string_view role) {
  out.gauge("quotewire_build_info", "quotewire version and role; always 1", 1,
            {{"version", QUOTEWIRE_VERSION}, {"role", std::string(role)}});
}

}  // namespace quotewire::metrics
