// The framing between the indexer and its long-lived parse child (`<exe> parse-server`): one
// request (a file's name and bytes) on the child's stdin, then one response (the parsed issue as
// JSON, or the parser's refusal) on its stdout, strictly one at a time.
//
// Every frame starts with a fixed 24-byte header: a magic word, a size, the request id and a second
// size. The child echoes the request id, so an answer can never be taken for another file's: the
// parent checks magic and id and, on any mismatch, kills the child rather than resynchronising.
// Both ends are the same binary on the same machine, so fields are in native byte order.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace briefsearch::pipeline {

inline constexpr size_t kFrameHeaderSize = 24;
// Far above --max-file-mb's useful range and any parse result; a size beyond this is a broken
// frame, not a request to allocate.
inline constexpr uint64_t kMaxFramePayload = uint64_t{256} << 20;
inline constexpr uint32_t kMaxNameSize = 4096;

struct ParseRequest {
  uint64_t id = 0;
  std::string name;   // the file's name: its extension and publisher hints matter to the parser
  std::string bytes;  // the file's content
};

struct ParseResponse {
  uint64_t id = 0;
  // OK: `payload` is the issue as JSON (parsed_issue_json.h); otherwise the parser refused the
  // file and `payload` is its one-line reason.
  absl::StatusCode code = absl::StatusCode::kOk;
  std::string payload;
};

// Encodes the request's header; its name and bytes follow it on the pipe as they are (no copy of
// a file of tens of MiB).
std::string EncodeRequestHeader(uint64_t id, std::string_view name, std::string_view bytes);
std::string EncodeResponse(const ParseResponse& response);

// Decoders of a header at the start of `data` (at least kFrameHeaderSize bytes). On success they
// fill the id and return how many bytes follow the header (name + bytes, or the payload).
// INVALID_ARGUMENT on a wrong magic word or a size out of range: the stream is broken.
struct RequestHeader {
  uint64_t id = 0;
  uint32_t name_size = 0;
  uint64_t bytes_size = 0;
};
absl::Status DecodeRequestHeader(std::string_view data, RequestHeader* header);

struct ResponseHeader {
  uint64_t id = 0;
  absl::StatusCode code = absl::StatusCode::kOk;
  uint64_t payload_size = 0;
};
absl::Status DecodeResponseHeader(std::string_view data, ResponseHeader* header);

}  // namespace briefsearch::pipeline
