// Filling ClientOptions' credentials from command-line style settings, the same way for every
// briefsearch program (the CLI, the indexer, benchmarks):
//
//   --token-file FILE   (else $BRIEFSEARCH_TOKEN_FILE)  a file holding one bearer token
//   --tls-ca FILE       CA certificates to check the server's certificate with (turns TLS on)
//   --tls-cert FILE --tls-key FILE                       client certificate for mutual TLS
#pragma once

#include <string>

#include "absl/status/status.h"
#include "briefsearch/client.h"

namespace briefsearch {

struct CredentialFlags {
  std::string token_file;
  std::string tls_ca_file;
  std::string tls_cert_file;
  std::string tls_key_file;
};

// Reads the token file (trimmed; refused when empty or readable by every user) and copies the TLS
// file names into `options`. Errors name the file, never its content.
absl::Status ApplyCredentialFlags(const CredentialFlags& flags, ClientOptions* options);

}  // namespace briefsearch
