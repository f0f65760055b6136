// A read-only zip archive in memory (libzip), for the HWPX and DOCX extractors, that keeps a
// hostile archive cheap: the entry count is checked before libzip reads the central directory,
// declared sizes and compression ratios before an entry is inflated, and the bytes actually
// inflated while reading, because declared sizes can lie. Internal to indexer/parse.
//
// Thread-safety: none; one archive per extraction.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "indexer/parse/extracted_text.h"

typedef struct zip zip_t;

namespace briefsearch::parse::internal {

class ZipArchive {
 public:
  // `bytes` must outlive the archive: libzip reads from it in place.
  // Errors: INVALID_ARGUMENT (not a zip, truncated, corrupt), RESOURCE_EXHAUSTED (input size or
  // entry count over the limits).
  static absl::StatusOr<std::unique_ptr<ZipArchive>> Open(std::string_view bytes,
                                                          const ExtractLimits& limits);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool Contains(std::string_view name) const;

  // Entry names in directory order (at most max_entries of them).
  std::vector<std::string> Names() const;

  // The whole entry. Every call draws on one budget of max_inflated_bytes for the archive.
  // Errors: NOT_FOUND (no such entry), RESOURCE_EXHAUSTED (declared or actual size over the
  // budget, implausible compression ratio), INVALID_ARGUMENT (encrypted, corrupt data, CRC).
  absl::StatusOr<std::string> Read(std::string_view name);

 private:
  ZipArchive(zip_t* zip, size_t inflate_budget) : zip_(zip), inflate_budget_(inflate_budget) {}
  absl::Status CheckDeclaredSize(std::string_view name, unsigned long long index) const;

  zip_t* zip_;
  size_t inflate_budget_;  // bytes Read may still inflate
};

// True when `name` has no control bytes. Part names read from package metadata (relationships,
// the HWPX spine) must pass before use: they end up in one-line error messages.
bool IsPlainEntryName(std::string_view name);

// The entry count the archive's end-of-central-directory record declares (ZIP64 aware), read
// without libzip; an error when the record cannot be found.
absl::StatusOr<unsigned long long> DeclaredZipEntryCount(std::string_view bytes);

}  // namespace briefsearch::parse::internal
