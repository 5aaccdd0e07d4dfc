#include "transport/envelope.h"

#include <gtest/gtest.h>

namespace quotewire::transport {
namespace {

pb::Envelope article_envelope() {
  pb::Envelope envelope;
  auto* article = envelope.mutable_article();
  article->set_article_id("a-1");
  article->set_producer_id("p");
  article->set_sequence(42);
  article->set_body("Mayor Ana Horvat said the bridge would reopen.");
  return envelope;
}

TEST(Envelope, RoundTripKeepsTheBodyAndStampsTheVersion) {
  auto envelope = article_envelope();
  const std::string frame = encode(envelope);
  auto decoded = decode(frame);
  ASSERT_TRUE(std::holds_alternative<pb::Envelope>(decoded));
  const auto& back = std::get<pb::Envelope>(decoded);
  EXPECT_EQ(back.version(), pb::PROTOCOL_VERSION);
  EXPECT_EQ(back.article().article_id(), "a-1");
  EXPECT_EQ(back.article().sequence(), 42u);
  EXPECT_EQ(body_name(back), "article");
}

TEST(Envelope, GarbageBytesAreAClearErrorNotACrash) {
  auto decoded = decode(std::string("\xff\xff\xff\xff garbage", 13));
  ASSERT_TRUE(std::holds_alternative<DecodeError>(decoded));
  EXPECT_NE(std::get<DecodeError>(decoded).reason.find("malformed"), std::string::npos);
}

TEST(Envelope, TruncatedFrameIsRejected) {
  auto envelope = article_envelope();
  std::string frame = encode(envelope);
  frame.resize(frame.size() / 2);
  EXPECT_TRUE(std::holds_alternative<DecodeError>(decode(frame)));
}

TEST(Envelope, EmptyFrameIsRejected) {
  auto decoded = decode("");
  ASSERT_TRUE(std::holds_alternative<DecodeError>(decoded));
  EXPECT_EQ(std::get<DecodeError>(decoded).reason, "empty frame");
}

TEST(Envelope, UnknownProtocolVersionIsRejectedByNumber) {
  auto envelope = article_envelope();
  envelope.set_version(static_cast<pb::ProtocolVersion>(7));
  const std::string frame = envelope.SerializeAsString();  // not encode(): keep version 7
  auto decoded = decode(frame);
  ASSERT_TRUE(std::holds_alternative<DecodeError>(decoded));
  EXPECT_NE(std::get<DecodeError>(decoded).reason.find("version 7"), std::string::npos);
}

TEST(Envelope, EnvelopeWithoutBodyIsRejected) {
  pb::Envelope envelope;
  auto decoded = decode(encode(envelope));
  EXPECT_TRUE(std::holds_alternative<DecodeError>(decoded));
}

TEST(Envelope, DeliveryKeysDifferPerProducerAndSequence) {
  EXPECT_NE(delivery_key("a", 1), delivery_key("a", 2));
  EXPECT_NE(delivery_key("a", 1), delivery_key("b", 1));
  EXPECT_EQ(delivery_key("a", 1), delivery_key("a", 1));
}

}  // namespace
}  // namespace quotewire::transport
