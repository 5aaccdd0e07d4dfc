#pragma once
// Publication dates as feeds write them, to unix milliseconds.

#include <cstdint>
#include <optional>
#include <string_view>

namespace quotewire::producers {

// ISO 8601 ("2024-03-04", "2024-03-04T11:51:00Z", "...+01:00"), RFC 2822
// ("Mon, 04 Mar 2024 11:51:00 +0000") or unix milliseconds. Nothing when unparseable.
std::optional<int64_t> parse_date(std::string_view text);

}  // namespace quotewire::producers
