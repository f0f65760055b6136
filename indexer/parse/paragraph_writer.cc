#include "indexer/parse/paragraph_writer.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

constexpr size_t kMaxTitleBytes = 1000;

// Valid NFC UTF-8 without stray control bytes. The extractors decode UTF-16 themselves, but XML
// text may hold anything a character reference can spell, and the index wants clean text.
std::string Clean(std::string_view text) {
  std::string kept;
  kept.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 || c == '\t' || c == '\n') kept.push_back(c);
  }
  if (!IsValidUtf8(kept)) kept = RepairUtf8(kept);
  return NfcUtf8(kept);
}

bool IsAsciiBlank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

ParagraphWriter::ParagraphWriter(size_t max_output_bytes, int max_pages)
    : max_output_bytes_(max_output_bytes), max_pages_(max_pages) {}

void ParagraphWriter::AddParagraph(std::string_view text) {
  if (overflow_) return;
  // A paragraph may not open with line breaks: they would read as a paragraph break.
  while (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  if (IsBlank(text)) return;
  std::string clean = Clean(text);
  while (!clean.empty() && IsAsciiBlank(clean.back())) clean.pop_back();
  if (IsBlank(clean)) return;
  const size_t separator = out_.text.empty() ? 0 : 2;
  if (out_.text.size() + separator + clean.size() > max_output_bytes_) {
    overflow_ = true;
    return;
  }
  if (separator > 0) out_.text += "\n\n";
  if (page_pending_ && !out_.text.empty()) {
    if (out_.page_starts.empty()) out_.page_starts.push_back(0);
    out_.page_starts.push_back(out_.text.size());
  }
  page_pending_ = false;
  if (out_.page_starts.size() > static_cast<size_t>(max_pages_)) overflow_ = true;
  out_.text += clean;
}

absl::StatusOr<ExtractedText> ParagraphWriter::Finish(std::string format,
                                                      std::string_view title) && {
  if (out_.page_starts.size() > static_cast<size_t>(max_pages_)) {
    return absl::ResourceExhaustedError(
        absl::StrCat("document has more than ", max_pages_, " pages"));
  }
  if (overflow_) {
    return absl::ResourceExhaustedError(
        absl::StrCat("extracted text exceeds ", max_output_bytes_, " bytes"));
  }
  if (out_.text.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(AsciiUpper(format), " document has no text"));
  }
  out_.format = std::move(format);
  out_.title = CleanMetadataTitle(title);
  return std::move(out_);
}

std::string CleanMetadataTitle(std::string_view title) {
  const std::string clean = CollapseSpaces(Clean(title));
  return std::string(TruncateUtf8(clean, kMaxTitleBytes));
}

}  // namespace briefsearch::parse::internal
