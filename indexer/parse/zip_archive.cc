#include "indexer/parse/zip_archive.h"

#include <zip.h>

#include <algorithm>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace briefsearch::parse::internal {
namespace {

constexpr size_t kEocdSize = 22;
constexpr size_t kZip64LocatorSize = 20;
constexpr size_t kMaxCommentSize = 0xFFFF;
// Deflate tops out near 1032:1; XML and text stay far below 100:1. A ratio over 1000:1 in an
// entry of more than a few MiB is a bomb, not a document.
constexpr uint64_t kMaxCompressionRatio = 1000;
constexpr uint64_t kRatioCheckFloor = 4u << 20;
constexpr size_t kReadChunk = 64 * 1024;

uint64_t LittleEndian(std::string_view bytes, size_t offset, int width) {
  uint64_t v = 0;
  for (int i = width - 1; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(bytes[offset + i]);
  }
  return v;
}

bool HasSignature(std::string_view bytes, size_t offset, uint32_t signature) {
  return offset + 4 <= bytes.size() && LittleEndian(bytes, offset, 4) == signature;
}

// The end-of-central-directory record sits in the last 22 + 65535 bytes (its comment may fill
// the rest); the last candidate whose comment fits the file is the one zip readers use.
absl::StatusOr<size_t> FindEocd(std::string_view bytes) {
  if (bytes.size() < kEocdSize) return absl::InvalidArgumentError("zip archive is truncated");
  const size_t last = bytes.size() - kEocdSize;
  const size_t first = last > kMaxCommentSize ? last - kMaxCommentSize : 0;
  for (size_t pos = last + 1; pos-- > first;) {
    if (HasSignature(bytes, pos, 0x06054b50) &&
        pos + kEocdSize + LittleEndian(bytes, pos + 20, 2) <= bytes.size()) {
      return pos;
    }
  }
  return absl::InvalidArgumentError("zip archive is truncated: no end of central directory");
}

struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

absl::Status OpenEntryError(zip_t* zip, std::string_view name) {
  zip_error_t* error = zip_get_error(zip);
  switch (zip_error_code_zip(error)) {
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
    case ZIP_ER_ENCRNOTSUPP:
      return absl::InvalidArgumentError(
          absl::StrCat("zip entry ", std::string(name), " is encrypted"));
    default:
      return absl::InvalidArgumentError(absl::StrCat("cannot open zip entry ", std::string(name),
                                                     ": ", zip_error_strerror(error)));
  }
}

}  // namespace

bool IsPlainEntryName(std::string_view name) {
  return std::none_of(name.begin(), name.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

absl::StatusOr<unsigned long long> DeclaredZipEntryCount(std::string_view bytes) {
  const absl::StatusOr<size_t> eocd = FindEocd(bytes);
  if (!eocd.ok()) return eocd.status();
  const uint64_t count = LittleEndian(bytes, *eocd + 10, 2);
  if (count != 0xFFFF || *eocd < kZip64LocatorSize ||
      !HasSignature(bytes, *eocd - kZip64LocatorSize, 0x07064b50)) {
    return count;
  }
  const uint64_t record = LittleEndian(bytes, *eocd - kZip64LocatorSize + 8, 8);
  if (record > bytes.size() || bytes.size() - record < 56 ||
      !HasSignature(bytes, record, 0x06064b50)) {
    return absl::InvalidArgumentError("zip archive is truncated: bad ZIP64 directory record");
  }
  return LittleEndian(bytes, record + 32, 8);
}

absl::StatusOr<std::unique_ptr<ZipArchive>> ZipArchive::Open(std::string_view bytes,
                                                             const ExtractLimits& limits) {
  if (bytes.size() > limits.max_input_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "file has ", bytes.size(), " bytes, more than the limit of ", limits.max_input_bytes));
  }
  // libzip allocates per central directory entry before we could count them; count first.
  const absl::StatusOr<unsigned long long> count = DeclaredZipEntryCount(bytes);
  if (!count.ok()) return count.status();
  if (*count > static_cast<unsigned long long>(std::max(limits.max_entries, 0))) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "zip archive has ", *count, " entries, more than the limit of ", limits.max_entries));
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_RDONLY, &error);
  if (zip == nullptr) {
    absl::Status status = absl::InvalidArgumentError(
        absl::StrCat("not a readable zip archive: ", zip_error_strerror(&error)));
    if (source != nullptr) zip_source_free(source);
    zip_error_fini(&error);
    return status;
  }
  zip_error_fini(&error);
  const zip_int64_t entries = zip_get_num_entries(zip, 0);
  if (entries < 0 || entries > std::max(limits.max_entries, 0)) {
    zip_discard(zip);
    return absl::ResourceExhaustedError(absl::StrCat(
        "zip archive has ", entries, " entries, more than the limit of ", limits.max_entries));
  }
  return std::unique_ptr<ZipArchive>(new ZipArchive(zip, limits.max_inflated_bytes));
}

ZipArchive::~ZipArchive() { zip_discard(zip_); }

bool ZipArchive::Contains(std::string_view name) const {
  return zip_name_locate(zip_, std::string(name).c_str(), 0) >= 0;
}

std::vector<std::string> ZipArchive::Names() const {
  std::vector<std::string> names;
  const zip_int64_t n = zip_get_num_entries(zip_, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(zip_, static_cast<zip_uint64_t>(i), 0);
    if (name != nullptr) names.emplace_back(name);
  }
  return names;
}

absl::Status ZipArchive::CheckDeclaredSize(std::string_view name, unsigned long long index) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_, index, 0, &st) != 0) {
    return absl::InvalidArgumentError(absl::StrCat("cannot stat zip entry ", std::string(name)));
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > inflate_budget_) {
    return absl::ResourceExhaustedError(absl::StrCat("zip entry ", std::string(name), " declares ",
                                                     st.size, " bytes, over the inflate limit"));
  }
  if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) && st.size > kRatioCheckFloor &&
      st.size / std::max<uint64_t>(st.comp_size, 1) > kMaxCompressionRatio) {
    return absl::ResourceExhaustedError(
        absl::StrCat("zip entry ", std::string(name), " has an implausible compression ratio (",
                     st.size / std::max<uint64_t>(st.comp_size, 1), ":1)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ZipArchive::Read(std::string_view name) {
  const zip_int64_t index = zip_name_locate(zip_, std::string(name).c_str(), 0);
  if (index < 0)
    return absl::NotFoundError(absl::StrCat("zip entry ", std::string(name), " is missing"));
  if (absl::Status s = CheckDeclaredSize(name, index); !s.ok()) return s;
  std::unique_ptr<zip_file_t, ZipFileCloser> file(
      zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0));
  if (file == nullptr) return OpenEntryError(zip_, name);
  std::string out;
  char chunk[kReadChunk];
  for (;;) {
    const zip_int64_t n = zip_fread(file.get(), chunk, sizeof(chunk));
    if (n < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("zip entry ", std::string(name),
                       " is corrupt: ", zip_error_strerror(zip_file_get_error(file.get()))));
    }
    if (n == 0) break;
    // Counted as inflated, not as declared: the central directory may understate the size.
    if (static_cast<size_t>(n) > inflate_budget_ - out.size()) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "zip entry ", std::string(name), " inflates past the limit of the archive's budget"));
    }
    out.append(chunk, static_cast<size_t>(n));
  }
  inflate_budget_ -= out.size();
  return out;
}

}  // namespace briefsearch::parse::internal
