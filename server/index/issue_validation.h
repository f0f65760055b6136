// Checks and normalises an Issue before it is logged and indexed: required fields, limits, UTF-8,
// NFC text, article ids and ordinals. Every message names the offending field for the caller.
#pragma once

#include "absl/status/status.h"
#include "briefsearch/v1/types.pb.h"

namespace briefsearch::index {

struct IssueLimits {
  size_t max_id_bytes = 512;
  size_t max_articles = 2000;
  size_t max_title_bytes = 4096;
  size_t max_body_bytes = 4u << 20;  // one article
  size_t max_links = 200;
};

// On OK, `issue` is ready for BuildIssueDocuments: text repaired and NFC, articles numbered
// 1..n with ids "<issue_id>#<n>", article_count set. INVALID_ARGUMENT otherwise.
absl::Status ValidateAndNormalizeIssue(v1::Issue* issue, const IssueLimits& limits = {});

// Checks an id given to DeleteIssue/GetIssue/GetArticle.
absl::Status ValidateId(const std::string& id, const char* what, const IssueLimits& limits = {});

}  // namespace briefsearch::index
