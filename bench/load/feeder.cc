#include "bench/load/feeder.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "bench/common/corpus_reader.h"
#include "bench/common/measure.h"
#include "bench/load/error_counts.h"
#include "briefsearch/v1/ingest.grpc.pb.h"

namespace briefsearch::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Tally {
  std::mutex mu;
  std::vector<int64_t> latency_us;  // guarded by mu
  ErrorCounts errors;               // guarded by mu
  int64_t last_sequence = 0;        // guarded by mu
  int64_t articles = 0;             // acknowledged, guarded by mu
};

// One client thread: claims `batch` issues at a time, starts their calls on its own queue and
// waits for all of them before claiming more.
void FeedThread(v1::IngestService::Stub* stub, const std::vector<v1::Issue>& issues, int batch,
                std::atomic<size_t>* next, Tally* tally) {
  grpc::CompletionQueue cq;
  struct Call {
    grpc::ClientContext context;
    v1::UpsertIssueRequest request;
    v1::UpsertIssueResponse response;
    grpc::Status status;
    Clock::time_point sent;
    int articles = 0;
  };
  while (true) {
    const size_t first = next->fetch_add(batch);
    if (first >= issues.size()) break;
    const size_t last = std::min(issues.size(), first + batch);
    std::vector<std::unique_ptr<Call>> calls;
    for (size_t i = first; i < last; ++i) {
      auto call = std::make_unique<Call>();
      *call->request.mutable_issue() = issues[i];
      call->articles = issues[i].articles_size();
      call->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
      call->sent = Clock::now();
      auto reader = stub->AsyncUpsertIssue(&call->context, call->request, &cq);
      reader->Finish(&call->response, &call->status, call.get());
      calls.push_back(std::move(call));
    }
    for (size_t done = 0; done < calls.size(); ++done) {
      void* tag = nullptr;
      bool ok = false;
      if (!cq.Next(&tag, &ok)) return;
      auto* call = static_cast<Call*>(tag);
      const int64_t us =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - call->sent).count();
      std::lock_guard<std::mutex> lock(tally->mu);
      if (!ok || !call->status.ok()) {
        const auto code = ok ? call->status.error_code() : grpc::StatusCode::UNKNOWN;
        tally->errors.Add(code);
        continue;
      }
      tally->latency_us.push_back(us);
      tally->articles += call->articles;
      tally->last_sequence = std::max(tally->last_sequence, int64_t(call->response.sequence()));
    }
  }
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }  // a queue must be drained before it is destroyed
}

}  // namespace

absl::StatusOr<std::vector<v1::Issue>> LoadIssues(const std::string& articles_jsonl,
                                                  int64_t* text_bytes) {
  std::vector<v1::Issue> issues;
  absl::Status s = ForEachIssue(
      articles_jsonl,
      [&](const v1::Issue& issue) {
        issues.push_back(issue);
        return absl::OkStatus();
      },
      text_bytes);
  if (!s.ok()) return s;
  return issues;
}

nlohmann::ordered_json Feed(const std::shared_ptr<grpc::Channel>& channel,
                            const std::vector<v1::Issue>& issues, const FeedOptions& options) {
  auto stub = v1::IngestService::NewStub(channel);
  Tally tally;
  std::atomic<size_t> next{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < std::max(1, options.concurrency); ++t) {
    threads.emplace_back(FeedThread, stub.get(), std::cref(issues),
                         std::max(1, options.batch_issues), &next, &tally);
  }
  for (auto& t : threads) t.join();
  const double took = std::chrono::duration<double>(Clock::now() - start).count();
  nlohmann::ordered_json out;
  out["issues"] = tally.latency_us.size();
  out["articles"] = tally.articles;
  out["seconds"] = took;
  out["articles_per_second"] = took > 0 ? tally.articles / took : 0.0;
  out["errors"] = tally.errors.total();
  out["errors_by_code"] = tally.errors.ToJson();
  out["upsert_latency_us"] = Percentiles(tally.latency_us);
  out["last_sequence"] = tally.last_sequence;
  return out;
}

}  // namespace briefsearch::bench
