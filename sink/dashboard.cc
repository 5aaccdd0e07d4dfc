#include "sink/dashboard.h"

#include "sink_web.h"  // generated: the files of sink/web/

namespace quotewire::sink {

std::string_view dashboard_page() {
  for (const auto& file : web::embedded_files()) {
    if (file.name == "dashboard.html") return file.contents;
  }
  return "dashboard missing from this build";
}

}  // namespace quotewire::sink
