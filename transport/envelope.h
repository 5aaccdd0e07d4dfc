#pragma once
// Envelope framing: one protobuf Envelope per ZeroMQ data frame, with a protocol version.
// Decoding never throws on bad bytes: it says what was wrong, so a role can log, count and go on.

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "proto/quotewire.pb.h"

namespace quotewire::transport {

struct DecodeError {
  std::string reason;
};

// Stamps the protocol version and serialises.
std::string encode(pb::Envelope& envelope);

// A Reject carrying `reason`, encoded: what a role answers a message it will not take.
std::string encode_reject(std::string_view reason);

// Parses one frame; rejects malformed bytes, unknown versions and empty envelopes.
std::variant<pb::Envelope, DecodeError> decode(std::string_view frame);

// The envelope's body case as a word for logs ("article", "ack", ...).
std::string_view body_name(const pb::Envelope& envelope);

// The retry/ack key of an article: unique per (producer, sequence).
std::string delivery_key(std::string_view producer_id, uint64_t sequence);

}  // namespace quotewire::transport
