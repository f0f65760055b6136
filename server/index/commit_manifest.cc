#include "server/index/commit_manifest.h"

#include <fcntl.h>
#include <isa-l/crc.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/files.h"
#include "common/status_macros.h"

namespace briefsearch::index {
namespace {

constexpr char kSuffix[] = ".crc";

int64_t Generation(const std::string& segments_file) {
  return std::strtoll(segments_file.c_str() + std::string_view("segments_").size(), nullptr, 36);
}

// Whether a commit older than `segments_file` has a manifest: then this one was written by a
// version that writes manifests, and has none because it never counted.
bool OlderCommitHasManifest(const std::string& dir, const std::string& segments_file) {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("segments_", 0) == 0 && name.ends_with(kSuffix) &&
        Generation(name) < Generation(segments_file)) {
      return true;
    }
  }
  return false;
}

}  // namespace

CommitManifests::CommitManifests(std::string index_dir, std::string manifest_dir)
    : index_dir_(std::move(index_dir)), manifest_dir_(std::move(manifest_dir)) {}

std::string CommitManifests::ManifestPath(const std::string& segments_file) const {
  return manifest_dir_ + "/" + segments_file + kSuffix;
}

absl::StatusOr<FileChecksum> ChecksumFile(const std::string& path, size_t chunk_bytes,
                                          const std::atomic<bool>* cancel) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, "open " + path);
  std::string buffer(chunk_bytes, '\0');
  FileChecksum sum;
  int err = 0;
  bool cancelled = false;
  while (!(cancelled = cancel != nullptr && cancel->load(std::memory_order_relaxed))) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) err = errno;
    if (n <= 0) break;
    sum.crc =
        crc32_iscsi(reinterpret_cast<unsigned char*>(buffer.data()), static_cast<int>(n), sum.crc);
    sum.size += n;
  }
  ::close(fd);
  if (err != 0) return ErrnoStatus(err, "read " + path);
  if (cancelled) return absl::CancelledError("checksum of " + path + " cancelled");
  return sum;
}

absl::Status CompareToManifest(const std::string& segments_file, const FileChecksum& want,
                               const FileChecksum& got) {
  if (got.size == want.size && got.crc == want.crc) return absl::OkStatus();
  return absl::DataLossError(
      absl::StrFormat("%s: %s has %d bytes with CRC-32C %08x; the manifest says %d bytes, %08x",
                      segments_file, want.name, got.size, got.crc, want.size, want.crc));
}

absl::StatusOr<std::pair<int64_t, uint32_t>> CommitManifests::SizeAndCrc(const std::string& name) {
  const std::string path = index_dir_ + "/" + name;
  std::error_code ec;
  const auto on_disk = static_cast<int64_t>(std::filesystem::file_size(path, ec));
  if (ec) return ErrnoStatus(ec.value(), "stat " + path);
  auto known = known_.find(name);
  if (known != known_.end() && known->second.first == on_disk) return known->second;
  ASSIGN_OR_RETURN(const FileChecksum sum, ChecksumFile(path));
  return known_[name] = {sum.size, sum.crc};
}

absl::Status CommitManifests::Write(const std::string& segments_file,
                                    const std::vector<std::string>& files) {
  RETURN_IF_ERROR(MakeDirs(manifest_dir_));
  std::string text;
  for (const std::string& name : files) {
    ASSIGN_OR_RETURN(const auto sum, SizeAndCrc(name));
    text += absl::StrFormat("%s %d %08x\n", name, sum.first, sum.second);
  }
  RETURN_IF_ERROR(WriteFileDurably(ManifestPath(segments_file), text));
  // Manifests of commits Lucene++ has deleted since, and checksums of files no commit uses.
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(manifest_dir_, ec)) {
    const std::string name = e.path().filename().string();
    if (!name.ends_with(kSuffix)) continue;
    const std::string commit = name.substr(0, name.size() - sizeof(kSuffix) + 1);
    if (!std::filesystem::exists(index_dir_ + "/" + commit)) std::filesystem::remove(e.path(), ec);
  }
  std::erase_if(known_, [&](const auto& kv) {
    return !std::filesystem::exists(index_dir_ + "/" + kv.first);
  });
  return absl::OkStatus();
}

absl::Status CommitManifests::Verify(const std::string& segments_file, int64_t sync_max_bytes,
                                     std::vector<FileChecksum>* deferred) {
  const std::string path = ManifestPath(segments_file);
  if (!std::filesystem::exists(path)) {
    if (!OlderCommitHasManifest(manifest_dir_, segments_file)) return absl::OkStatus();
    return absl::DataLossError(segments_file + " has no checksum manifest: it never counted");
  }
  ASSIGN_OR_RETURN(const std::string text, ReadFileLimited(path, uint64_t{16} << 20));
  std::istringstream lines(text);
  std::string name, crc_hex;
  int64_t size = 0;
  while (lines >> name >> size >> crc_hex) {
    const auto want = static_cast<uint32_t>(std::strtoul(crc_hex.c_str(), nullptr, 16));
    known_.erase(name);  // read it from disk again: that is the point
    absl::StatusOr<std::pair<int64_t, uint32_t>> got;
    const bool later = deferred != nullptr && size > sync_max_bytes && name != segments_file;
    if (later) {
      std::error_code ec;
      const auto on_disk = std::filesystem::file_size(index_dir_ + "/" + name, ec);
      got = std::pair<int64_t, uint32_t>(static_cast<int64_t>(on_disk), want);
      if (ec) got = ErrnoStatus(ec.value(), "stat " + index_dir_ + "/" + name);
    } else {
      got = SizeAndCrc(name);
    }
    if (!got.ok())
      return absl::DataLossError(absl::StrCat(segments_file, ": ", got.status().message()));
    RETURN_IF_ERROR(
        CompareToManifest(segments_file, {name, size, want}, {name, got->first, got->second}));
    if (later) {
      known_[name] = *got;  // the manifest's word until the deferred check reads the file
      deferred->push_back({name, size, want});
    }
  }
  return absl::OkStatus();
}

}  // namespace briefsearch::index
