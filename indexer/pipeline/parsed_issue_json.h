// A parsed issue as the JSON that `briefsearch-indexer parse --json` prints and the parse child
// sends back: the one text form of a ParsedIssue, written in the child and read in the indexer.
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "indexer/parse/parsed_issue.h"

namespace briefsearch::pipeline {

// One line of JSON, no trailing newline; text that is not valid UTF-8 is replaced (U+FFFD).
std::string ParsedIssueToJson(const parse::ParsedIssue& issue);

// INTERNAL when `json` is not an issue in that form.
absl::StatusOr<parse::ParsedIssue> ParsedIssueFromJson(const std::string& json);

}  // namespace briefsearch::pipeline
