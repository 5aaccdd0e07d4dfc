#include "transport/envelope.h"

#include <fmt/format.h>

namespace quotewire::transport {

std::string encode(pb::Envelope& envelope) {
  envelope.set_version(pb::PROTOCOL_VERSION);
  return envelope.SerializeAsString();
}

std::string encode_reject(std::string_view reason) {
  pb::Envelope envelope;
  envelope.mutable_reject()->set_reason(std::string(reason));
  return encode(envelope);
}

std::variant<pb::Envelope, DecodeError> decode(std::string_view frame) {
  pb::Envelope envelope;
  if (frame.empty()) return DecodeError{"empty frame"};
  if (!envelope.ParseFromArray(frame.data(), static_cast<int>(frame.size()))) {
    return DecodeError{
        fmt::format("malformed envelope ({} bytes are not a protobuf Envelope)", frame.size())};
  }
  if (envelope.version() != pb::PROTOCOL_VERSION) {
    return DecodeError{fmt::format("unsupported protocol version {} (this build speaks {})",
                                   static_cast<int>(envelope.version()),
                                   static_cast<int>(pb::PROTOCOL_VERSION))};
  }
  if (envelope.body_case() == pb::Envelope::BODY_NOT_SET) {
    return DecodeError{"envelope without a body"};
  }
  return envelope;
}

std::string_view body_name(const pb::Envelope& envelope) {
  switch (envelope.body_case()) {
    case pb::Envelope::kArticle:
      return "article";
    case pb::Envelope::kExtraction:
      return "extraction";
    case pb::Envelope::kDeadLetter:
      return "dead_letter";
    case pb::Envelope::kReady:
      return "ready";
    case pb::Envelope::kHeartbeat:
      return "heartbeat";
    case pb::Envelope::kAck:
      return "ack";
    case pb::Envelope::kReject:
      return "reject";
    case pb::Envelope::kActorUpdate:
      return "actor_update";
    case pb::Envelope::kDisconnect:
      return "disconnect";
    case pb::Envelope::kSnapshotRequest:
      return "snapshot_request";
    case pb::Envelope::kSnapshotEnd:
      return "snapshot_end";
    case pb::Envelope::BODY_NOT_SET:
      break;
  }
  return "none";
}

std::string delivery_key(std::string_view producer_id, uint64_t sequence) {
  return fmt::format("{}#{}", producer_id, sequence);
}

}  // namespace quotewire::transport
