// Many Search calls in flight over one channel with few client threads: the gRPC async API, one
// CompletionQueue per client thread. The load generator's loops sit on top of it, so the client
// costs one thread per queue however many calls are outstanding.
#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "briefsearch/v1/search.grpc.pb.h"

namespace briefsearch::bench {

using Clock = std::chrono::steady_clock;

// How one Search call ended.
struct SearchOutcome {
  size_t query = 0;  // the caller's tag
  grpc::StatusCode code = grpc::StatusCode::OK;
  int64_t total_hits = -1;
  int64_t server_micros = 0;  // SearchResponse.took_micros
  Clock::time_point sent;     // when Start() was called
  Clock::time_point done;     // when the completion was taken off the queue
};

// Thread-safety: Start, WaitBelow and WaitIdle may be called from any thread, also from a `done`
// callback (which runs on one of the client threads; keep it short). The destructor waits for the
// calls in flight.
class AsyncSearcher {
 public:
  using Done = std::function<void(const SearchOutcome&)>;

  AsyncSearcher(const std::shared_ptr<grpc::Channel>& channel, int client_threads,
                std::chrono::milliseconds deadline = std::chrono::seconds(30));
  ~AsyncSearcher();
  AsyncSearcher(const AsyncSearcher&) = delete;
  AsyncSearcher& operator=(const AsyncSearcher&) = delete;

  void Start(size_t query, const v1::SearchRequest& request, Done done);
  // Blocks until fewer than `n` calls are in flight.
  void WaitBelow(int n);
  void WaitIdle() { WaitBelow(1); }

 private:
  struct Call;
  void Poll(grpc::CompletionQueue* cq);

  std::unique_ptr<v1::SearchService::Stub> stub_;
  std::chrono::milliseconds deadline_;
  std::vector<std::unique_ptr<grpc::CompletionQueue>> queues_;
  std::vector<std::thread> threads_;
  std::atomic<size_t> next_queue_{0};
  std::mutex mu_;
  std::condition_variable idle_;
  int in_flight_ = 0;  // guarded by mu_
};

// Each query once, at most `concurrency` at a time; outcome i belongs to queries[i]. The untimed
// warm pass of bs-load, which also records the hit counts.
std::vector<SearchOutcome> SearchEachOnce(AsyncSearcher& searcher,
                                          const std::vector<v1::SearchRequest>& queries,
                                          int concurrency);

}  // namespace briefsearch::bench
