// Reading files that hold secrets (bearer tokens, token lists): small, regular, and not readable by
// every user on the machine. Shared by the server (--tokens-file) and the clients (--token-file).
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace briefsearch {

struct SecretFile {
  std::string content;
  // Readable by "other" users (mode o+r): anyone on the machine can read the secret.
  bool world_readable = false;
};

// Reads a regular file of at most 1 MiB. Errors name the path and the reason, never the content.
absl::StatusOr<SecretFile> ReadSecretFile(const std::string& path);

// Reads a file holding one bearer token: surrounding whitespace (a trailing newline from `echo`)
// is trimmed. Refuses (FAILED_PRECONDITION) an empty token, one with inner whitespace or control
// characters (it would not survive an HTTP/2 header), and a world-readable file, as ssh refuses a
// world-readable private key: the message says to chmod it.
absl::StatusOr<std::string> ReadTokenFile(const std::string& path);

}  // namespace briefsearch
