// The query language:
//   word            all must match (implicit AND); AND may be written
//   "a phrase"      tokens in order
//   -word -"phrase" -(group)   exclude
//   a OR b, a | b   either
//   ( ... )         grouping
//   title: section: body:  restrict a word, phrase or group to one field
//   publisher:KIC   after:2023-01-01  before:2023-12-31   filters
// A prefix that is not one of these names (e.g. "https:") is part of the word.
//
// Thread-safety: a pure function.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "server/query/query_ast.h"

namespace briefsearch::query {

struct ParseLimits {
  size_t max_bytes = 4096;
  int max_terms = 64;
  int max_depth = 16;
};

// INVALID_ARGUMENT with "at position N: reason" for malformed input; RESOURCE_EXHAUSTED when the
// query is over a limit.
absl::StatusOr<QueryNode> ParseQuery(std::string_view query, const ParseLimits& limits = {});

}  // namespace briefsearch::query
