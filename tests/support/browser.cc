#include "tests/support/browser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

namespace quotewire::testing {
namespace {
constexpr const char* kChromium = "/usr/bin/chromium";
}  // namespace

bool have_chromium() {
  return std::filesystem::exists(kChromium);
}

std::string chromium(const TempDir& dir, const std::vector<std::string>& extra,
                     const std::string& url) {
  std::vector<std::string> args{"--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--user-data-dir=" + (dir / "chromium-profile").string(),
                                "--window-size=1280,1100",
                                "--virtual-time-budget=4000"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(url);
  const auto out = dir / "chromium.out";
  Process browser(args, dir / "chromium.log", out, kChromium);
  EXPECT_GE(browser.wait(std::chrono::seconds(60)), 0) << read_file(dir / "chromium.log");
  return read_file(out);
}

}  // namespace quotewire::testing
