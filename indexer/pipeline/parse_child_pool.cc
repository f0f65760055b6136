#include "indexer/pipeline/parse_child_pool.h"

namespace briefsearch::pipeline {

ParseChildPool::ParseChildPool(std::string exe, ChildLimits limits)
    : exe_(std::move(exe)), limits_(limits) {}

absl::StatusOr<parse::ParsedIssue> ParseChildPool::Parse(const std::string& name,
                                                         std::string_view bytes) {
  std::unique_ptr<ParseChild> child;
  {
    std::lock_guard<std::mutex> l(mu_);
    if (!idle_.empty()) {
      child = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (child == nullptr) child = std::make_unique<ParseChild>(exe_, limits_);
  const int starts_before = child->starts();
  auto result = child->Parse(name, bytes);  // not under mu_: parses run side by side
  std::lock_guard<std::mutex> l(mu_);
  started_ += child->starts() - starts_before;
  idle_.push_back(std::move(child));
  return result;
}

int ParseChildPool::children_started() const {
  std::lock_guard<std::mutex> l(mu_);
  return started_;
}

}  // namespace briefsearch::pipeline
