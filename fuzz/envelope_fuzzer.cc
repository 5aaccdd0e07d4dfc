// libFuzzer: any bytes as an envelope frame must decode or be refused with a reason, never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "transport/envelope.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view frame(reinterpret_cast<const char*>(data), size);
  auto decoded = quotewire::transport::decode(frame);
  if (auto* envelope = std::get_if<quotewire::pb::Envelope>(&decoded)) {
    // What decodes must survive a round trip.
    quotewire::transport::body_name(*envelope);
    auto again = quotewire::transport::decode(quotewire::transport::encode(*envelope));
    if (!std::holds_alternative<quotewire::pb::Envelope>(again)) __builtin_trap();
  }
  return 0;
}
