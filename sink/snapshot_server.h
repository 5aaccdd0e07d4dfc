#pragma once
// The "Clone" snapshot side of the sink (zguide ch. 5): a subscriber that joins late, or lost
// updates while the sink restarted, asks here for every statement after the last sequence it
// has; it gets them as ActorUpdates followed by a SnapshotEnd, from a read-only connection of
// its own so ingestion is not held up.

#include <stop_token>
#include <string>
#include <zmq.hpp>

#include "sink/database.h"
#include "transport/security.h"

namespace quotewire::sink {

class SnapshotServer {
 public:
  // `zap`: the sink's handler, asked about every request (none without CURVE).
  SnapshotServer(zmq::context_t& context, const std::string& endpoint, std::string db_path,
                 int64_t max_message_bytes, const transport::ServerSecurity& security,
                 const transport::ZapHandler* zap);

  const std::string& endpoint() const { return endpoint_; }
  void run(std::stop_token stop);

 private:
  void serve(const std::string& client, std::string_view frame);
  void reply(const std::string& client, const std::string& frame);

  zmq::socket_t socket_;
  std::string endpoint_;
  std::string db_path_;
  const transport::ZapHandler* zap_;
};

}  // namespace quotewire::sink
