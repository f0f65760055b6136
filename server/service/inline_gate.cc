#include "server/service/inline_gate.h"

#include <algorithm>

namespace briefsearch::service {

bool InlineGate::TryEnter() {
  const std::thread::id self = std::this_thread::get_id();
  std::lock_guard lock(mu_);
  if (busy_) return false;
  if (std::find(known_.begin(), known_.end(), self) == known_.end()) {
    if (known_.size() >= max_threads_) return false;
    known_.push_back(self);
  }
  busy_ = true;
  return true;
}

void InlineGate::Leave() {
  std::lock_guard lock(mu_);
  busy_ = false;
}

}  // namespace briefsearch::service
