#pragma once
// Where articles come from. FileSource walks files, directories and stdin: text articles, JSON
// Lines streamed line by line, RSS/Atom feeds item by item; an unreadable file or a bad line
// is reported (file and line) and skipped, and the rest still goes through. It can follow
// growing JSON Lines files, watch directories for new files, and keep a checkpoint of how far
// each input is acknowledged so that a restarted publish resumes where it stopped.

#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "metrics/exposition.h"
#include "producers/ack_ledger.h"
#include "producers/article_formats.h"
#include "producers/checkpoint.h"
#include "producers/directory_watch.h"
#include "producers/line_reader.h"
#include "proto/quotewire.pb.h"

namespace quotewire::producers {

struct InputError {
  std::string where;  // "path:line", "path" or, for Kafka, "topic[partition]@offset"
  std::string reason;
};
using ErrorHandler = std::function<void(const InputError&)>;

class ArticleSource {
 public:
  virtual ~ArticleSource() = default;
  // The next article, with article_id set; nothing when none is ready now.
  virtual std::optional<pb::Article> next() = 0;
  // After next() returned nothing: true when it never will again.
  virtual bool exhausted() const { return true; }
  // Live sources (followed files, watched directories, Kafka) have no end of their own: the
  // publisher runs until stopped, and being stopped with nothing outstanding is success.
  virtual bool live() const { return false; }
  // The sink acknowledged the article that next() returned as its `ordinal`-th (0-based).
  // Acknowledgements arrive in any order, each at most once.
  virtual void acknowledged(uint64_t ordinal) { (void)ordinal; }
  // Called from the publisher's loop every 100 ms or so, and once with `final` when it stops:
  // the moment to record durably how far the input is acknowledged.
  virtual void sync(bool final) { (void) final; }
  // Adds the source's own figures to the publisher's /metrics. Called from an HTTP thread while
  // the source runs: it may read only what is safe to read concurrently (atomics, locked maps).
  virtual void export_to(metrics::Exposition& out) const { (void)out; }
  // Adds the source's figures to the publisher's status (/api/status), under the same rule.
  virtual void status_to(nlohmann::json& out) const { (void)out; }
};

struct FileSourceOptions {
  FieldMap map;            // JSON Lines field names
  bool follow = false;     // JSON Lines files: wait for more lines at the end (tail -F)
  bool watch = false;      // directories: keep publishing files as they land
  std::string checkpoint;  // file recording acknowledged positions; empty: none
  int64_t checkpoint_interval_ms = 500;  // save at most this often (and when stopping)
};

class FileSource : public ArticleSource {
 public:
  // Inputs: files (*.jsonl / *.ndjson are JSON Lines; *.rss, *.atom, *.xml and anything that
  // starts like a feed are RSS/Atom or a news sitemap; *.html, *.htm and anything that starts
  // like HTML one page's article; anything else one text article), directories (their files,
  // recursively, in name order) and "-" for stdin (JSON Lines when it starts with '{', a feed
  // or a page when it looks like one, else one text article).
  // Throws CheckpointError when the checkpoint exists but cannot be used.
  FileSource(std::vector<std::string> inputs, ErrorHandler on_error,
             FileSourceOptions options = {});
  ~FileSource() override;

  std::optional<pb::Article> next() override;
  bool exhausted() const override;
  bool live() const override { return options_.follow || options_.watch; }
  void acknowledged(uint64_t ordinal) override;
  void sync(bool final) override;

 private:
  // One input file being read, and tracked until all its articles are acknowledged.
  struct Input {
    std::string path;
    std::string key;  // in the checkpoint; empty for stdin (it cannot be resumed)
    FileIdentity identity;
    AckLedger::Stream stream = 0;
    std::unique_ptr<LineReader> lines;   // JSON Lines
    std::vector<pb::Article> documents;  // a feed's items, or one text article
    size_t next_document = 0;
    bool done = false;  // read to the end
  };

  void expand(const std::string& input);
  // Opens the next queued file; nothing when it needs no reading (complete, unreadable).
  Input* open(const std::string& path);
  void open_documents(Input& input, const std::string& content, size_t resume_at);
  // The next article of an input; nothing when it has none now (done, or waiting).
  std::optional<pb::Article> read(Input& input);
  std::optional<pb::Article> read_line(Input& input);
  pb::Article hand_out(Input& input, pb::Article article, Position after);
  void record(const Input& input);

  ErrorHandler on_error_;
  FileSourceOptions options_;
  std::deque<std::string> queue_;               // files to read, in order
  std::list<Input> inputs_;                     // opened and not yet settled
  Input* current_ = nullptr;                    // being read in order
  std::vector<Input*> followed_;                // at their end, waiting for more
  std::map<std::string, FileIdentity> opened_;  // this run: a file landing twice is read once
  std::unique_ptr<DirectoryWatch> watch_;
  std::unique_ptr<Checkpoint> checkpoint_;
  AckLedger ledger_;
  uint64_t handed_out_ = 0;
  int64_t next_save_ms_ = 0;
};

}  // namespace quotewire::producers
