// libFuzzer target: the query language end to end up to Lucene++ (parse, DebugString, plan strict
// and relaxed, render). What holds for any input: no crash and no exception out of the planner;
// errors are INVALID_ARGUMENT or RESOURCE_EXHAUSTED with a one-line message; a plan has a query.
// A broken promise traps, so libFuzzer keeps the input as a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/analysis/analyzer.h"
#include "server/query/query_parser.h"
#include "server/query/query_planner.h"

namespace {

void CheckError(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kInvalidArgument &&
      status.code() != absl::StatusCode::kResourceExhausted) {
    __builtin_trap();
  }
  if (status.message().find('\n') != std::string_view::npos) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace briefsearch;
  // Built once: the analyzer's tables are large, and a Planner is immutable (thread-safe) anyway.
  static const analysis::Analyzer* analyzer = new analysis::Analyzer();
  static const query::Planner* planner = new query::Planner(analyzer);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<query::QueryNode> root = query::ParseQuery(text);
  if (!root.ok()) {
    CheckError(root.status());
    return 0;
  }
  (void)query::DebugString(*root);
  for (bool relaxed : {false, true}) {
    absl::StatusOr<query::Plan> plan = planner->MakePlan(*root, index::FieldAverages(), relaxed);
    if (!plan.ok()) {
      CheckError(plan.status());
      continue;
    }
    if (plan->query == nullptr) __builtin_trap();
    (void)plan->query->toString();
    if (plan->ranked != nullptr) (void)plan->ranked->toString();
  }
  return 0;
}
