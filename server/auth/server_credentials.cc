#include "server/auth/server_credentials.h"

#include "absl/strings/str_cat.h"
#include "common/files.h"
#include "common/log.h"
#include "common/net_address.h"
#include "common/secret_file.h"
#include "server/auth/auth_processor.h"
#include "server/auth/token_store.h"

namespace briefsearch::auth {
namespace {

constexpr uint64_t kMaxPemBytes = 1 << 20;

absl::Status CheckCombination(const TransportOptions& o) {
  if (o.tls_cert_file.empty() != o.tls_key_file.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  if (!o.tls_client_ca_file.empty() && o.tls_cert_file.empty()) {
    return absl::InvalidArgumentError("--tls-client-ca needs --tls-cert and --tls-key");
  }
  if (o.anonymous_read && o.tokens_file.empty()) {
    return absl::InvalidArgumentError("--anonymous-read needs --tokens-file");
  }
  if (!o.tokens_file.empty() && o.tls_cert_file.empty() && !IsLoopbackAddress(o.listen)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "bearer tokens over plaintext on ", o.listen,
        " could be read off the network: add --tls-cert/--tls-key, or listen on loopback or a "
        "Unix socket behind a TLS-terminating proxy"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const TokenStore>> LoadTokens(const std::string& path) {
  bool exposed = false;
  auto tokens = TokenStore::Load(path, &exposed);
  if (!tokens.ok()) return tokens.status();
  if (exposed) {
    LogWarning(
        "tokens file %s holds tokens in plain and every user can read it: chmod 600 it, "
        "or store sha256: digests",
        path);
  }
  return std::make_shared<const TokenStore>(std::move(*tokens));
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> TlsCredentials(const TransportOptions& o) {
  auto cert = ReadFileLimited(o.tls_cert_file, kMaxPemBytes);
  if (!cert.ok()) return cert.status();
  auto key = ReadSecretFile(o.tls_key_file);
  if (!key.ok()) return key.status();
  if (key->world_readable) {
    LogWarning("TLS key %s is readable by every user on this machine (chmod 600 it)",
               o.tls_key_file);
  }
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({key->content, *cert});
  if (!o.tls_client_ca_file.empty()) {
    auto ca = ReadFileLimited(o.tls_client_ca_file, kMaxPemBytes);
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *ca;
    ssl.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

}  // namespace

absl::StatusOr<ServerTransport> MakeServerTransport(const TransportOptions& o) {
  if (absl::Status s = CheckCombination(o); !s.ok()) return s;
  ServerTransport transport;
  const bool unix_socket = o.listen.rfind("unix:", 0) == 0;
  if (!o.tls_cert_file.empty()) {
    auto tls = TlsCredentials(o);
    if (!tls.ok()) return tls.status();
    transport.credentials = std::move(*tls);
    transport.description = o.tls_client_ca_file.empty() ? "TLS" : "mutual TLS";
  } else if (!o.tokens_file.empty()) {
    transport.credentials =
        grpc::experimental::LocalServerCredentials(unix_socket ? UDS : LOCAL_TCP);
    transport.description = "plaintext, local peers only";
  } else {
    transport.credentials = grpc::InsecureServerCredentials();
    transport.description = "plaintext, no authentication";
    return transport;
  }
  if (o.tokens_file.empty()) return transport;
  auto tokens = LoadTokens(o.tokens_file);
  if (!tokens.ok()) return tokens.status();
  const size_t count = (*tokens)->size();
  absl::StrAppend(&transport.description, ", ", count,
                  count == 1 ? " bearer token" : " bearer tokens",
                  o.anonymous_read ? ", anonymous reads allowed" : "");
  transport.processor = std::make_shared<AuthProcessor>(AuthPolicy{*tokens, o.anonymous_read});
  transport.credentials->SetAuthMetadataProcessor(transport.processor);
  return transport;
}

absl::StatusOr<size_t> ReloadTokens(const TransportOptions& o, ServerTransport* transport) {
  if (transport->processor == nullptr) {
    return absl::FailedPreconditionError("the server was started without --tokens-file");
  }
  auto tokens = LoadTokens(o.tokens_file);
  if (!tokens.ok()) return tokens.status();
  const size_t count = (*tokens)->size();
  transport->processor->ReplaceTokens(std::move(*tokens));
  return count;
}

}  // namespace briefsearch::auth
