// The frames between the indexer and its parse child: headers round-trip, and anything that is not
// a frame, or claims sizes no frame has, is refused rather than allocated for.
#include "indexer/pipeline/parse_frames.h"

#include "gtest/gtest.h"

namespace briefsearch::pipeline {
namespace {

TEST(ParseFramesTest, RequestHeaderRoundTrips) {
  const std::string header = EncodeRequestHeader(42, "brief.md", "0123456789");
  ASSERT_EQ(header.size(), kFrameHeaderSize);
  RequestHeader h;
  ASSERT_TRUE(DecodeRequestHeader(header, &h).ok());
  EXPECT_EQ(h.id, 42u);
  EXPECT_EQ(h.name_size, 8u);
  EXPECT_EQ(h.bytes_size, 10u);
}

TEST(ParseFramesTest, ResponseRoundTripsWithItsCode) {
  const std::string frame =
      EncodeResponse({.id = 7, .code = absl::StatusCode::kInvalidArgument, .payload = "encrypted"});
  ASSERT_EQ(frame.size(), kFrameHeaderSize + 9);
  ResponseHeader h;
  ASSERT_TRUE(DecodeResponseHeader(frame, &h).ok());
  EXPECT_EQ(h.id, 7u);
  EXPECT_EQ(h.code, absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(h.payload_size, 9u);
  EXPECT_EQ(frame.substr(kFrameHeaderSize), "encrypted");
}

TEST(ParseFramesTest, ARequestIsNotAResponseNorTextAFrame) {
  ResponseHeader r;
  EXPECT_FALSE(DecodeResponseHeader(EncodeRequestHeader(1, "a", "b"), &r).ok());
  RequestHeader q;
  EXPECT_FALSE(DecodeRequestHeader(EncodeResponse({.id = 1}), &q).ok());
  EXPECT_FALSE(DecodeRequestHeader("stray output from a library\n", &q).ok());
  EXPECT_FALSE(DecodeRequestHeader("short", &q).ok());
}

TEST(ParseFramesTest, SizesBeyondTheLimitsAreRefused) {
  RequestHeader q;
  EXPECT_FALSE(
      DecodeRequestHeader(EncodeRequestHeader(1, std::string(kMaxNameSize + 1, 'n'), ""), &q).ok());
  std::string huge = EncodeRequestHeader(1, "a", "");
  const uint64_t size = kMaxFramePayload + 1;
  huge.replace(16, 8, reinterpret_cast<const char*>(&size), 8);
  EXPECT_FALSE(DecodeRequestHeader(huge, &q).ok());
}

}  // namespace
}  // namespace briefsearch::pipeline
