// The parse children of the pipeline's workers: each Parse borrows an idle ParseChild (or makes
// one), so there are never more children than files parsed at once (--parse-workers), and each
// child parses file after file for whichever worker comes next.
// Thread-safety: safe for concurrent use.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "indexer/parse/parsed_issue.h"
#include "indexer/pipeline/child_limits.h"
#include "indexer/pipeline/parse_child.h"

namespace briefsearch::pipeline {

class ParseChildPool {
 public:
  ParseChildPool(std::string exe, ChildLimits limits);

  // As ParseChild::Parse.
  absl::StatusOr<parse::ParsedIssue> Parse(const std::string& name, std::string_view bytes);

  // Child processes started so far (a restart after a crash, a limit or recycling counts).
  int children_started() const;

 private:
  const std::string exe_;
  const ChildLimits limits_;
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<ParseChild>> idle_;  // guarded by mu_
  int started_ = 0;                                // guarded by mu_
};

}  // namespace briefsearch::pipeline
