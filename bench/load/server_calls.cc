#include "bench/load/server_calls.h"

#include "bench/common/measure.h"
#include "briefsearch/v1/search.grpc.pb.h"

namespace briefsearch::bench {
namespace {

absl::Status ToStatus(const grpc::Status& s) {
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
}

void SetDeadline(grpc::ClientContext* context) {
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
}

}  // namespace

std::shared_ptr<grpc::Channel> ConnectChannel(const std::string& server) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);
  args.SetMaxSendMessageSize(-1);
  return grpc::CreateCustomChannel(server, grpc::InsecureChannelCredentials(), args);
}

absl::StatusOr<v1::StatsResponse> GetStats(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = v1::SearchService::NewStub(channel);
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::StatsResponse response;
  grpc::Status s = stub->Stats(&context, v1::StatsRequest(), &response);
  if (!s.ok()) return ToStatus(s);
  return response;
}

absl::StatusOr<int64_t> CountHits(const std::shared_ptr<grpc::Channel>& channel,
                                  const std::string& query) {
  auto stub = v1::SearchService::NewStub(channel);
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::SearchRequest request;
  request.set_query(query);
  request.set_limit(1);
  v1::SearchResponse response;
  grpc::Status s = stub->Search(&context, request, &response);
  if (!s.ok()) return ToStatus(s);
  return response.total_hits();
}

nlohmann::ordered_json ServerFigures(const std::shared_ptr<grpc::Channel>& channel, int pid,
                                     const std::string& data_dir) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (pid > 0) {
    out["server_rss_kb"] = CurrentRssKb(pid);
    out["server_peak_rss_kb"] = PeakRssKb(pid);
  }
  if (!data_dir.empty()) out["index_bytes"] = DirectoryBytes(data_dir + "/index");
  if (auto stats = GetStats(channel); stats.ok()) {
    out["stats_articles"] = stats->articles();
    out["stats_index_bytes"] = stats->index_size_bytes();
  }
  return out;
}

}  // namespace briefsearch::bench
