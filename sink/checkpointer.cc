#include "sink/checkpointer.h"

#include <spdlog/spdlog.h>

#include "transport/thread_name.h"

namespace quotewire::sink {

Checkpointer::Checkpointer(sqlite3* writer, const std::string& path, CheckpointSettings settings)
    : writer_(writer),
      settings_(settings),
      signal_at_(settings.wal_pages),
      connection_(path, /*read_only=*/false) {
  // A connection learns that the database is in WAL mode when it first reads it; until then
  // its checkpoints succeed and copy nothing.
  connection_.exec("PRAGMA journal_mode");
  thread_ = std::jthread([this](std::stop_token stop) {
    transport::name_this_thread("sink-checkpoint");
    run(stop);
  });
  sqlite3_wal_hook(writer_, &Checkpointer::on_commit, this);
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  thread_.request_stop();
  thread_.join();
}

int Checkpointer::on_commit(void* self, sqlite3* writer, const char* schema, int wal_pages) {
  auto& c = *static_cast<Checkpointer*>(self);
  // The count only falls when the log restarts (after a checkpoint it stays high until then):
  // the next signal waits for as many new pages again, not for the next commit.
  if (wal_pages < c.last_pages_) c.signal_at_ = c.settings_.wal_pages;
  c.last_pages_ = wal_pages;
  if (wal_pages >= c.settings_.inline_after_pages) {
    // What the thread has copied already is not copied again: this finishes its work.
    sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    ++c.on_writer_;
  } else if (wal_pages >= c.signal_at_) {
    c.signal_at_ = wal_pages + c.settings_.wal_pages;
    {
      std::lock_guard lock(c.mutex_);
      c.due_ = true;
    }
    c.wake_.notify_one();
  }
  return SQLITE_OK;
}

void Checkpointer::export_to(metrics::Exposition& out) const {
  const char* help = "WAL checkpoints, by the thread that ran them (sink: past the hard limit)";
  out.counter("quotewire_sink_checkpoints_total", help, background_, {{"thread", "checkpoint"}});
  out.counter("quotewire_sink_checkpoints_total", help, on_writer_, {{"thread", "sink"}});
}

void Checkpointer::run(std::stop_token stop) {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      if (!wake_.wait(lock, stop, [this] { return due_; })) return;
      due_ = false;
    }
    // PASSIVE: copies what no reader still needs, never waits for the writer or blocks it.
    const int rc = sqlite3_wal_checkpoint_v2(connection_.sqlite_handle(), nullptr,
                                             SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc == SQLITE_OK) {
      ++background_;
    } else if (rc != SQLITE_BUSY) {
      spdlog::warn("sink: checkpoint failed: {}", sqlite3_errmsg(connection_.sqlite_handle()));
    }
  }
}

}  // namespace quotewire::sink
