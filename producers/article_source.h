#pragma once
// Where articles come from. FileSource walks files, directories and stdin, streaming JSON Lines
// line by line; an unreadable file or a bad line is reported (file and line) and skipped, and
// the rest still goes through.

#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "proto/quotewire.pb.h"

namespace quotewire::producers {

struct InputError {
  std::string where;  // "path:line" or "path"
  std::string reason;
};

class ArticleSource {
 public:
  virtual ~ArticleSource() = default;
  // The next article, with article_id set; nothing when the source is exhausted.
  virtual std::optional<pb::Article> next() = 0;
};

class FileSource : public ArticleSource {
 public:
  using ErrorHandler = std::function<void(const InputError&)>;

  // Inputs: files (*.jsonl / *.ndjson are JSON Lines, anything else one text article),
  // directories (their files, recursively, in name order) and "-" for stdin (JSON Lines when
  // it starts with '{', else one text article).
  FileSource(std::vector<std::string> inputs, ErrorHandler on_error);

  std::optional<pb::Article> next() override;

 private:
  void expand(const std::string& input);
  std::optional<pb::Article> next_json_line();

  ErrorHandler on_error_;
  std::vector<std::string> files_;  // expanded, in order
  size_t next_file_ = 0;
  // The JSON Lines file being streamed, if any.
  std::ifstream jsonl_;
  std::istream* lines_ = nullptr;
  std::string lines_name_;
  size_t line_number_ = 0;
};

}  // namespace quotewire::producers
