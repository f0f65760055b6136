#include "briefsearch/credentials.h"

#include <cstdlib>

#include "common/secret_file.h"

namespace briefsearch {

absl::Status ApplyCredentialFlags(const CredentialFlags& flags, ClientOptions* options) {
  std::string token_file = flags.token_file;
  if (token_file.empty()) {
    if (const char* env = std::getenv("BRIEFSEARCH_TOKEN_FILE"); env != nullptr) token_file = env;
  }
  if (!token_file.empty()) {
    auto token = ReadTokenFile(token_file);
    if (!token.ok()) return token.status();
    options->bearer_token = std::move(*token);
  }
  options->tls_ca_file = flags.tls_ca_file;
  options->tls_cert_file = flags.tls_cert_file;
  options->tls_key_file = flags.tls_key_file;
  return absl::OkStatus();
}

}  // namespace briefsearch
