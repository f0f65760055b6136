// The briefsearch C++ client: a typed API over the gRPC stubs of briefsearch.v1.
//
//   auto client = briefsearch::Client::Connect({.server = "127.0.0.1:7700"});
//   auto result = (*client)->Search({.query = "반도체 정책", .limit = 5});
//
// Errors are absl::Status with the server's gRPC code (INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE
// when the server cannot be reached, DEADLINE_EXCEEDED ...) and a readable message.
//
// Thread-safety: a Client is safe to use from many threads at once.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "briefsearch/types.h"

namespace briefsearch {

struct ClientOptions {
  std::string server = "127.0.0.1:7700";  // host:port or unix:/path
  std::chrono::milliseconds timeout{10000};  // deadline of each call
  // Sent as "authorization: Bearer TOKEN" with every call; empty sends none. Connect refuses to
  // send a token in plaintext to an address off this machine (use TLS there).
  std::string bearer_token;
  // TLS is on when use_tls is set or any tls_* file is given. Files are PEM. Without tls_ca_file
  // the server certificate is checked against the system's CAs.
  bool use_tls = false;
  std::string tls_ca_file;
  std::string tls_cert_file;  // client certificate for mutual TLS, with tls_key_file
  std::string tls_key_file;
  std::string tls_server_name;  // name to check the server certificate for, if not the host's
};

class Client {
 public:
  // Creates a channel; does not wait for the server (see WaitForReady).
  static absl::StatusOr<std::unique_ptr<Client>> Connect(const ClientOptions& options);
  virtual ~Client() = default;

  // Waits until the server answers a call (it serves only after warm-up), or `timeout` passes.
  virtual absl::Status WaitForReady(std::chrono::milliseconds timeout) = 0;

  virtual absl::StatusOr<SearchResult> Search(const SearchRequest& request) = 0;
  virtual absl::StatusOr<ArticleWithIssue> GetArticle(const std::string& id) = 0;
  virtual absl::StatusOr<Issue> GetIssue(const std::string& issue_id) = 0;
  virtual absl::StatusOr<Stats> GetStats() = 0;
  // The tokens each indexed field gets for `text`.
  virtual absl::StatusOr<std::vector<AnalyzedField>> Analyze(const std::string& text) = 0;

  // Adds or atomically replaces the issue with issue.issue_id; OK means durable and searchable.
  virtual absl::StatusOr<UpsertResult> UpsertIssue(const Issue& issue) = 0;
  // Returns the number of articles removed; NOT_FOUND for an unknown id.
  virtual absl::StatusOr<int> DeleteIssue(const std::string& issue_id) = 0;
  virtual absl::StatusOr<IssuePage> ListIssues(int limit, const std::string& page_token) = 0;
};

}  // namespace briefsearch
