#include "server/auth/token_store.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/secret_file.h"

namespace briefsearch::auth {
namespace {

constexpr std::string_view kDigestPrefix = "sha256:";
// Shorter tokens can be guessed online; sha256 entries cannot be checked, so they are the
// operator's responsibility.
constexpr size_t kMinTokenLength = 16;

absl::Status LineError(int line, const std::string& what) {
  return absl::InvalidArgumentError(absl::StrCat("tokens file line ", line, ": ", what));
}

// The fields of a line separated by spaces and tabs (the installed Abseil's string_view is not
// std::string_view, so absl::StrSplit does not take ours).
std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

bool IsHex(std::string_view s) {
  for (const char c : s) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

Sha256Digest Sha256(std::string_view data) {
  Sha256Digest digest{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr);
  return digest;
}

absl::StatusOr<TokenStore> TokenStore::Parse(std::string_view text) {
  TokenStore store;
  int line_number = 0;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::vector<std::string_view> fields = Fields(text.substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (fields.empty() || fields[0].front() == '#') continue;
    if (fields.size() < 2 || fields.size() > 3) {
      return LineError(line_number, "expected ROLE CREDENTIAL [NAME]");
    }
    Entry entry;
    std::optional<Role> role = ParseRole(fields[0]);
    if (!role) return LineError(line_number, "the role must be read or write");
    entry.info.role = *role;
    entry.info.name =
        fields.size() == 3 ? std::string(fields[2]) : absl::StrCat("line ", line_number);
    const std::string_view credential = fields[1];
    if (credential.substr(0, kDigestPrefix.size()) == kDigestPrefix) {
      const std::string_view hex = credential.substr(kDigestPrefix.size());
      if (hex.size() != 64 || !IsHex(hex)) {
        return LineError(line_number, "sha256: needs 64 hex digits");
      }
      const std::string bytes = absl::HexStringToBytes(absl::string_view(hex.data(), hex.size()));
      std::copy(bytes.begin(), bytes.end(), entry.digest.begin());
    } else {
      if (credential.size() < kMinTokenLength) {
        return LineError(line_number,
                         absl::StrCat("a token needs at least ", kMinTokenLength, " characters"));
      }
      entry.digest = Sha256(credential);
      store.has_plaintext_ = true;
    }
    for (const Entry& earlier : store.entries_) {
      if (earlier.digest == entry.digest) {
        return LineError(line_number, absl::StrCat("the same token as line ", earlier.line));
      }
    }
    entry.line = line_number;
    store.entries_.push_back(std::move(entry));
  }
  if (store.entries_.empty()) return absl::InvalidArgumentError("tokens file holds no token");
  return store;
}

absl::StatusOr<TokenStore> TokenStore::Load(const std::string& path,
                                            bool* plaintext_world_readable) {
  auto file = ReadSecretFile(path);
  if (!file.ok()) return file.status();
  auto store = Parse(file->content);
  if (!store.ok())
    return absl::Status(store.status().code(), path + ": " + std::string(store.status().message()));
  if (plaintext_world_readable != nullptr) {
    *plaintext_world_readable = file->world_readable && store->has_plaintext();
  }
  return store;
}

std::optional<TokenInfo> TokenStore::Lookup(std::string_view token) const {
  const Sha256Digest presented = Sha256(token);
  const Entry* found = nullptr;
  for (const Entry& e : entries_) {
    // No early exit: every entry is compared whatever the outcome.
    const bool match = CRYPTO_memcmp(e.digest.data(), presented.data(), presented.size()) == 0;
    if (match && found == nullptr) found = &e;
  }
  if (found == nullptr) return std::nullopt;
  return found->info;
}

}  // namespace briefsearch::auth
