// The transport briefsearchd listens with, from its flags: plaintext, TLS, or mutual TLS, with or
// without bearer tokens.
//
// Tokens are only checked by gRPC on secure credentials, and only worth anything when nobody on
// the path can read them. So with --tokens-file and no TLS the server uses gRPC's local
// credentials, which accept only Unix-socket or loopback peers (plaintext on the wire, nothing to
// change for clients), and it refuses to start on a network address: there, put TLS on
// (--tls-cert/--tls-key) or a TLS-terminating proxy on the same machine.
#pragma once

#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace briefsearch::auth {

struct TransportOptions {
  std::string listen;              // host:port or unix:/path
  std::string tls_cert_file;       // PEM certificate chain; with tls_key_file turns TLS on
  std::string tls_key_file;        // PEM private key
  std::string tls_client_ca_file;  // PEM CAs; set: clients must present a certificate they signed
  std::string tokens_file;         // token_store.h format; set: every call needs a token
  bool anonymous_read = false;     // with tokens_file: read methods need none
};

class AuthProcessor;

struct ServerTransport {
  std::shared_ptr<grpc::ServerCredentials> credentials;
  std::string description;  // for the startup log line, e.g. "TLS, 2 bearer tokens"
  // Set with a tokens file: ReloadTokens swaps its store.
  std::shared_ptr<AuthProcessor> processor;
};

// Reads the files and builds the credentials. INVALID_ARGUMENT for flags that do not go together,
// FAILED_PRECONDITION for tokens over plaintext on a non-loopback address; file errors as read.
// Warnings (a world-readable key or plaintext tokens file) are logged here.
absl::StatusOr<ServerTransport> MakeServerTransport(const TransportOptions& options);

// Reads options.tokens_file again and, when it parses, makes it the one calls are checked against;
// on an error the previous tokens stay. Returns the number of tokens now in force.
absl::StatusOr<size_t> ReloadTokens(const TransportOptions& options, ServerTransport* transport);

}  // namespace briefsearch::auth
