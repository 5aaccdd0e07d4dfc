#pragma once
// The sink's HTTP JSON API (documented in docs/API.md) and its live dashboard at "/". Every
// request opens its own read-only connection: requests run on HTTP threads beside the sink's
// writer, which WAL mode allows.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "sink/activity.h"
#include "sink/sink_probe.h"

namespace httplib {
class Server;
}

namespace quotewire::sink {

struct ApiContext {
  std::string db_path;
  const SinkProbe& probe;
  const Activity& activity;
  std::function<nlohmann::json()> broker_status;     // may be empty
  std::function<nlohmann::json()> producers_status;  // an array; may be empty
};

void add_api_routes(httplib::Server& server, ApiContext context);

}  // namespace quotewire::sink
