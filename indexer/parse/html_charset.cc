#include "indexer/parse/html_charset.h"

#include <cctype>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "indexer/parse/charset_convert.h"
#include "indexer/parse/text_decode.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

constexpr size_t kMetaWindow = 4096;

bool IsLabelChar(char ch) {
  return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.' ||
         ch == ':';
}

// The label after "charset" (and blanks, '=', quotes) at head[at]; empty when malformed.
std::string LabelAfter(std::string_view head, size_t at) {
  size_t i = at + std::string_view("charset").size();
  while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n')) ++i;
  if (i >= head.size() || head[i] != '=') return "";
  ++i;
  while (i < head.size() && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
  size_t end = i;
  while (end < head.size() && IsLabelChar(head[end])) ++end;
  return std::string(head.substr(i, end - i));
}

}  // namespace

std::string DeclaredHtmlCharset(std::string_view bytes) {
  const std::string head = AsciiLower(bytes.substr(0, kMetaWindow));
  for (size_t meta = head.find("<meta"); meta != std::string::npos;
       meta = head.find("<meta", meta + 1)) {
    const size_t close = head.find('>', meta);
    const std::string_view tag =
        std::string_view(head).substr(meta, close == std::string::npos ? close : close - meta);
    const size_t at = tag.find("charset");
    if (at == std::string_view::npos) continue;
    std::string label = LabelAfter(tag, at);
    if (!label.empty()) return label;
  }
  return "";
}

absl::StatusOr<std::string> DecodeHtmlBytes(std::string_view bytes) {
  const bool has_bom = bytes.starts_with("\xEF\xBB\xBF") || bytes.starts_with("\xFF\xFE") ||
                       bytes.starts_with("\xFE\xFF");
  const std::string label = has_bom ? "" : DeclaredHtmlCharset(bytes);
  if (label.empty() || label == "utf-8" || label == "utf8" || label.starts_with("utf-16")) {
    // UTF-16 declared in bytes that ASCII-parse can only be a mislabel; the text rules decide.
    return DecodeToUtf8(bytes);
  }
  absl::StatusOr<std::string> text = LegacyToUtf8(bytes, IcuCharsetName(label));
  if (!text.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("HTML declares charset \"", label, "\": ", text.status().message()));
  }
  return text;
}

}  // namespace briefsearch::parse::internal
