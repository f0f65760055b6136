// Failed calls counted by gRPC status code name ("UNAVAILABLE": 3), as bench reports show them.
// Not thread-safe: callers hold their own lock.
#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace briefsearch::bench {

class ErrorCounts {
 public:
  void Add(grpc::StatusCode code);
  int64_t total() const { return total_; }
  nlohmann::ordered_json ToJson() const;  // {"CODE": count, ...}; {} when none

 private:
  std::map<std::string, int64_t> by_code_;
  int64_t total_ = 0;
};

}  // namespace briefsearch::bench
