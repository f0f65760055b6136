// Entry points: bytes -> text (text_decode), text -> lines -> publisher, metadata and articles
// (publisher_detect, issue_meta, layout_*). A publisher's layout parser that finds none of its
// structure hands over to the generic one, so a file is never lost for looking unusual.
#include "indexer/parse/parser.h"

#include <exception>
#include <new>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "indexer/parse/issue_meta.h"
#include "indexer/parse/layouts.h"
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

ParsedIssue ParseText(std::string_view utf8_text, std::string_view file_name) {
  std::string text = internal::NormalizeNewlines(
      IsValidUtf8(utf8_text) ? NfcUtf8(utf8_text) : NfcUtf8(RepairUtf8(utf8_text)));
  Document doc;
  doc.lines = internal::SplitLines(text);
  doc.markdown = IsMarkdown(doc.lines, file_name);
  ParsedIssue issue;
  issue.format = doc.markdown ? "md" : "txt";
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
    return ParseText(utf8_text, file_name);
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

absl::StatusOr<ParsedIssue> ParseIssueFile(std::string_view bytes, std::string_view file_name) {
  try {
    ASSIGN_OR_RETURN(const std::string text, internal::DecodeIssueBytes(bytes));
    return ParseText(text, file_name);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory while parsing");
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("parser failed: ", e.what()));
  }
}

}  // namespace briefsearch::parse
