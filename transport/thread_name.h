#pragma once
// Names the calling thread after its role ("broker", "worker", "sink", ...), so `top -H`,
// `perf` and debuggers show which role is busy when several run in one process.

#include <pthread.h>

#include <algorithm>

#include <string>

namespace quotewire::transport {

inline void name_this_thread(std::string name) {
  name.resize(std::min<size_t>(name.size(), 15));  // the kernel keeps 15 bytes
  pthread_setname_np(pthread_self(), name.c_str());
}

}  // namespace quotewire::transport
