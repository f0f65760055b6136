// ExtractHwp: HWP 5 is an OLE compound file (read with libgsf) holding a FileHeader stream
// (signature, version, flags), BodyText/Section<N> streams of records (raw deflate when the
// "compressed" flag is set) and a \005HwpSummaryInformation property set with the title.
// Encrypted and distribution documents keep their text encrypted (distribution documents in
// ViewText/) and are refused with a reason.
#include <glib-object.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <zlib.h>

#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "indexer/parse/hwp_records.h"
#include "indexer/parse/office_formats.h"
#include "indexer/parse/paragraph_writer.h"

namespace briefsearch::parse {
namespace {

using internal::hwp::DecodeUtf16;
using internal::hwp::SectionWalker;

constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::string_view kSignature = "HWP Document File";
constexpr size_t kFileHeaderSize = 256;
constexpr uint32_t kFlagCompressed = 1u << 0;
constexpr uint32_t kFlagPassword = 1u << 1;
constexpr uint32_t kFlagDistribution = 1u << 2;
constexpr uint32_t kFlagDrm = 1u << 4;
constexpr uint32_t kFlagCertificateEncryption = 1u << 8;
constexpr uint32_t kFlagCertificateDrm = 1u << 10;
constexpr size_t kInflateChunk = 64 * 1024;
// Unpaired surrogates in more than this share of the text mean the text is not UTF-16 at all.
constexpr size_t kMaxInvalidUtf16Percent = 10;

struct GObjectUnref {
  void operator()(void* object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
using Input = std::unique_ptr<GsfInput, GObjectUnref>;
using Infile = std::unique_ptr<GsfInfile, GObjectUnref>;

uint32_t Le32(std::string_view data, size_t offset) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(data[offset + static_cast<size_t>(i)]);
  }
  return v;
}

Input Child(GsfInfile* parent, const char* name) {
  return Input(parent == nullptr ? nullptr : gsf_infile_child_by_name(parent, name));
}

// A storage (directory) child, or null.
Infile Storage(GsfInfile* parent, const char* name) {
  Input child = Child(parent, name);
  if (child == nullptr || !GSF_IS_INFILE(child.get())) return nullptr;
  return Infile(GSF_INFILE(child.release()));
}

// The whole stream. Its declared size is checked against the file's before anything is
// allocated: a directory entry may claim gigabytes.
absl::StatusOr<std::string> ReadStream(GsfInput* input, size_t file_size, std::string_view name) {
  const gsf_off_t size = gsf_input_size(input);
  if (size < 0 || static_cast<uint64_t>(size) > file_size) {
    return absl::InvalidArgumentError(absl::StrCat("HWP stream ", std::string(name), " declares ",
                                                   size, " bytes, more than the file has"));
  }
  std::string out(static_cast<size_t>(size), '\0');
  if (size > 0 && gsf_input_read(input, static_cast<size_t>(size),
                                 reinterpret_cast<guint8*>(out.data())) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("HWP stream ", std::string(name), " cannot be read"));
  }
  return out;
}

// Raw deflate (no zlib header), as HWP writes it. Counts output against *budget while inflating.
absl::StatusOr<std::string> Inflate(std::string_view raw, size_t* budget, std::string_view name) {
  z_stream zs{};
  if (inflateInit2(&zs, -15) != Z_OK) return absl::InternalError("zlib inflateInit2 failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  zs.avail_in = static_cast<uInt>(raw.size());
  std::string out;
  auto chunk = std::make_unique<char[]>(kInflateChunk);
  int ret = Z_OK;
  while (ret == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk.get());
    zs.avail_out = static_cast<uInt>(kInflateChunk);
    ret = inflate(&zs, Z_NO_FLUSH);
    const size_t produced = kInflateChunk - zs.avail_out;
    if (produced > *budget - out.size()) {
      inflateEnd(&zs);
      return absl::ResourceExhaustedError(absl::StrCat(
          "HWP stream ", std::string(name), " inflates past the limit of decompressed bytes"));
    }
    out.append(chunk.get(), produced);
  }
  const char* const error = zs.msg;
  inflateEnd(&zs);
  // A stream that stops without its final block (no progress, all input used) is read like
  // pyhwp reads it: what inflated is kept, and a record cut off at its end fails in the walk.
  const bool unterminated = ret == Z_BUF_ERROR && zs.avail_in == 0;
  if (ret != Z_STREAM_END && !unterminated) {
    return absl::InvalidArgumentError(absl::StrCat("HWP stream ", std::string(name),
                                                   " is not valid deflate data (",
                                                   error != nullptr ? error : "truncated", ")"));
  }
  *budget -= out.size();
  return out;
}

absl::StatusOr<bool> CheckFileHeader(GsfInfile* ole, size_t file_size) {
  Input header = Child(ole, "FileHeader");
  if (header == nullptr) {
    return absl::InvalidArgumentError("OLE file has no FileHeader stream: not an HWP document");
  }
  ASSIGN_OR_RETURN(const std::string data, ReadStream(header.get(), file_size, "FileHeader"));
  if (data.size() < kFileHeaderSize || !std::string_view(data).starts_with(kSignature)) {
    return absl::InvalidArgumentError("OLE file is not an HWP document (bad FileHeader)");
  }
  const uint32_t version = Le32(data, 32);  // 0xMMnnPPrr
  if (version >> 24 != 5) {
    return absl::UnimplementedError(absl::StrCat("HWP version ", version >> 24, ".",
                                                 (version >> 16) & 0xFF,
                                                 " is not supported (only HWP 5)"));
  }
  const uint32_t flags = Le32(data, 36);
  if (flags & (kFlagPassword | kFlagCertificateEncryption)) {
    return absl::FailedPreconditionError("encrypted HWP (password protected) cannot be read");
  }
  if (flags & (kFlagDrm | kFlagCertificateDrm)) {
    return absl::FailedPreconditionError("DRM-protected HWP cannot be read");
  }
  if (flags & kFlagDistribution) {
    return absl::UnimplementedError("distribution-protected HWP (ViewText) is not supported");
  }
  return (flags & kFlagCompressed) != 0;
}

// PIDSI_TITLE (2) of the summary property set ([MS-OLEPS]); HWP writes it as VT_LPWSTR.
std::string SummaryTitle(std::string_view ps) {
  constexpr uint32_t kPidTitle = 2;
  constexpr uint32_t kVtLpwstr = 0x1F;
  if (ps.size() < 48 || Le32(ps, 24) < 1) return "";
  const size_t section = Le32(ps, 44);
  if (section > ps.size() || ps.size() - section < 8) return "";
  const std::string_view sec = ps.substr(section);
  const size_t count = std::min<size_t>(Le32(sec, 4), (sec.size() - 8) / 8);
  for (size_t k = 0; k < count; ++k) {
    if (Le32(sec, 8 + 8 * k) != kPidTitle) continue;
    const size_t at = Le32(sec, 12 + 8 * k);
    if (at > sec.size() || sec.size() - at < 8 || (Le32(sec, at) & 0xFFFF) != kVtLpwstr) return "";
    const size_t bytes = std::min<size_t>(size_t{Le32(sec, at + 4)} * 2, sec.size() - at - 8);
    return DecodeUtf16(sec.substr(at + 8, bytes));
  }
  return "";
}

absl::Status WriteSections(GsfInfile* ole, size_t file_size, bool compressed,
                           const ExtractLimits& limits, SectionWalker* walker) {
  Infile body = Storage(ole, "BodyText");
  if (body == nullptr) {
    if (Child(ole, "ViewText") != nullptr) {
      return absl::UnimplementedError("distribution-protected HWP (ViewText) is not supported");
    }
    return absl::InvalidArgumentError("HWP document has no BodyText storage");
  }
  const int sections = gsf_infile_num_children(body.get());
  if (sections > limits.max_entries) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "HWP BodyText has ", sections, " streams, more than the limit of ", limits.max_entries));
  }
  size_t budget = limits.max_inflated_bytes;
  int n = 0;
  for (; n < sections; ++n) {
    const std::string name = absl::StrCat("Section", n);
    Input stream = Child(body.get(), name.c_str());
    if (stream == nullptr) break;
    const std::string path = "BodyText/" + name;
    ASSIGN_OR_RETURN(std::string data, ReadStream(stream.get(), file_size, path));
    if (compressed) {
      ASSIGN_OR_RETURN(data, Inflate(data, &budget, path));
    }
    RETURN_IF_ERROR(walker->Walk(data, path));
  }
  if (n == 0) return absl::InvalidArgumentError("HWP document has no BodyText/Section0 stream");
  return absl::OkStatus();
}

// libgsf reports on stderr every inconsistency of a damaged file it reads around; for hostile
// input that is noise per file, and the status we return already says why a file failed.
void QuietLibgsf() {
  static std::once_flag once;
  std::call_once(once, [] {
    const auto levels = static_cast<GLogLevelFlags>(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING |
                                                    G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO);
    for (const char* domain : {"libgsf", "libgsf:msole"}) {
      g_log_set_handler(
          domain, levels, [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
    }
  });
}

absl::StatusOr<ExtractedText> Extract(std::string_view bytes, const ExtractLimits& limits) {
  QuietLibgsf();
  if (bytes.size() > limits.max_input_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "file has ", bytes.size(), " bytes, more than the limit of ", limits.max_input_bytes));
  }
  if (!bytes.starts_with(kOleMagic)) {
    return absl::InvalidArgumentError("not an OLE compound file, so not an HWP 5 document");
  }
  Input input(gsf_input_memory_new(reinterpret_cast<const guint8*>(bytes.data()),
                                   static_cast<gsf_off_t>(bytes.size()), FALSE));
  GError* error = nullptr;
  Infile ole(gsf_infile_msole_new(input.get(), &error));
  if (ole == nullptr) {
    const std::string reason = error != nullptr ? error->message : "unknown error";
    if (error != nullptr) g_error_free(error);
    return absl::InvalidArgumentError("damaged OLE compound file: " + reason);
  }
  ASSIGN_OR_RETURN(const bool compressed, CheckFileHeader(ole.get(), bytes.size()));
  internal::ParagraphWriter out(limits.max_output_bytes, limits.max_pages);
  SectionWalker walker(&out);
  RETURN_IF_ERROR(WriteSections(ole.get(), bytes.size(), compressed, limits, &walker));
  const internal::hwp::Utf16Stats& stats = walker.stats();
  if (stats.invalid * 100 > stats.units * kMaxInvalidUtf16Percent) {
    return absl::InvalidArgumentError(absl::StrCat("HWP text is not valid UTF-16: ", stats.invalid,
                                                   " of ", stats.units,
                                                   " code units are unpaired surrogates"));
  }
  std::string title;
  if (Input summary = Child(ole.get(), "\005HwpSummaryInformation"); summary != nullptr) {
    absl::StatusOr<std::string> ps = ReadStream(summary.get(), bytes.size(), "summary");
    if (ps.ok()) title = SummaryTitle(*ps);  // the title is a nicety; a damaged one is no reason
  }
  return std::move(out).Finish("hwp", title);
}

}  // namespace

absl::StatusOr<ExtractedText> ExtractHwp(std::string_view bytes, const ExtractLimits& limits) {
  try {
    return Extract(bytes, limits);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory while reading the HWP document");
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("HWP reader failed: ", e.what()));
  }
}

}  // namespace briefsearch::parse
