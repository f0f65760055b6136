#include "bench/load/error_counts.h"

#include "absl/status/status.h"

namespace briefsearch::bench {

void ErrorCounts::Add(grpc::StatusCode code) {
  // absl::StatusCode uses gRPC's numbering, so its names are gRPC's.
  ++by_code_[absl::StatusCodeToString(static_cast<absl::StatusCode>(code))];
  ++total_;
}

nlohmann::ordered_json ErrorCounts::ToJson() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [code, n] : by_code_) out[code] = n;
  return out;
}

}  // namespace briefsearch::bench
