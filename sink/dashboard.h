#pragma once
// The dashboard page served at "/": plain HTML and JavaScript compiled into the binary
// (sink/web/dashboard.html; no CDN: deployments may have no internet).

#include <string_view>

namespace quotewire::sink {

std::string_view dashboard_page();

}  // namespace quotewire::sink
