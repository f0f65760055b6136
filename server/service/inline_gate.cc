#include "server/service/inline_gate.h"

#include <algorithm>

namespace briefsearch::service {

bool InlineGate::TryEnter() {
  const std::thread::id self = std::this_thread::get_id();
  std::lock_guard lock(mu_);
  if (busy_ || running_ >= max_searches_) return false;
  if (std::find(known_.begin(), known_.end(), self) == known_.end()) {
    if (known_.size() >= max_threads_) return false;
    known_.push_back(self);
  }
  busy_ = true;
  ++running_;
  return true;
}

void InlineGate::Leave() {
  std::lock_guard lock(mu_);
  busy_ = false;
  --running_;
}

void InlineGate::WorkerStarted() {
  std::lock_guard lock(mu_);
  ++running_;
}

void InlineGate::WorkerEnded() {
  std::lock_guard lock(mu_);
  --running_;
}

}  // namespace briefsearch::service
