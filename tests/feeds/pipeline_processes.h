#pragma once
// Broker, one worker and sink as separate processes on loopback, for tests that start, kill
// and restart `quotewire publish` against a pipeline that stays up.

#include <signal.h>

#include <optional>
#include <string>
#include <vector>

#include "sink/queries.h"
#include "tests/support/process.h"

namespace quotewire::testing {

class PipelineProcesses {
 public:
  // `sink_flags` are added to the sink's command line (a Kafka output, ...).
  explicit PipelineProcesses(const TempDir& dir, std::vector<std::string> sink_flags = {})
      : dir_(dir.path()),
        db_((dir / "sink.db").string()),
        frontend_(tcp_endpoint(free_port())),
        backend_(tcp_endpoint(free_port())),
        results_(tcp_endpoint(free_port())),
        sink_args_{"sink",
                   "--db",
                   db_,
                   "--results",
                   results_,
                   "--updates",
                   tcp_endpoint(free_port()),
                   "--snapshots",
                   tcp_endpoint(free_port()),
                   "--http",
                   "off"} {
    sink_args_.insert(sink_args_.end(), sink_flags.begin(), sink_flags.end());
    start_sink();
    broker_.emplace(
        std::vector<std::string>{"broker", "--frontend", frontend_, "--backend", backend_},
        dir / "broker.log");
    worker_.emplace(std::vector<std::string>{"worker", "--broker", backend_, "--sink", results_},
                    dir / "worker.log");
  }

  void start_sink() { sink_.emplace(sink_args_, dir_ / "sink.log"); }
  void kill_sink() {
    sink_->signal(SIGKILL);
    sink_->wait(std::chrono::seconds(5));
  }

  const std::string& frontend() const { return frontend_; }
  const std::string& db() const { return db_; }

  int64_t stored_articles() const {
    try {
      return sink::Queries(db_).totals().articles;
    } catch (const std::exception&) {
      return 0;  // not created yet
    }
  }

  // Stops the sink so that its database is complete and closed.
  void stop_sink() {
    sink_->signal(SIGTERM);
    sink_->wait(std::chrono::seconds(10));
  }

 private:
  std::filesystem::path dir_;
  std::string db_;
  std::string frontend_;
  std::string backend_;
  std::string results_;
  std::vector<std::string> sink_args_;
  std::optional<Process> sink_;
  std::optional<Process> broker_;
  std::optional<Process> worker_;
};

}  // namespace quotewire::testing
