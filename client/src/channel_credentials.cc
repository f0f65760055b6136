#include "client/src/channel_credentials.h"

#include "common/files.h"
#include "common/net_address.h"
#include "common/secret_file.h"

namespace briefsearch::internal {
namespace {

constexpr uint64_t kMaxPemBytes = 1 << 20;

absl::StatusOr<std::string> ReadPem(const std::string& path) {
  if (path.empty()) return std::string();
  return ReadFileLimited(path, kMaxPemBytes);
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(
    const ClientOptions& options, grpc::ChannelArguments* args) {
  const bool tls = options.use_tls || !options.tls_ca_file.empty() ||
                   !options.tls_cert_file.empty() || !options.tls_key_file.empty();
  if (!tls) {
    if (!options.bearer_token.empty() && !IsLoopbackAddress(options.server)) {
      return absl::InvalidArgumentError("refusing to send a bearer token in plaintext to " +
                                        options.server +
                                        ": use TLS (--tls-ca) or an address on this machine");
    }
    return grpc::InsecureChannelCredentials();
  }
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return absl::InvalidArgumentError(
        "a client certificate needs its key (--tls-cert with --tls-key)");
  }
  grpc::SslCredentialsOptions ssl;
  auto ca = ReadPem(options.tls_ca_file);
  if (!ca.ok()) return ca.status();
  ssl.pem_root_certs = std::move(*ca);
  auto cert = ReadPem(options.tls_cert_file);
  if (!cert.ok()) return cert.status();
  ssl.pem_cert_chain = std::move(*cert);
  if (!options.tls_key_file.empty()) {
    auto key = ReadSecretFile(options.tls_key_file);
    if (!key.ok()) return key.status();
    ssl.pem_private_key = std::move(key->content);
  }
  if (!options.tls_server_name.empty()) {
    args->SetSslTargetNameOverride(options.tls_server_name);
  }
  return grpc::SslCredentials(ssl);
}

}  // namespace briefsearch::internal
