#include "server/index/issue_validation.h"

#include "absl/strings/str_cat.h"
#include "common/dates.h"
#include "common/status_macros.h"
#include "common/utf8.h"

namespace briefsearch::index {
namespace {


// Repairs invalid UTF-8 and applies NFC, so that stored text and analysis offsets agree.
void CleanText(std::string* s) { *s = NfcUtf8(RepairUtf8(*s)); }

absl::Status CheckSize(const std::string& value, size_t limit, const std::string& what) {
  if (value.size() > limit) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " is ", value.size(), " bytes, over the limit of ", limit));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateId(const std::string& id, const char* what, const IssueLimits& limits) {
  if (id.empty()) return absl::InvalidArgumentError(absl::StrCat(what, " is required"));
  RETURN_IF_ERROR(CheckSize(id, limits.max_id_bytes, what));
  if (!IsValidUtf8(id)) return absl::InvalidArgumentError(absl::StrCat(what, " is not UTF-8"));
  for (unsigned char c : id) {
    if (c < 0x20 || c == 0x7F) {
      return absl::InvalidArgumentError(absl::StrCat(what, " contains a control character"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateAndNormalizeIssue(v1::Issue* issue, const IssueLimits& limits) {
  RETURN_IF_ERROR(ValidateId(issue->issue_id(), "issue.issue_id", limits));
  *issue->mutable_issue_id() = NfcUtf8(issue->issue_id());
  if (issue->articles_size() == 0) {
    return absl::InvalidArgumentError("issue.articles is empty: an issue needs at least one article");
  }
  if (static_cast<size_t>(issue->articles_size()) > limits.max_articles) {
    return absl::InvalidArgumentError(absl::StrCat("issue has ", issue->articles_size(),
                                                   " articles, over the limit of ",
                                                   limits.max_articles));
  }
  if (!issue->published().empty() && !IsCalendarDate(issue->published())) {
    return absl::InvalidArgumentError(
        absl::StrCat("issue.published must be YYYY-MM-DD, got \"",
                     std::string(TruncateUtf8(RepairUtf8(issue->published()), 40)), "\""));
  }
  if (!v1::Publisher_IsValid(issue->publisher())) issue->set_publisher(v1::OTHER);
  RETURN_IF_ERROR(CheckSize(issue->title(), limits.max_title_bytes, "issue.title"));
  for (std::string* s : {issue->mutable_title(), issue->mutable_issue_number(),
                         issue->mutable_origin(), issue->mutable_format(),
                         issue->mutable_content_hash()}) {
    CleanText(s);
  }
  int ordinal = 0;
  for (v1::Article& a : *issue->mutable_articles()) {
    ++ordinal;
    const std::string where = absl::StrCat("issue.articles[", ordinal - 1, "]");
    RETURN_IF_ERROR(CheckSize(a.title(), limits.max_title_bytes, where + ".title"));
    RETURN_IF_ERROR(CheckSize(a.section(), limits.max_title_bytes, where + ".section"));
    RETURN_IF_ERROR(CheckSize(a.body(), limits.max_body_bytes, where + ".body"));
    if (static_cast<size_t>(a.links_size()) > limits.max_links) {
      return absl::InvalidArgumentError(where + ".links has too many entries");
    }
    for (std::string* s : {a.mutable_title(), a.mutable_section(), a.mutable_body()}) CleanText(s);
    for (std::string& link : *a.mutable_links()) CleanText(&link);
    if (a.title().empty() && a.body().empty()) {
      return absl::InvalidArgumentError(where + " has neither title nor body");
    }
    a.set_ordinal(ordinal);
    a.set_id(absl::StrCat(issue->issue_id(), "#", ordinal));
  }
  issue->set_article_count(issue->articles_size());
  return absl::OkStatus();
}

}  // namespace briefsearch::index
