// What the indexer learns from the drop folder, behind an interface so the pipeline can be driven
// by inotify in production and by a scripted fake in tests.
#pragma once

#include <functional>
#include <string>

#include "absl/status/status.h"

namespace briefsearch::watch {

struct FileEvent {
  enum class Kind {
    kWritten,   // closed after writing, or moved/renamed into the folder: a candidate to index
    kModified,  // still being written: push its settle time back
    kRemoved,   // deleted, or moved out of the folder
    kRescan,    // events were lost (queue overflow) or a directory appeared: rescan everything
  };
  Kind kind;
  std::string path;  // relative to the drop folder; empty for kRescan
};

using EventSink = std::function<void(const FileEvent&)>;

class Watcher {
 public:
  virtual ~Watcher() = default;
  // Starts delivering events to `sink` (on the watcher's own thread or event loop).
  virtual absl::Status Start(EventSink sink) = 0;
  virtual void Stop() = 0;
};

}  // namespace briefsearch::watch
