#pragma once
// Topics on the sink's updates socket (PUB), for the sink that publishes and the subscribers
// that filter. Actor ids are folded names ([a-z0-9-]), so none of these is an actor id.

#include <string_view>

namespace quotewire::transport {

inline constexpr std::string_view kHeartbeatTopic = "~heartbeat";
inline constexpr std::string_view kUnattributedTopic = "~unattributed";
// A statement again for each actor it is for or about: "for:russia", "about:kosovo".
inline constexpr std::string_view kForTopic = "for:";
inline constexpr std::string_view kAboutTopic = "about:";

inline bool is_link_topic(std::string_view topic) {
  return topic.starts_with(kForTopic) || topic.starts_with(kAboutTopic);
}

}  // namespace quotewire::transport
