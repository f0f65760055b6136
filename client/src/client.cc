#include "briefsearch/client.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cctype>
#include <thread>

#include "briefsearch/v1/ingest.grpc.pb.h"
#include "briefsearch/v1/search.grpc.pb.h"
#include "client/src/channel_credentials.h"
#include "client/src/convert.h"
#include "common/grpc_status.h"

namespace briefsearch {

const char* PublisherName(Publisher p) {
  switch (p) {
    case Publisher::kKostec: return "KOSTEC";
    case Publisher::kKic: return "KIC";
    case Publisher::kKiep: return "KIEP";
    default: return "OTHER";
  }
}

std::optional<Publisher> ParsePublisher(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (Publisher p : {Publisher::kOther, Publisher::kKostec, Publisher::kKic, Publisher::kKiep}) {
    if (upper == PublisherName(p)) return p;
  }
  return std::nullopt;
}

namespace {

class GrpcClient final : public Client {
 public:
  GrpcClient(std::shared_ptr<grpc::Channel> channel, ClientOptions options)
      : channel_(std::move(channel)),
        options_(std::move(options)),
        search_(v1::SearchService::NewStub(channel_)),
        ingest_(v1::IngestService::NewStub(channel_)) {}

  absl::Status WaitForReady(std::chrono::milliseconds timeout) override {
    const auto deadline = std::chrono::system_clock::now() + timeout;
    absl::Status last = absl::UnavailableError("server not reached");
    while (std::chrono::system_clock::now() < deadline) {
      auto ctx = Context();
      ctx->set_deadline(std::min(deadline, std::chrono::system_clock::now() + std::chrono::seconds(2)));
      ctx->set_wait_for_ready(true);
      v1::StatsResponse response;
      last = Annotate(search_->Stats(ctx.get(), v1::StatsRequest(), &response));
      // A refused token will not become valid by waiting.
      if (last.ok() || absl::IsUnauthenticated(last) || absl::IsPermissionDenied(last)) return last;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return last;
  }

  absl::StatusOr<SearchResult> Search(const SearchRequest& request) override {
    v1::SearchResponse response;
    auto ctx = Context();
    if (absl::Status s = Annotate(search_->Search(ctx.get(), internal::ToProto(request), &response));
        !s.ok()) {
      return s;
    }
    return internal::FromProto(response);
  }

  absl::StatusOr<ArticleWithIssue> GetArticle(const std::string& id) override {
    v1::GetArticleRequest request;
    request.set_id(id);
    v1::GetArticleResponse response;
    auto ctx = Context();
    if (absl::Status s = Annotate(search_->GetArticle(ctx.get(), request, &response)); !s.ok()) return s;
    return ArticleWithIssue{internal::FromProto(response.article()),
                            internal::FromProto(response.issue())};
  }

  absl::StatusOr<Issue> GetIssue(const std::string& issue_id) override {
    v1::GetIssueRequest request;
    request.set_issue_id(issue_id);
    v1::GetIssueResponse response;
    auto ctx = Context();
    if (absl::Status s = Annotate(search_->GetIssue(ctx.get(), request, &response)); !s.ok()) return s;
    return internal::FromProto(response.issue());
  }

  absl::StatusOr<Stats> GetStats() override {
    v1::StatsResponse response;
    auto ctx = Context();
    if (absl::Status s = Annotate(search_->Stats(ctx.get(), v1::StatsRequest(), &response)); !s.ok()) {
      return s;
    }
    return internal::FromProto(response);
  }

  absl::StatusOr<std::vector<AnalyzedField>> Analyze(const std::string& text) override {
    v1::AnalyzeRequest request;
    request.set_text(text);
    v1::AnalyzeResponse response;
    auto ctx = Context();
    if (absl::Status s = Annotate(search_->Analyze(ctx.get(), request, &response)); !s.ok()) return s;
    std::vector<AnalyzedField> out;
    for (const v1::AnalyzedField& f : response.fields()) {
      AnalyzedField field{f.field(), {}};
      for (const v1::AnalyzedToken& t : f.tokens()) {
        field.tokens.push_back({t.text(), t.position(), t.start(), t.end(), t.kind()});
      }
      out.push_back(std::move(field));
    }
    return out;
  }

  absl::StatusOr<UpsertResult> UpsertIssue(const Issue& issue) override {
    v1::UpsertIssueRequest request;
    *request.mutable_issue() = internal::ToProto(issue);
    v1::UpsertIssueResponse response;
    auto ctx = Context();
    if (absl::Status s = Annotate(ingest_->UpsertIssue(ctx.get(), request, &response)); !s.ok()) {
      return s;
    }
    UpsertResult out;
    out.issue_id = response.issue_id();
    out.article_ids.assign(response.article_ids().begin(), response.article_ids().end());
    out.replaced = response.replaced();
    out.sequence = response.sequence();
    return out;
  }

  absl::StatusOr<int> DeleteIssue(const std::string& issue_id) override {
    v1::DeleteIssueRequest request;
    request.set_issue_id(issue_id);
    v1::DeleteIssueResponse response;
    auto ctx = Context();
    if (absl::Status s = Annotate(ingest_->DeleteIssue(ctx.get(), request, &response)); !s.ok()) {
      return s;
    }
    return response.deleted_articles();
  }

  absl::StatusOr<IssuePage> ListIssues(int limit, const std::string& page_token) override {
    v1::ListIssuesRequest request;
    request.set_limit(limit);
    request.set_page_token(page_token);
    v1::ListIssuesResponse response;
    auto ctx = Context();
    if (absl::Status s = Annotate(ingest_->ListIssues(ctx.get(), request, &response)); !s.ok()) {
      return s;
    }
    IssuePage page;
    for (const v1::Issue& i : response.issues()) page.issues.push_back(internal::FromProto(i));
    page.next_page_token = response.next_page_token();
    return page;
  }

 private:
  std::unique_ptr<grpc::ClientContext> Context() const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + options_.timeout);
    if (!options_.bearer_token.empty()) {
      ctx->AddMetadata("authorization", "Bearer " + options_.bearer_token);
    }
    return ctx;
  }

  // Connection failures name the address, so "UNAVAILABLE" is actionable.
  absl::Status Annotate(const grpc::Status& s) const {
    absl::Status status = FromGrpcStatus(s);
    if (status.code() == absl::StatusCode::kUnavailable ||
        status.code() == absl::StatusCode::kDeadlineExceeded) {
      return absl::Status(status.code(), "briefsearchd at " + options_.server + ": " +
                                             std::string(status.message()));
    }
    return status;
  }

  std::shared_ptr<grpc::Channel> channel_;
  ClientOptions options_;
  std::unique_ptr<v1::SearchService::Stub> search_;
  std::unique_ptr<v1::IngestService::Stub> ingest_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Client>> Client::Connect(const ClientOptions& options) {
  if (options.server.empty()) return absl::InvalidArgumentError("server address is empty");
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  args.SetMaxSendMessageSize(64 << 20);
  // gRPC's own reconnect backoff grows to 120 s by default, so a long-lived client (the indexer)
  // would keep failing for up to two minutes after a restarted server is back. Capped at 2 s it
  // reconnects within a few seconds; the server sees at most one attempt every 2 s per client.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 200);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
  auto credentials = internal::MakeChannelCredentials(options, &args);
  if (!credentials.ok()) return credentials.status();
  auto channel = grpc::CreateCustomChannel(options.server, *credentials, args);
  if (channel == nullptr) return absl::InvalidArgumentError("cannot create channel to " + options.server);
  return std::unique_ptr<Client>(new GrpcClient(std::move(channel), options));
}

}  // namespace briefsearch
