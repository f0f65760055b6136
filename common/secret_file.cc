#include "common/secret_file.h"

#include <sys/stat.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/files.h"

namespace briefsearch {

absl::StatusOr<SecretFile> ReadSecretFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return ErrnoStatus(errno, "stat " + path);
  if (!S_ISREG(st.st_mode)) return absl::FailedPreconditionError(path + " is not a regular file");
  SecretFile file;
  file.world_readable = (st.st_mode & S_IROTH) != 0;
  auto content = ReadFileLimited(path, 1 << 20);
  if (!content.ok()) return content.status();
  file.content = std::move(*content);
  return file;
}

absl::StatusOr<std::string> ReadTokenFile(const std::string& path) {
  auto file = ReadSecretFile(path);
  if (!file.ok()) return file.status();
  if (file->world_readable) {
    return absl::FailedPreconditionError(
        absl::StrCat("token file ", path, " is readable by every user; run: chmod 600 ", path));
  }
  const std::string token(absl::StripAsciiWhitespace(file->content));
  if (token.empty()) return absl::FailedPreconditionError("token file " + path + " is empty");
  for (const char c : token) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      return absl::FailedPreconditionError(
          "token file " + path + " must hold one token (no spaces or control characters inside)");
    }
  }
  return token;
}

}  // namespace briefsearch
