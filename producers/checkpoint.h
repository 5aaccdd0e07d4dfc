#pragma once
// The --checkpoint file: for every input file, how far its articles are acknowledged, and what
// the file looked like then (so a file replaced since is read again from the start, never
// skipped). Saved durably (common/durable_file.h): a crash leaves the old checkpoint or the
// new one, never a torn one.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "producers/ack_ledger.h"

namespace quotewire::producers {

class CheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Identity of a file's content as far as resuming goes.
struct FileIdentity {
  uint64_t device = 0;
  uint64_t inode = 0;
  int64_t size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};

// Nothing when the file cannot be stat'ed.
std::optional<FileIdentity> identify(const std::filesystem::path& path);

struct FilePosition {
  Position position;      // bytes (JSON Lines) or articles (feeds, text files)
  bool complete = false;  // every article of the file acknowledged
  FileIdentity identity;  // when it was opened
};

class Checkpoint {
 public:
  // Loads the file if it exists. Throws CheckpointError when it exists but is unreadable.
  explicit Checkpoint(std::filesystem::path path);

  const std::filesystem::path& path() const { return path_; }
  const FilePosition* find(const std::string& input) const;
  void set(const std::string& input, const FilePosition& position);
  bool dirty() const { return dirty_; }

  // Writes it durably if anything changed. Throws CheckpointError on failure.
  void save();

 private:
  std::filesystem::path path_;
  std::map<std::string, FilePosition> inputs_;
  bool dirty_ = false;
};

}  // namespace quotewire::producers
