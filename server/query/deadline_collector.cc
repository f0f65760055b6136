#include "server/query/deadline_collector.h"

namespace briefsearch::query {

void DeadlineCollector::CheckDeadline() const {
  if (std::chrono::steady_clock::now() >= deadline_) {
    throw Lucene::TimeExceededException(L"search deadline passed");
  }
}

}  // namespace briefsearch::query
