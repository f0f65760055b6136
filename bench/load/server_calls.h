// The few blocking calls the load tools make besides the load itself, and the server figures they
// all report. Thread-safe: each call makes its own stub on the shared channel.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/statusor.h"
#include "briefsearch/v1/search.pb.h"

namespace briefsearch::bench {

// A plaintext channel to a loopback (or unix:) address, without the client's 4 MiB receive cap.
std::shared_ptr<grpc::Channel> ConnectChannel(const std::string& server);

absl::StatusOr<v1::StatsResponse> GetStats(const std::shared_ptr<grpc::Channel>& channel);

// SearchResponse.total_hits of `query` (limit 1).
absl::StatusOr<int64_t> CountHits(const std::shared_ptr<grpc::Channel>& channel,
                                  const std::string& query);

// {"server_rss_kb", "server_peak_rss_kb"} when `pid` > 0, "index_bytes" (files under
// DATA_DIR/index) when `data_dir` is given, and "stats_index_bytes" from Stats.
nlohmann::ordered_json ServerFigures(const std::shared_ptr<grpc::Channel>& channel, int pid,
                                     const std::string& data_dir);

}  // namespace briefsearch::bench
