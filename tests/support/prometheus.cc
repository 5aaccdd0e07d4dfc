#include "tests/support/prometheus.h"

#include <cmath>
#include <regex>
#include <set>
#include <sstream>

namespace quotewire::testing {
namespace {

const std::regex kName("[a-zA-Z_:][a-zA-Z0-9_:]*");
// name{label="value",...} value
const std::regex kSample(R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? (\S+))");
const std::regex kLabel(R"lbl(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)")lbl");

std::string family_of(const std::string& name, const std::map<std::string, std::string>& types) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s(suffix);
    if (name.size() > s.size() && name.ends_with(s)) {
      const std::string base = name.substr(0, name.size() - s.size());
      auto it = types.find(base);
      if (it != types.end() && it->second == "histogram") return base;
    }
  }
  return name;
}

}  // namespace

std::vector<std::string> prometheus_errors(const std::string& text) {
  std::vector<std::string> errors;
  std::map<std::string, std::string> types;
  std::set<std::string> series, sampled_families;
  std::map<std::string, double> last_bucket, inf_bucket, counts;
  std::istringstream in(text);
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    const std::string where = "line " + std::to_string(n) + ": ";
    if (line.empty()) continue;
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) {
      std::istringstream words(line.substr(7));
      std::string name, rest;
      words >> name >> rest;
      if (!std::regex_match(name, kName)) errors.push_back(where + "bad metric name " + name);
      if (line.starts_with("# TYPE ")) {
        static const std::set<std::string> kTypes{"counter", "gauge", "histogram", "summary",
                                                  "untyped"};
        if (!kTypes.contains(rest)) errors.push_back(where + "unknown type " + rest);
        if (types.contains(name)) errors.push_back(where + "second TYPE for " + name);
        if (sampled_families.contains(name)) errors.push_back(where + "TYPE after samples");
        types[name] = rest;
      }
      continue;
    }
    if (line[0] == '#') continue;
    std::smatch m;
    if (!std::regex_match(line, m, kSample)) {
      errors.push_back(where + "not a sample: " + line);
      continue;
    }
    const std::string name = m[1], labels = m[3], value_text = m[4];
    std::string le;
    for (auto it = std::sregex_iterator(labels.begin(), labels.end(), kLabel);
         it != std::sregex_iterator(); ++it) {
      if ((*it)[1] == "le") le = (*it)[2];
    }
    // Whatever the labels hold must be nothing but well-formed pairs.
    const std::string stripped = std::regex_replace(labels, kLabel, "");
    if (stripped.find_first_not_of(",") != std::string::npos) {
      errors.push_back(where + "malformed labels {" + labels + "}");
    }
    double value = 0;
    try {
      value = value_text == "+Inf" ? INFINITY : std::stod(value_text);
    } catch (const std::exception&) {
      errors.push_back(where + "bad value " + value_text);
    }
    const std::string family = family_of(name, types);
    sampled_families.insert(family);
    if (!types.contains(family)) errors.push_back(where + "sample before its TYPE: " + name);
    if (!series.insert(name + "{" + labels + "}").second) {
      errors.push_back(where + "duplicate series " + name + "{" + labels + "}");
    }
    const std::string type = types.contains(family) ? types[family] : "";
    if ((type == "counter" || type == "histogram") && value < 0) {
      errors.push_back(where + "negative " + type + " " + name);
    }
    if (type == "histogram") {
      // Buckets of one series (labels other than le) must not decrease.
      std::string key = std::regex_replace(labels, std::regex(R"((,?le="[^"]*"))"), "");
      key = family + "{" + key + "}";
      if (name.ends_with("_bucket")) {
        if (last_bucket.contains(key) && value < last_bucket[key]) {
          errors.push_back(where + "bucket counts decrease in " + key);
        }
        last_bucket[key] = value;
        if (le == "+Inf") inf_bucket[key] = value;
      } else if (name.ends_with("_count")) {
        counts[key] = value;
      }
    }
  }
  for (const auto& [key, count] : counts) {
    if (!inf_bucket.contains(key)) {
      errors.push_back("no +Inf bucket for " + key);
    } else if (inf_bucket[key] != count) {
      errors.push_back("+Inf bucket differs from _count for " + key);
    }
  }
  return errors;
}

std::map<std::string, double> prometheus_samples(const std::string& text) {
  std::map<std::string, double> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (line.empty() || line[0] == '#' || !std::regex_match(line, m, kSample)) continue;
    out[m[1].str() + (m[2].matched ? m[2].str() : "")] =
        m[4] == "+Inf" ? INFINITY : std::stod(m[4]);
  }
  return out;
}

double metric_sum(const std::map<std::string, double>& samples, const std::string& name) {
  double sum = 0;
  for (const auto& [series, value] : samples) {
    if (series == name || series.starts_with(name + "{")) sum += value;
  }
  return sum;
}

}  // namespace quotewire::testing
