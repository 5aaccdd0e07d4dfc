#pragma once
// The word lists of extract/data, compiled into the library (see extract/cmake/embed_data.cmake)
// so that a deployed binary needs no data files next to it.

#include <span>
#include <string_view>

namespace quotewire::extract {

struct EmbeddedFile {
  std::string_view name;      // file name inside extract/data, e.g. "countries.tsv"
  std::string_view contents;  // the file's bytes
};

std::span<const EmbeddedFile> embedded_files();

}  // namespace quotewire::extract
