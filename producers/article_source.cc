#include "producers/article_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <iterator>
#include <sstream>

#include "producers/article_formats.h"
#include "producers/article_id.h"

namespace quotewire::producers {
namespace fs = std::filesystem;
namespace {

bool is_jsonl(const fs::path& path) {
  const auto ext = path.extension();
  return ext == ".jsonl" || ext == ".ndjson";
}

}  // namespace

FileSource::FileSource(std::vector<std::string> inputs, ErrorHandler on_error)
    : on_error_(std::move(on_error)) {
  for (const auto& input : inputs) expand(input);
}

void FileSource::expand(const std::string& input) {
  if (input == "-") {
    files_.push_back(input);
    return;
  }
  std::error_code error;
  if (fs::is_directory(input, error)) {
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(input, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      const auto name = it->path().filename().string();
      if (it->is_regular_file() && !name.starts_with(".")) found.push_back(it->path().string());
    }
    if (error) on_error_({input, fmt::format("cannot list directory: {}", error.message())});
    std::sort(found.begin(), found.end());
    files_.insert(files_.end(), found.begin(), found.end());
    return;
  }
  files_.push_back(input);
}

std::optional<pb::Article> FileSource::next_json_line() {
  std::string line;
  while (std::getline(*lines_, line)) {
    ++line_number_;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto parsed = parse_json_article(line);
    if (auto* error = std::get_if<FormatError>(&parsed)) {
      on_error_({fmt::format("{}:{}", lines_name_, line_number_), error->reason});
      continue;
    }
    auto& article = std::get<pb::Article>(parsed);
    ensure_article_id(article);
    return std::move(article);
  }
  lines_ = nullptr;
  jsonl_.close();
  return std::nullopt;
}

std::optional<pb::Article> FileSource::next() {
  while (true) {
    if (lines_) {
      if (auto article = next_json_line()) return article;
    }
    if (next_file_ >= files_.size()) return std::nullopt;
    const std::string path = files_[next_file_++];

    if (path == "-") {
      // Peek: JSON Lines when the first non-blank character opens an object.
      std::cin >> std::ws;
      if (std::cin.peek() == '{') {
        lines_ = &std::cin;
        lines_name_ = "stdin";
        line_number_ = 0;
        continue;
      }
      std::string content{std::istreambuf_iterator<char>(std::cin),
                          std::istreambuf_iterator<char>()};
      pb::Article article = parse_text_article(content);
      ensure_article_id(article);
      return article;
    }

    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::error_code error;
      const bool exists = fs::exists(path, error);
      on_error_({path, exists ? "cannot read file (permission denied?)" : "no such file"});
      continue;
    }
    if (is_jsonl(path)) {
      jsonl_ = std::move(in);
      lines_ = &jsonl_;
      lines_name_ = path;
      line_number_ = 0;
      continue;
    }
    std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
      on_error_({path, "read error"});
      continue;
    }
    pb::Article article = parse_text_article(content);
    if (article.url().empty()) (*article.mutable_metadata())["file"] = path;
    ensure_article_id(article);
    return article;
  }
}

}  // namespace quotewire::producers
