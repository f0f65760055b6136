#include "bench/load/async_search.h"

#include <algorithm>

namespace briefsearch::bench {

struct AsyncSearcher::Call {
  grpc::ClientContext context;
  v1::SearchResponse response;
  grpc::Status status;
  std::unique_ptr<grpc::ClientAsyncResponseReader<v1::SearchResponse>> reader;
  size_t query = 0;
  Clock::time_point sent;
  Done done;
};

AsyncSearcher::AsyncSearcher(const std::shared_ptr<grpc::Channel>& channel, int client_threads,
                             std::chrono::milliseconds deadline)
    : stub_(v1::SearchService::NewStub(channel)), deadline_(deadline) {
  for (int i = 0; i < std::max(1, client_threads); ++i) {
    queues_.push_back(std::make_unique<grpc::CompletionQueue>());
  }
  for (auto& q : queues_) threads_.emplace_back([this, cq = q.get()] { Poll(cq); });
}

AsyncSearcher::~AsyncSearcher() {
  WaitIdle();
  for (auto& q : queues_) q->Shutdown();
  for (auto& t : threads_) t.join();
}

void AsyncSearcher::Start(size_t query, const v1::SearchRequest& request, Done done) {
  auto call = std::make_unique<Call>();
  call->query = query;
  call->done = std::move(done);
  call->sent = Clock::now();
  call->context.set_deadline(std::chrono::system_clock::now() + deadline_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++in_flight_;
  }
  grpc::CompletionQueue* cq = queues_[next_queue_++ % queues_.size()].get();
  call->reader = stub_->PrepareAsyncSearch(&call->context, request, cq);
  call->reader->StartCall();
  Call* raw = call.release();  // owned by the queue until Poll takes it back
  raw->reader->Finish(&raw->response, &raw->status, raw);
}

void AsyncSearcher::Poll(grpc::CompletionQueue* cq) {
  void* tag = nullptr;
  bool ok = false;
  while (cq->Next(&tag, &ok)) {
    std::unique_ptr<Call> call(static_cast<Call*>(tag));
    SearchOutcome outcome;
    outcome.query = call->query;
    outcome.sent = call->sent;
    outcome.done = Clock::now();
    outcome.code = ok ? call->status.error_code() : grpc::StatusCode::UNKNOWN;
    if (outcome.code == grpc::StatusCode::OK) {
      outcome.total_hits = call->response.total_hits();
      outcome.server_micros = call->response.took_micros();
    }
    if (call->done) call->done(outcome);
    call.reset();
    std::lock_guard<std::mutex> lock(mu_);
    --in_flight_;
    idle_.notify_all();
  }
}

void AsyncSearcher::WaitBelow(int n) {
  std::unique_lock<std::mutex> lock(mu_);
  idle_.wait(lock, [&] { return in_flight_ < n; });
}

std::vector<SearchOutcome> SearchEachOnce(AsyncSearcher& searcher,
                                          const std::vector<v1::SearchRequest>& queries,
                                          int concurrency) {
  std::vector<SearchOutcome> out(queries.size());
  for (size_t i = 0; i < queries.size(); ++i) {
    searcher.WaitBelow(concurrency);
    searcher.Start(i, queries[i], [&out](const SearchOutcome& o) { out[o.query] = o; });
  }
  searcher.WaitIdle();
  return out;
}

}  // namespace briefsearch::bench
