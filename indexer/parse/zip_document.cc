// ExtractZipDocument: opens the archive under the limits, tells HWPX from DOCX by what it holds
// (the OCF "mimetype" entry or the OWPML parts for HWPX, the Word main part for DOCX), and hands
// over to the format's walker.
#include <exception>
#include <memory>
#include <new>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "indexer/parse/office_formats.h"
#include "indexer/parse/zip_formats.h"

namespace briefsearch::parse {
namespace {

using internal::ZipArchive;

constexpr std::string_view kHwpxMimeType = "application/hwp+zip";
constexpr size_t kMaxMimeTypeBytes = 256;

enum class ZipKind { kHwpx, kDocx, kOther };

absl::StatusOr<ZipKind> Classify(ZipArchive& zip, std::string* mimetype) {
  if (zip.Contains("mimetype")) {
    ASSIGN_OR_RETURN(std::string type, zip.Read("mimetype"));
    while (!type.empty() && (type.back() == '\n' || type.back() == '\r' || type.back() == ' ')) {
      type.pop_back();
    }
    if (type == kHwpxMimeType) return ZipKind::kHwpx;
    // It goes into a one-line error message: no control bytes, bounded length.
    for (char& c : type) {
      if (static_cast<unsigned char>(c) < 0x20) c = '?';
    }
    *mimetype = type.substr(0, kMaxMimeTypeBytes);
  }
  if (zip.Contains("Contents/content.hpf") || zip.Contains("Contents/section0.xml")) {
    return ZipKind::kHwpx;
  }
  if (zip.Contains("word/document.xml") || zip.Contains("[Content_Types].xml")) {
    return ZipKind::kDocx;
  }
  return ZipKind::kOther;
}

absl::StatusOr<ExtractedText> Extract(std::string_view bytes, const ExtractLimits& limits) {
  ASSIGN_OR_RETURN(const std::unique_ptr<ZipArchive> zip, ZipArchive::Open(bytes, limits));
  std::string mimetype;
  ASSIGN_OR_RETURN(const ZipKind kind, Classify(*zip, &mimetype));
  switch (kind) {
    case ZipKind::kHwpx:
      return internal::ExtractHwpx(*zip, limits);
    case ZipKind::kDocx:
      return internal::ExtractDocx(*zip, limits);
    case ZipKind::kOther:
      break;
  }
  if (!mimetype.empty()) {
    return absl::UnimplementedError(
        absl::StrCat("zip document of type \"", mimetype, "\" is not supported (only DOCX, HWPX)"));
  }
  return absl::InvalidArgumentError("zip archive is neither a DOCX nor an HWPX document");
}

}  // namespace

absl::StatusOr<ExtractedText> ExtractZipDocument(std::string_view bytes,
                                                 const ExtractLimits& limits) {
  try {
    return Extract(bytes, limits);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory while reading the zip document");
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("zip document reader failed: ", e.what()));
  }
}

}  // namespace briefsearch::parse
