// Turns the bytes of one dropped file into a ParsedIssue.
//
// Thread-safety: free functions without shared state; safe to call from any thread.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "indexer/parse/extracted_text.h"
#include "indexer/parse/parsed_issue.h"

namespace briefsearch::parse {

// Parses one issue file. The format is chosen from the content (magic bytes: %PDF-, zip, OLE,
// an HTML doctype or <html>, BOMs), the name only breaks ties; the format's extractor turns it
// into text (extracted_text.h), which then goes through ParseIssueText's pipeline. For paged
// formats each article gets its page range.
// Errors (each message is one line, fit for a quarantine record):
//   INVALID_ARGUMENT     empty, binary, undecodable text, damaged or truncated files, no text
//   FAILED_PRECONDITION  encrypted files
//   RESOURCE_EXHAUSTED   over one of `limits`
//   UNIMPLEMENTED        a recognised format this build cannot read
absl::StatusOr<ParsedIssue> ParseIssueFile(std::string_view bytes, std::string_view file_name,
                                           const ExtractLimits& limits = ExtractLimits());

// Parses already-decoded UTF-8 text (plain text or Markdown): publisher detection, metadata,
// article splitting. Never fails on valid UTF-8 with some text: unknown layouts become one article
// per top-level heading, or one article.
ParsedIssue ParseIssueText(std::string_view utf8_text, std::string_view file_name);

}  // namespace briefsearch::parse
