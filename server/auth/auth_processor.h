// Checks the bearer token of every call before it reaches a service (grpc::AuthMetadataProcessor).
//
// A call carries `authorization: Bearer TOKEN`. The processor looks the token up, compares the
// token's role with the role the method needs (roles.h) and answers:
//   - no token, when the method is a read and anonymous reads are allowed: the call goes on;
//   - no token otherwise, or a token not in the store: UNAUTHENTICATED;
//   - a read token on a write method: PERMISSION_DENIED.
// The authorization header is consumed, so no handler sees it. Messages and log lines name the
// method and the token's label at most, never the token.
//
// gRPC runs the processor only on secure server credentials (TLS, or local credentials for
// loopback and Unix sockets), so server_credentials.h always installs it on one of those.
//
// Refusals are logged as a summary at most once a minute (the first at once), so that someone
// guessing tokens shows up in the log without being able to flood it.
//
// Thread-safety: Process is called from gRPC threads concurrently; a token store is immutable, the
// pointer to the current one and the refusal counters are guarded by mu_.
#pragma once

#include <grpcpp/security/auth_metadata_processor.h>

#include <chrono>
#include <memory>
#include <mutex>

#include "server/auth/token_store.h"

namespace briefsearch::auth {

struct AuthPolicy {
  std::shared_ptr<const TokenStore> tokens;
  bool anonymous_read = false;  // read methods need no token
};

// The outcome for one call; separate from gRPC so that it can be tested directly.
// `authorization` is the header value, or nullopt when the call has none.
grpc::Status Authorize(const AuthPolicy& policy, std::string_view method,
                       std::optional<std::string_view> authorization, TokenInfo* granted);

class AuthProcessor final : public grpc::AuthMetadataProcessor {
 public:
  explicit AuthProcessor(AuthPolicy policy) : policy_(std::move(policy)) {}

  // Swaps in a new token store (on SIGHUP, for rotation without a restart). Calls in progress
  // finish with the store they started with.
  void ReplaceTokens(std::shared_ptr<const TokenStore> tokens);

  // Hashing one token is microseconds; running inline saves a thread hop per call.
  bool IsBlocking() const override { return false; }

  grpc::Status Process(const InputMetadata& auth_metadata, grpc::AuthContext* context,
                       OutputMetadata* consumed_auth_metadata,
                       OutputMetadata* response_metadata) override;

 private:
  void NoteRefusal(const grpc::Status& status, std::string_view method);

  std::mutex mu_;
  AuthPolicy policy_;  // GUARDED_BY(mu_); copied per call, so a swap never blocks a lookup long
  int refused_since_report_ = 0;                         // GUARDED_BY(mu_)
  std::chrono::steady_clock::time_point last_report_{};  // GUARDED_BY(mu_)
};

}  // namespace briefsearch::auth
