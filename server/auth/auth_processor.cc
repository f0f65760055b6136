#include "server/auth/auth_processor.h"

#include <cctype>

#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace briefsearch::auth {
namespace {

constexpr char kAuthorization[] = "authorization";
constexpr std::string_view kBearer = "bearer ";

std::string_view ToView(const grpc::string_ref& s) { return {s.data(), s.size()}; }

// "Bearer TOKEN" -> TOKEN (the scheme is case-insensitive, RFC 7235), or nullopt.
std::optional<std::string_view> BearerToken(std::string_view value) {
  if (value.size() <= kBearer.size()) return std::nullopt;
  for (size_t i = 0; i < kBearer.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != kBearer[i]) return std::nullopt;
  }
  value.remove_prefix(kBearer.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  return value;
}

}  // namespace

grpc::Status Authorize(const AuthPolicy& policy, std::string_view method,
                       std::optional<std::string_view> authorization, TokenInfo* granted) {
  const Role need = RequiredRole(method);
  if (!authorization.has_value()) {
    if (need == Role::kRead && policy.anonymous_read) return grpc::Status::OK;
    return grpc::Status(
        grpc::StatusCode::UNAUTHENTICATED,
        absl::StrCat(std::string(method), " needs a bearer token (authorization: Bearer ...)"));
  }
  const std::optional<std::string_view> presented = BearerToken(*authorization);
  if (!presented) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "the authorization header must be \"Bearer TOKEN\"");
  }
  std::optional<TokenInfo> token = policy.tokens->Lookup(*presented);
  if (!token) return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "unknown bearer token");
  if (!Grants(token->role, need)) {
    return grpc::Status(
        grpc::StatusCode::PERMISSION_DENIED,
        absl::StrCat(std::string(method), " needs a ", RoleName(need), " token; token \"",
                     token->name, "\" is ", RoleName(token->role), "-only"));
  }
  if (granted != nullptr) *granted = std::move(*token);
  return grpc::Status::OK;
}

grpc::Status AuthProcessor::Process(const InputMetadata& auth_metadata, grpc::AuthContext* context,
                                    OutputMetadata* consumed_auth_metadata,
                                    OutputMetadata* /*response_metadata*/) {
  std::string_view method;
  if (auto it = auth_metadata.find(":path"); it != auth_metadata.end()) method = ToView(it->second);
  std::optional<std::string_view> authorization;
  auto it = auth_metadata.find(kAuthorization);
  if (it != auth_metadata.end()) authorization = ToView(it->second);
  AuthPolicy policy;
  {
    std::lock_guard<std::mutex> lock(mu_);
    policy = policy_;
  }
  TokenInfo granted;
  grpc::Status status = Authorize(policy, method, authorization, &granted);
  if (!status.ok()) {
    NoteRefusal(status, method);
    return status;
  }
  if (authorization.has_value()) {
    consumed_auth_metadata->insert({kAuthorization, std::string(*authorization)});
    context->AddProperty("briefsearch.token_name", granted.name);
    context->AddProperty("briefsearch.role", std::string(RoleName(granted.role)));
  }
  return grpc::Status::OK;
}

void AuthProcessor::ReplaceTokens(std::shared_ptr<const TokenStore> tokens) {
  std::lock_guard<std::mutex> lock(mu_);
  policy_.tokens = std::move(tokens);
}

void AuthProcessor::NoteRefusal(const grpc::Status& status, std::string_view method) {
  constexpr auto kReportEvery = std::chrono::minutes(1);
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  ++refused_since_report_;
  if (last_report_.time_since_epoch().count() != 0 && now - last_report_ < kReportEvery) return;
  // The method comes from the client: cut it, and never log the header.
  const std::string shown(method.substr(0, 120));
  LogWarning("refused %d call(s) since the last report; latest: %s %s: %s", refused_since_report_,
             status.error_code() == grpc::StatusCode::PERMISSION_DENIED ? "PERMISSION_DENIED"
                                                                        : "UNAUTHENTICATED",
             shown, status.error_message());
  refused_since_report_ = 0;
  last_report_ = now;
}

}  // namespace briefsearch::auth
