#include "indexer/pipeline/parse_frames.h"

#include <cstring>

#include "absl/strings/str_cat.h"

namespace briefsearch::pipeline {
namespace {

constexpr uint32_t kRequestMagic = 0x51505342;   // "BSPQ" in memory on little-endian machines
constexpr uint32_t kResponseMagic = 0x52505342;  // "BSPR"

// magic (4) | small (4: name size or status code) | id (8) | size (8)
std::string Header(uint32_t magic, uint32_t small, uint64_t id, uint64_t size) {
  std::string out(kFrameHeaderSize, '\0');
  std::memcpy(out.data(), &magic, 4);
  std::memcpy(out.data() + 4, &small, 4);
  std::memcpy(out.data() + 8, &id, 8);
  std::memcpy(out.data() + 16, &size, 8);
  return out;
}

absl::Status Split(std::string_view data, uint32_t want_magic, uint32_t* small, uint64_t* id,
                   uint64_t* size) {
  if (data.size() < kFrameHeaderSize) return absl::InvalidArgumentError("short frame header");
  uint32_t magic = 0;
  std::memcpy(&magic, data.data(), 4);
  std::memcpy(small, data.data() + 4, 4);
  std::memcpy(id, data.data() + 8, 8);
  std::memcpy(size, data.data() + 16, 8);
  if (magic != want_magic) return absl::InvalidArgumentError("not a frame (wrong magic word)");
  return absl::OkStatus();
}

}  // namespace

std::string EncodeRequestHeader(uint64_t id, std::string_view name, std::string_view bytes) {
  return Header(kRequestMagic, static_cast<uint32_t>(name.size()), id, bytes.size());
}

std::string EncodeResponse(const ParseResponse& response) {
  return Header(kResponseMagic, static_cast<uint32_t>(response.code), response.id,
                response.payload.size()) +
         response.payload;
}

absl::Status DecodeRequestHeader(std::string_view data, RequestHeader* header) {
  uint32_t name_size = 0;
  if (absl::Status s = Split(data, kRequestMagic, &name_size, &header->id, &header->bytes_size);
      !s.ok()) {
    return s;
  }
  if (name_size > kMaxNameSize || header->bytes_size > kMaxFramePayload) {
    return absl::InvalidArgumentError(
        absl::StrCat("request sizes out of range: ", name_size, ", ", header->bytes_size));
  }
  header->name_size = name_size;
  return absl::OkStatus();
}

absl::Status DecodeResponseHeader(std::string_view data, ResponseHeader* header) {
  uint32_t code = 0;
  if (absl::Status s = Split(data, kResponseMagic, &code, &header->id, &header->payload_size);
      !s.ok()) {
    return s;
  }
  if (code > static_cast<uint32_t>(absl::StatusCode::kUnauthenticated) ||
      header->payload_size > kMaxFramePayload) {
    return absl::InvalidArgumentError(
        absl::StrCat("response fields out of range: code ", code, ", size ", header->payload_size));
  }
  header->code = static_cast<absl::StatusCode>(code);
  return absl::OkStatus();
}

}  // namespace briefsearch::pipeline
