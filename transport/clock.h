#pragma once
// Milliseconds on two clocks: steady for timers, system for timestamps that leave the process.

#include <chrono>
#include <cstdint>

namespace quotewire::transport {

inline int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

inline int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace quotewire::transport
