// Watches a folder tree with inotify, read asynchronously through Boost.Asio.
//
// Events that mean "complete": IN_CLOSE_WRITE and IN_MOVED_TO. A file still open for writing only
// produces IN_MODIFY, which the pipeline treats as "not yet". IN_Q_OVERFLOW becomes kRescan.
// New subdirectories are watched as they appear (and announced as kRescan so files created in
// them before the watch existed are found).
//
// Thread-safety: runs on the io_context's thread; Stop() may be called from that thread only (post
// it from elsewhere).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <array>
#include <map>
#include <string>

#include "indexer/watch/watcher.h"

namespace briefsearch::watch {

class InotifyWatcher final : public Watcher {
 public:
  InotifyWatcher(boost::asio::io_context* io, std::string root);
  ~InotifyWatcher() override;

  absl::Status Start(EventSink sink) override;
  void Stop() override;

 private:
  absl::Status AddTree(const std::string& relative_dir);
  void Read();
  void Dispatch(const char* data, size_t length);

  boost::asio::io_context* io_;
  const std::string root_;
  int fd_ = -1;
  std::unique_ptr<boost::asio::posix::stream_descriptor> stream_;
  std::map<int, std::string> dirs_;  // watch descriptor -> directory relative to root ("" = root)
  std::array<char, 64 * 1024> buffer_{};
  EventSink sink_;
};

}  // namespace briefsearch::watch
