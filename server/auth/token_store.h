// The bearer tokens briefsearchd accepts, with their roles.
//
// File format (--tokens-file), one token a line; blank lines and lines starting with '#' are
// ignored; a token may appear once:
//
//   ROLE CREDENTIAL [NAME]
//
// ROLE is `read` or `write`. CREDENTIAL is the token itself (at least 16 characters) or
// `sha256:` followed by the 64 hex digits of the token's SHA-256, so the file need not hold the
// secret (`printf %s "$TOKEN" | sha256sum`). NAME is an optional label that log lines may show
// (e.g. `indexer-2026-12`), so a rotation can be followed without ever logging a token.
//
// Only SHA-256 digests are kept in memory. Lookup hashes the presented token and compares it with
// every entry with CRYPTO_memcmp, without stopping at a match, so the time taken does not depend
// on where or whether the token matched.
//
// Thread-safety: immutable after Parse/Load; Lookup may be called from any number of threads.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "server/auth/roles.h"

namespace briefsearch::auth {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest Sha256(std::string_view data);

struct TokenInfo {
  Role role = Role::kRead;
  std::string name;  // the label from the file, or "line N"
};

class TokenStore {
 public:
  // Errors name the line number and what is wrong with it, never the line's content.
  static absl::StatusOr<TokenStore> Parse(std::string_view text);
  // Reads and parses `path`. `plaintext_world_readable` (optional) is set when the file holds a
  // token in plain and any user on the machine can read it, which the caller should warn about.
  static absl::StatusOr<TokenStore> Load(const std::string& path,
                                         bool* plaintext_world_readable = nullptr);

  // The entry whose token is `token`, or nullopt.
  std::optional<TokenInfo> Lookup(std::string_view token) const;

  size_t size() const { return entries_.size(); }
  bool has_plaintext() const { return has_plaintext_; }

 private:
  struct Entry {
    Sha256Digest digest;
    TokenInfo info;
    int line = 0;
  };
  std::vector<Entry> entries_;
  bool has_plaintext_ = false;
};

}  // namespace briefsearch::auth
