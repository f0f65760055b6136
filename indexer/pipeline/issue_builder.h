// ParsedIssue (what the parser found) -> Issue (what the server receives).
#pragma once

#include <string>

#include "briefsearch/types.h"
#include "indexer/parse/parsed_issue.h"

namespace briefsearch::pipeline {

// The issue id is the file's path relative to the drop folder: stable across content changes, so a
// changed file replaces its issue; unique within the folder.
Issue BuildIssue(const parse::ParsedIssue& parsed, const std::string& relative_path,
                 const std::string& content_hash);

}  // namespace briefsearch::pipeline
