#include "indexer/parse/format_sniff.h"

#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

constexpr size_t kPdfHeaderWindow = 1024;
constexpr size_t kHtmlHeadWindow = 1024;

// Tags a real page opens with; "<2021 보고서>" style Korean titles in text are none of them.
constexpr std::string_view kHtmlLeadTags[] = {"<head", "<body", "<meta",  "<title", "<div",
                                              "<p>",   "<p ",   "<table", "<h1",    "<!--"};

// Lower-cased head of the file after a UTF-8 BOM and leading blanks.
std::string Head(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  size_t i = 0;
  while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' ||
                              bytes[i] == '\n' || bytes[i] == '\f')) {
    ++i;
  }
  return AsciiLower(bytes.substr(i, kHtmlHeadWindow));
}

bool NamedHtml(std::string_view file_name) {
  const std::string name = AsciiLower(file_name);
  return name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml");
}

bool LooksLikeHtml(std::string_view bytes, std::string_view file_name) {
  std::string head = Head(bytes);
  if (head.starts_with("<?xml")) {  // XHTML: skip the XML declaration
    const size_t end = head.find("?>");
    head =
        end == std::string::npos ? "" : std::string(Trim(std::string_view(head).substr(end + 2)));
  }
  if (head.starts_with("<!doctype html") || head.starts_with("<html")) return true;
  if (!NamedHtml(file_name)) return false;
  for (std::string_view tag : kHtmlLeadTags) {
    if (head.starts_with(tag)) return true;
  }
  return false;
}

// Readers accept junk before the header; a text file that merely mentions "%PDF-" on a later
// line is no PDF.
bool IsPdf(std::string_view bytes) {
  const size_t at = bytes.substr(0, kPdfHeaderWindow).find("%PDF-");
  return at != std::string_view::npos && bytes.substr(0, at).find('\n') == std::string_view::npos;
}

}  // namespace

ContentFormat SniffFormat(std::string_view bytes, std::string_view file_name) {
  if (IsPdf(bytes)) return ContentFormat::kPdf;
  if (bytes.starts_with(std::string_view("PK\x03\x04", 4))) return ContentFormat::kZip;
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return ContentFormat::kOle;
  if (LooksLikeHtml(bytes, file_name)) return ContentFormat::kHtml;
  return ContentFormat::kText;
}

}  // namespace briefsearch::parse::internal
