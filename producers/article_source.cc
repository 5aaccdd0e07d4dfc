#include "producers/article_source.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <fstream>
#include <iterator>
#include <system_error>

#include "producers/article_id.h"
#include "producers/feed_format.h"
#include "transport/clock.h"

namespace quotewire::producers {
namespace fs = std::filesystem;
namespace {

bool has_extension(const fs::path& path, std::initializer_list<const char*> extensions) {
  const auto ext = path.extension();
  return std::any_of(extensions.begin(), extensions.end(), [&](const char* e) { return ext == e; });
}

bool is_jsonl(const fs::path& path) {
  return has_extension(path, {".jsonl", ".ndjson"});
}

bool is_feed(const fs::path& path) {
  return has_extension(path, {".rss", ".atom", ".xml"});
}

bool is_html(const fs::path& path) {
  return has_extension(path, {".html", ".htm"});
}

// Reads stdin up to its first non-blank byte (blocking: nothing else can happen before we know
// what it is). Returns what was read; empty at the end of input.
std::string sniff_stdin() {
  std::string read;
  char c;
  while (::read(STDIN_FILENO, &c, 1) == 1) {
    read += c;
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
  }
  return read;
}

std::string read_rest_of_stdin(std::string content) {
  char buffer[64 * 1024];
  ssize_t n;
  while ((n = ::read(STDIN_FILENO, buffer, sizeof buffer)) > 0) {
    content.append(buffer, static_cast<size_t>(n));
  }
  return content;
}

}  // namespace

FileSource::FileSource(std::vector<std::string> inputs, ErrorHandler on_error,
                       FileSourceOptions options)
    : on_error_(std::move(on_error)), options_(std::move(options)) {
  if (!options_.checkpoint.empty()) {
    checkpoint_ = std::make_unique<Checkpoint>(options_.checkpoint);
  }
  if (options_.watch) watch_ = std::make_unique<DirectoryWatch>();
  for (const auto& input : inputs) expand(input);
}

FileSource::~FileSource() = default;

void FileSource::expand(const std::string& input) {
  if (input == "-") {
    queue_.push_back(input);
    return;
  }
  std::error_code error;
  if (fs::is_directory(input, error)) {
    // Watch first, list second: a file landing in between is seen twice rather than never.
    if (watch_) {
      try {
        watch_->add(input);
      } catch (const std::system_error& e) {
        on_error_({input, fmt::format("cannot watch: {}", e.code().message())});
      }
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(input, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      const auto name = it->path().filename().string();
      if (it->is_regular_file() && !name.starts_with(".")) found.push_back(it->path().string());
    }
    if (error) on_error_({input, fmt::format("cannot list directory: {}", error.message())});
    std::sort(found.begin(), found.end());
    queue_.insert(queue_.end(), found.begin(), found.end());
    return;
  }
  queue_.push_back(input);
}

FileSource::Input* FileSource::open(const std::string& path) {
  Input input{.path = path};
  if (path == "-") {
    std::string start = sniff_stdin();
    if (start.empty()) return nullptr;
    input.stream = ledger_.open({});
    if (start.back() == '{') {
      input.lines = std::make_unique<LineReader>("-", Position{}, false, std::move(start));
    } else {
      open_documents(input, read_rest_of_stdin(std::move(start)), 0);
    }
    return &inputs_.emplace_back(std::move(input));
  }

  const auto identity = identify(path);
  if (!identity) {
    std::error_code error;
    on_error_({path, fs::exists(path, error) ? "cannot read file" : "no such file"});
    return nullptr;
  }
  input.identity = *identity;
  input.key = fs::absolute(path).lexically_normal().string();
  if (auto seen = opened_.find(input.key); seen != opened_.end() && seen->second == *identity) {
    return nullptr;  // landed twice (watch and listing): read once
  }
  const bool being_read = std::any_of(inputs_.begin(), inputs_.end(), [&](const Input& open) {
    return open.key == input.key && !open.done;
  });
  if (being_read) return nullptr;  // a followed file written again: its reader sees the rest
  opened_[input.key] = *identity;

  // Where the checkpoint says to resume, if the file is still the one it was.
  const FilePosition* saved = checkpoint_ ? checkpoint_->find(input.key) : nullptr;
  Position start;
  if (saved) {
    const bool same_file =
        saved->identity.device == identity->device && saved->identity.inode == identity->inode;
    // JSON Lines only grow at the end; any other file must be unchanged to resume within it.
    const bool resumable = is_jsonl(path) ? same_file && identity->size >= saved->position.offset
                                          : saved->identity == *identity;
    if (resumable && saved->complete && !is_jsonl(path)) return nullptr;
    if (resumable) {
      start = saved->position;
    } else {
      spdlog::info("publish: {} changed since the checkpoint; reading it from the start", path);
    }
  }

  try {
    if (is_jsonl(path)) {
      input.lines = std::make_unique<LineReader>(path, start, options_.follow);
    } else {
      std::ifstream in(path, std::ios::binary);
      std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      if (!in.good() && !in.eof()) throw std::system_error(errno, std::generic_category());
      open_documents(input, content, static_cast<size_t>(start.offset));
    }
  } catch (const std::system_error& e) {
    on_error_({path, fmt::format("cannot read file: {}", e.code().message())});
    return nullptr;
  }
  input.stream = ledger_.open(start);
  return &inputs_.emplace_back(std::move(input));
}

void FileSource::open_documents(Input& input, const std::string& content, size_t resume_at) {
  const bool feed = input.path == "-" ? looks_like_feed(content)
                                      : is_feed(input.path) || looks_like_feed(content);
  if (feed) {
    ParsedFeed parsed = parse_feed(content);
    for (const auto& error : parsed.errors) {
      const std::string name = input.path == "-" ? "stdin" : input.path;
      on_error_({error.line > 0 ? fmt::format("{}:{}", name, error.line) : name, error.reason});
    }
    input.documents = std::move(parsed.articles);
  } else if (input.path == "-" ? web::looks_like_html(content)
                               : is_html(input.path) || web::looks_like_html(content)) {
    try {
      const web::PageArticle page = web::read_page(content);
      pb::Article article;
      article.set_body(page.body());
      apply_page_metadata(page, article);
      if (article.url().empty() && input.path != "-") {
        (*article.mutable_metadata())["file"] = input.path;
      }
      ensure_article_id(article);
      input.documents.push_back(std::move(article));
    } catch (const web::NotAPage& e) {
      on_error_({input.path == "-" ? "stdin" : input.path, e.what()});
    }
  } else {
    pb::Article article = parse_text_article(content);
    if (article.url().empty() && input.path != "-") {
      (*article.mutable_metadata())["file"] = input.path;
    }
    ensure_article_id(article);
    input.documents.push_back(std::move(article));
  }
  input.next_document = std::min(resume_at, input.documents.size());
}

pb::Article FileSource::hand_out(Input& input, pb::Article article, Position after) {
  [[maybe_unused]] const uint64_t ticket = ledger_.read(input.stream, after);
  assert(ticket == handed_out_);  // tickets count from 0 in read order: they are the ordinals
  ++handed_out_;
  return article;
}

std::optional<pb::Article> FileSource::read_line(Input& input) {
  LineReader::Line line;
  while (true) {
    switch (input.lines->next(line)) {
      case LineReader::Status::waiting:
        if (input.lines->restarted()) {
          // Rotated or truncated under us: a new file for the checkpoint, from its start.
          ledger_.close(input.stream);
          input.stream = ledger_.open({});
          if (auto identity = identify(input.path)) input.identity = *identity;
        }
        return std::nullopt;
      case LineReader::Status::end:
        input.done = true;
        return std::nullopt;
      case LineReader::Status::line:
        break;
    }
    if (line.text.find_first_not_of(" \t\r") == std::string::npos) {
      ledger_.skip(input.stream, line.after);
      continue;
    }
    auto parsed = parse_json_article(line.text, options_.map);
    if (auto* error = std::get_if<FormatError>(&parsed)) {
      const std::string name = input.path == "-" ? "stdin" : input.path;
      on_error_({fmt::format("{}:{}", name, line.after.line), error->reason});
      ledger_.skip(input.stream, line.after);
      continue;
    }
    auto& article = std::get<pb::Article>(parsed);
    ensure_article_id(article);
    return hand_out(input, std::move(article), line.after);
  }
}

std::optional<pb::Article> FileSource::read(Input& input) {
  if (input.done) return std::nullopt;
  if (input.lines) return read_line(input);
  if (input.next_document < input.documents.size()) {
    const size_t i = input.next_document++;
    return hand_out(input, std::move(input.documents[i]),
                    {static_cast<int64_t>(input.next_document), 0});
  }
  ledger_.skip(input.stream, {static_cast<int64_t>(input.documents.size()), 0});
  input.done = true;
  return std::nullopt;
}

std::optional<pb::Article> FileSource::next() {
  while (true) {
    if (current_) {
      if (auto article = read(*current_)) return article;
      // At its end, or waiting for more (a followed file, a quiet pipe): on to the next file.
      if (!current_->done) followed_.push_back(current_);
      current_ = nullptr;
    }
    if (!queue_.empty()) {
      const std::string path = queue_.front();
      queue_.pop_front();
      current_ = open(path);
      continue;
    }
    if (watch_) {
      for (auto& path : watch_->poll()) queue_.push_back(std::move(path));
      if (!queue_.empty()) continue;
    }
    for (auto it = followed_.begin(); it != followed_.end();) {
      Input* input = *it;
      auto article = read(*input);
      it = input->done ? followed_.erase(it) : std::next(it);
      if (article) return article;
    }
    return std::nullopt;
  }
}

bool FileSource::exhausted() const {
  return !watch_ && queue_.empty() && !current_ && followed_.empty();
}

void FileSource::acknowledged(uint64_t ordinal) {
  ledger_.acknowledge(ordinal);
}

void FileSource::record(const Input& input) {
  if (!checkpoint_ || input.key.empty()) return;
  const auto committed = ledger_.committed(input.stream);
  if (!committed) return;
  checkpoint_->set(input.key, {.position = *committed,
                               .complete = input.done && ledger_.settled(input.stream),
                               .identity = input.identity});
}

void FileSource::sync(bool final) {
  for (auto it = inputs_.begin(); it != inputs_.end();) {
    record(*it);
    // Inputs read to the end with every article acknowledged are finished with.
    if (it->done && ledger_.settled(it->stream) && &*it != current_) {
      ledger_.close(it->stream);
      it = inputs_.erase(it);
    } else {
      ++it;
    }
  }
  if (!checkpoint_) return;
  const int64_t now = transport::steady_ms();
  if (!final && now < next_save_ms_) return;
  next_save_ms_ = now + options_.checkpoint_interval_ms;
  try {
    checkpoint_->save();
  } catch (const CheckpointError& e) {
    // Positions on disk stay behind: a restart re-sends more, it never skips.
    spdlog::error("publish: {}", e.what());
  }
}

}  // namespace quotewire::producers
