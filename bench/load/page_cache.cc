#include "bench/load/page_cache.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"

namespace briefsearch::bench {
namespace {

bool DropAllCaches() {
  ::sync();
  const int fd = ::open("/proc/sys/vm/drop_caches", O_WRONLY);
  if (fd < 0) return false;
  const bool ok = ::write(fd, "1", 1) == 1;
  ::close(fd);
  return ok;
}

}  // namespace

absl::StatusOr<std::string> EvictPageCache(const std::string& dir, bool whole_machine) {
  if (whole_machine && DropAllCaches()) return std::string("drop_caches");
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const int fd = ::open(it->path().c_str(), O_RDONLY);
    if (fd < 0) continue;  // LOCK and the like may be unreadable; they hold no index pages
    ::fdatasync(fd);       // dirty pages are not dropped, so write them first
    const int rc = ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
    if (rc != 0) {
      return absl::InternalError(
          absl::StrCat("posix_fadvise ", it->path().string(), ": ", std::strerror(rc)));
    }
  }
  if (ec) return absl::NotFoundError(absl::StrCat("cannot list ", dir, ": ", ec.message()));
  return std::string("fadvise_dontneed");
}

}  // namespace briefsearch::bench
