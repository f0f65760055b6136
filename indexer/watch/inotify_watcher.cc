#include "indexer/watch/inotify_watcher.h"

#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <cerrno>
#include <filesystem>

#include "common/files.h"
#include "common/log.h"
#include "common/status_macros.h"

namespace briefsearch::watch {
namespace {

constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_MODIFY |
                           IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

std::string Join(const std::string& dir, const std::string& name) {
  return dir.empty() ? name : dir + "/" + name;
}

}  // namespace

InotifyWatcher::InotifyWatcher(boost::asio::io_context* io, std::string root)
    : io_(io), root_(std::move(root)) {}

InotifyWatcher::~InotifyWatcher() { Stop(); }

absl::Status InotifyWatcher::Start(EventSink sink) {
  sink_ = std::move(sink);
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) return ErrnoStatus(errno, "inotify_init1");
  RETURN_IF_ERROR(AddTree(""));
  stream_ = std::make_unique<boost::asio::posix::stream_descriptor>(*io_, fd_);
  Read();
  return absl::OkStatus();
}

void InotifyWatcher::Stop() {
  if (stream_) {
    boost::system::error_code ec;
    stream_->cancel(ec);
    stream_->close(ec);  // closes fd_ too
    stream_.reset();
    fd_ = -1;
  } else if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

absl::Status InotifyWatcher::AddTree(const std::string& relative_dir) {
  const std::string full = relative_dir.empty() ? root_ : root_ + "/" + relative_dir;
  // IN_ONLYDIR plus no IN_DONT_FOLLOW is fine here: we only ever add real directories found by
  // a non-following walk below.
  const int wd = inotify_add_watch(fd_, full.c_str(), kMask | IN_DONT_FOLLOW);
  if (wd < 0) return ErrnoStatus(errno, "watch " + full);
  dirs_[wd] = relative_dir;
  // Explicit increment(ec): a folder removed while we walk must not throw out of the watcher.
  std::error_code ec;
  for (std::filesystem::directory_iterator it(full, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->symlink_status(type_ec).type() != std::filesystem::file_type::directory) continue;
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    // A subfolder that vanished meanwhile is not an error; its removal event tells the pipeline.
    if (absl::Status s = AddTree(Join(relative_dir, name)); !s.ok()) LogWarning("%s", s.ToString());
  }
  return absl::OkStatus();
}

void InotifyWatcher::Read() {
  stream_->async_read_some(boost::asio::buffer(buffer_),
                           [this](const boost::system::error_code& ec, size_t n) {
                             if (ec) {
                               if (ec != boost::asio::error::operation_aborted) {
                                 LogError("inotify read failed: %s", ec.message());
                               }
                               return;
                             }
                             Dispatch(buffer_.data(), n);
                             if (stream_) Read();
                           });
}

void InotifyWatcher::Dispatch(const char* data, size_t length) {
  for (size_t off = 0; off + sizeof(inotify_event) <= length;) {
    const auto* ev = reinterpret_cast<const inotify_event*>(data + off);
    off += sizeof(inotify_event) + ev->len;
    if (ev->mask & IN_Q_OVERFLOW) {
      // Events were dropped, folder creations among them: watch the tree again (adding a watch
      // that exists returns the same descriptor), then let the pipeline rescan everything.
      LogWarning("inotify queue overflowed: re-watching and rescanning the drop folder");
      if (absl::Status s = AddTree(""); !s.ok()) LogWarning("re-watch: %s", s.ToString());
      sink_({FileEvent::Kind::kRescan, ""});
      continue;
    }
    auto dir = dirs_.find(ev->wd);
    if (dir == dirs_.end()) continue;
    if (ev->mask & IN_IGNORED) {
      dirs_.erase(dir);
      continue;
    }
    if (ev->len == 0) continue;
    const std::string path = Join(dir->second, ev->name);
    if (ev->mask & IN_ISDIR) {
      if (ev->mask & (IN_CREATE | IN_MOVED_TO)) {
        if (absl::Status s = AddTree(path); !s.ok()) LogWarning("%s", s.ToString());
        sink_({FileEvent::Kind::kRescan, ""});
      } else if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
        sink_({FileEvent::Kind::kRescan, ""});
      }
      continue;
    }
    if (ev->mask & IN_CREATE) {
      // A symlink, FIFO or socket is complete when created and is never closed after writing:
      // check it now (it will be quarantined). A regular file waits for its close.
      struct stat st {};
      const std::string full = root_ + "/" + path;
      if (::lstat(full.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        sink_({FileEvent::Kind::kWritten, path});
        continue;
      }
    }
    if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
      sink_({FileEvent::Kind::kWritten, path});
    } else if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
      sink_({FileEvent::Kind::kRemoved, path});
    } else if (ev->mask & (IN_MODIFY | IN_CREATE)) {
      sink_({FileEvent::Kind::kModified, path});
    }
  }
}

}  // namespace briefsearch::watch
