#pragma once
// Headless Chromium for the dashboard's tests: Debian's package, when installed
// (`scripts/bootstrap --tests`); the tests that need it skip without it.
#include <string>
#include <vector>

#include "tests/support/process.h"

namespace quotewire::testing {

bool have_chromium();

// Runs headless Chromium on `url` with the flags this machine needs and `extra` ones
// ("--dump-dom", "--screenshot=FILE"); returns its stdout. Its profile lives in `dir`.
std::string chromium(const TempDir& dir, const std::vector<std::string>& extra,
                     const std::string& url);

}  // namespace quotewire::testing

// The first line of a test that needs the browser.
#define QW_SKIP_WITHOUT_CHROMIUM()            \
  if (!::quotewire::testing::have_chromium()) \
  GTEST_SKIP() << "Debian's chromium is not installed (scripts/bootstrap --tests installs it)"
