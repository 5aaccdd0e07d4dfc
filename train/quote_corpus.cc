#include "train/quote_corpus.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace quotewire::train {
namespace {

// Byte offset of each character offset (Python's str indices) of UTF-8 `text`.
std::vector<uint32_t> char_to_byte(const std::string& text) {
  std::vector<uint32_t> map;
  map.reserve(text.size() + 1);
  for (uint32_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) map.push_back(i);
  }
  map.push_back(static_cast<uint32_t>(text.size()));
  return map;
}

extract::TextSpan span(const nlohmann::json& pair, const std::vector<uint32_t>& bytes) {
  const auto start = pair.at(0).get<size_t>(), end = pair.at(1).get<size_t>();
  if (start > end || end >= bytes.size()) throw std::runtime_error("span out of the text");
  return {bytes[start], bytes[end]};
}

std::string outlet_of(const std::string& id) {
  const auto dash = id.rfind("-train-");
  const std::string tail = dash == std::string::npos ? id : id.substr(dash + 7);
  return tail.substr(0, tail.find('_'));
}

}  // namespace

std::vector<AnnotatedArticle> read_quote_corpus(const std::string& path,
                                                const std::set<std::string>& excluded) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<AnnotatedArticle> out;
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    try {
      const auto j = nlohmann::json::parse(line);
      AnnotatedArticle a;
      a.id = j.at("id").get<std::string>();
      if (excluded.count(a.id)) continue;
      a.outlet = outlet_of(a.id);
      a.text = j.at("text").get<std::string>();
      const auto bytes = char_to_byte(a.text);
      for (const char* list : {"quotes", "unattributed"}) {
        for (const auto& q : j.value(list, nlohmann::json::array())) {
          Attribution at;
          for (const auto& s : q.at("quote_spans")) at.content.push_back(span(s, bytes));
          at.cue = span(q.at("cue_span"), bytes);
          if (q.contains("speaker_span") && q["speaker_span"].is_array()) {
            at.source = span(q["speaker_span"], bytes);
          }
          at.speech = q.value("speech_cue_helper", false);
          if (!at.content.empty()) a.attributions.push_back(std::move(at));
        }
      }
      out.push_back(std::move(a));
    } catch (const std::exception& e) {
      throw std::runtime_error(path + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  return out;
}

std::set<std::string> read_ids(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::set<std::string> ids;
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    try {
      ids.insert(nlohmann::json::parse(line).at("id").get<std::string>());
    } catch (const std::exception& e) {
      throw std::runtime_error(path + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  return ids;
}

}  // namespace quotewire::train
