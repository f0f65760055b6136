// Entry points: bytes -> text (format_sniff picks the extractor: pdf_extract, html_extract,
// office_formats, text_decode), text -> lines -> publisher, metadata and articles
// (publisher_detect, issue_meta, layout_*), then page ranges (page_map). A publisher's layout
// parser that finds none of its structure hands over to the generic one, so a file is never lost
// for looking unusual.
#include "indexer/parse/parser.h"

#include <exception>
#include <new>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "indexer/parse/format_sniff.h"
#include "indexer/parse/html_extract.h"
#include "indexer/parse/issue_meta.h"
#include "indexer/parse/layouts.h"
#include "indexer/parse/office_formats.h"
#include "indexer/parse/page_map.h"
#include "indexer/parse/pdf_extract.h"
#include "indexer/parse/publisher_detect.h"
#include "indexer/parse/text_decode.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse {
namespace {

using internal::Document;

// Markdown shows in ATX headings and [text](url) links. Three or more of them decide for "md",
// none for "txt"; one or two are a tie that the file name breaks.
bool IsMarkdown(const std::vector<std::string_view>& lines, std::string_view file_name) {
  int marks = 0;
  for (std::string_view line : lines) {
    if (internal::MarkdownHeadingLevel(line, nullptr) > 0) ++marks;
    if (line.find("](") != std::string_view::npos && line.find('[') != std::string_view::npos) {
      ++marks;
    }
  }
  if (marks >= 3) return true;
  if (marks == 0) return false;
  const std::string name = internal::AsciiLower(file_name);
  return name.ends_with(".md") || name.ends_with(".markdown");
}

bool ParseLayout(const Document& doc, ParsedIssue* issue) {
  switch (issue->publisher) {
    case Publisher::kKostec:
      return internal::ParseKostecLayout(doc, issue);
    case Publisher::kKic:
      return internal::ParseKicLayout(doc, issue);
    case Publisher::kKiep:
      return internal::ParseKiepLayout(doc, issue);
    case Publisher::kOther:
      break;
  }
  return false;
}

// Plain text is Markdown when its marks say so. HTML is written out with Markdown headings; PDF
// text has no marks; the office formats may, when their headings became "#" lines.
bool UsesMarkdown(std::string_view format, const std::vector<std::string_view>& lines,
                  std::string_view file_name) {
  if (format == "txt") return IsMarkdown(lines, file_name);
  if (format == "html" || format == "md") return true;
  return format != "pdf" && IsMarkdown(lines, "");
}

// Text -> issue. `format` is the extractor's; plain text says "txt" until Markdown is detected.
ParsedIssue ParseText(std::string_view utf8_text, std::string_view format,
                      std::string_view file_name) {
  std::string text = internal::NormalizeNewlines(
      IsValidUtf8(utf8_text) ? NfcUtf8(utf8_text) : NfcUtf8(RepairUtf8(utf8_text)));
  Document doc;
  doc.lines = internal::SplitLines(text);
  doc.markdown = UsesMarkdown(format, doc.lines, file_name);
  ParsedIssue issue;
  issue.format = format == "txt" && doc.markdown ? "md" : std::string(format);
  issue.publisher = internal::DetectPublisher(doc.lines);
  issue.issue_number = internal::FindIssueNumber(doc.lines);
  issue.published = internal::FindPublishedDate(doc.lines, file_name);
  if (!ParseLayout(doc, &issue)) {
    // Keep a masthead title the layout parser found; its articles start over.
    issue.articles.clear();
    internal::ParseGenericLayout(doc, &issue);
  }
  return issue;
}

// The HWP/HWPX/DOCX extractors are built only once their sources are in the tree
// (indexer/parse/CMakeLists.txt defines BRIEFSEARCH_HAVE_OFFICE_FORMATS then).
absl::StatusOr<ExtractedText> ExtractOffice(internal::ContentFormat format, std::string_view bytes,
                                            const ExtractLimits& limits) {
#ifdef BRIEFSEARCH_HAVE_OFFICE_FORMATS
  if (format == internal::ContentFormat::kZip) return ExtractZipDocument(bytes, limits);
  return ExtractHwp(bytes, limits);
#else
  (void)bytes, (void)limits;
  if (format == internal::ContentFormat::kZip) {
    return absl::UnimplementedError("zip documents (HWPX/DOCX) are not supported in this build");
  }
  return absl::UnimplementedError("OLE documents (HWP) are not supported in this build");
#endif
}

absl::StatusOr<ExtractedText> Extract(std::string_view bytes, std::string_view file_name,
                                      const ExtractLimits& limits) {
  if (bytes.empty()) return absl::InvalidArgumentError("empty file");
  if (bytes.size() > limits.max_input_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "file has ", bytes.size(), " bytes, over the limit of ", limits.max_input_bytes));
  }
  switch (const internal::ContentFormat format = internal::SniffFormat(bytes, file_name)) {
    case internal::ContentFormat::kPdf:
      return ExtractPdf(bytes, limits);
    case internal::ContentFormat::kZip:
    case internal::ContentFormat::kOle:
      return ExtractOffice(format, bytes, limits);
    case internal::ContentFormat::kHtml:
      return ExtractHtml(bytes, limits);
    case internal::ContentFormat::kText:
      break;
  }
  return ExtractPlainText(bytes, limits);
}

}  // namespace

const char* PublisherName(Publisher p) {
  switch (p) {
    case Publisher::kKostec:
      return "KOSTEC";
    case Publisher::kKic:
      return "KIC";
    case Publisher::kKiep:
      return "KIEP";
    case Publisher::kOther:
      break;
  }
  return "OTHER";
}

ParsedIssue ParseIssueText(std::string_view utf8_text, std::string_view file_name) {
  try {
    return ParseText(utf8_text, "txt", file_name);
  } catch (const std::exception&) {
    // Only allocation can throw here; keep the promise of one article with the text as it is.
    ParsedIssue issue;
    issue.format = "txt";
    ParsedArticle article;
    article.body = std::string(utf8_text);
    issue.articles.push_back(std::move(article));
    return issue;
  }
}

absl::StatusOr<ParsedIssue> ParseIssueFile(std::string_view bytes, std::string_view file_name,
                                           const ExtractLimits& limits) {
  try {
    ASSIGN_OR_RETURN(const ExtractedText extracted, Extract(bytes, file_name, limits));
    ParsedIssue issue = ParseText(extracted.text, extracted.format, file_name);
    if (issue.title.empty()) issue.title = extracted.title;
    internal::AssignPages(extracted.text, extracted.page_starts, &issue.articles);
    return issue;
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory while parsing");
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("parser failed: ", e.what()));
  } catch (...) {
    return absl::InternalError("parser failed");
  }
}

}  // namespace briefsearch::parse
