// The one place where Lucene++ exceptions become absl::Status. Every call into Lucene++ that may
// throw goes through CallLucene so that no exception crosses a module, thread or RPC boundary.
#pragma once

#include <exception>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace briefsearch {

// Maps the exception currently being handled (call only inside a catch block) to a Status whose
// message starts with `what`.
absl::Status CurrentExceptionToStatus(std::string_view what);

// Runs fn(); returns its Status (or OK for void), or the mapped exception.
template <typename Fn>
absl::Status CallLucene(std::string_view what, Fn&& fn) {
  try {
    if constexpr (std::is_same_v<decltype(fn()), absl::Status>) {
      return std::forward<Fn>(fn)();
    } else {
      std::forward<Fn>(fn)();
      return absl::OkStatus();
    }
  } catch (...) {
    return CurrentExceptionToStatus(what);
  }
}

}  // namespace briefsearch
