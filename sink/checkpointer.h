#pragma once
// Copies the sink's write-ahead log back into the database on a thread of its own. SQLite's
// automatic checkpoint runs inside the commit that crosses its threshold, on the sink's thread,
// and syncs the disk twice: the batch that triggers it waits for all of that, and so do the
// workers' acks. Here a commit only signals; the checkpoint runs beside ingestion, which WAL
// mode allows. Should this thread fall behind (a checkpoint cannot finish while commits keep
// coming), the writer checkpoints inline past a hard limit, so the log stays bounded.

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "metrics/exposition.h"
#include "sink/sqlite.h"

namespace quotewire::sink {

struct CheckpointSettings {
  int wal_pages = 1000;           // signal the thread (SQLite's own default threshold)
  int inline_after_pages = 8000;  // checkpoint on the writer's thread (~32 MB of log)
};

class Checkpointer {
 public:
  // Becomes `writer`'s WAL hook, which replaces SQLite's automatic checkpoint.
  Checkpointer(sqlite3* writer, const std::string& path, CheckpointSettings settings);
  // Stops the thread and gives the hook back; closing the writer checkpoints what is left.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  uint64_t background() const { return background_; }  // checkpoints run on the thread
  uint64_t on_writer() const { return on_writer_; }    // past the hard limit
  void export_to(metrics::Exposition& out) const;

 private:
  static int on_commit(void* self, sqlite3* writer, const char* schema, int wal_pages);
  void run(std::stop_token stop);

  sqlite3* writer_;
  CheckpointSettings settings_;
  // The writer's thread only: log pages at the last commit, and at which to wake the thread.
  int last_pages_ = 0;
  int signal_at_;
  SqliteConnection connection_;  // the thread's own
  std::mutex mutex_;
  std::condition_variable_any wake_;
  bool due_ = false;
  std::atomic<uint64_t> background_{0};
  std::atomic<uint64_t> on_writer_{0};
  std::jthread thread_;  // last: stops before the rest goes
};

}  // namespace quotewire::sink
