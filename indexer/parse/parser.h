// Turns the bytes of one dropped file into a ParsedIssue.
//
// Thread-safety: free functions without shared state; safe to call from any thread.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "indexer/parse/parsed_issue.h"

namespace briefsearch::parse {

// Parses one issue file. The format is chosen from the content (the name only breaks ties).
// Errors (each message is one line, fit for a quarantine record):
//   INVALID_ARGUMENT  empty, binary, not valid UTF-8 text, or no text at all after cleaning
//   UNIMPLEMENTED     a recognised format this build cannot read yet (PDF, HWP ...)
absl::StatusOr<ParsedIssue> ParseIssueFile(std::string_view bytes, std::string_view file_name);

// Parses already-decoded UTF-8 text (plain text or Markdown): publisher detection, metadata,
// article splitting. Never fails on valid UTF-8 with some text: unknown layouts become one article
// per top-level heading, or one article.
ParsedIssue ParseIssueText(std::string_view utf8_text, std::string_view file_name);

}  // namespace briefsearch::parse
