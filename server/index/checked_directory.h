// CheckedDirectory: the MMapDirectory the index lives in, with writes and syncs that report
// failure.
//
// Lucene++ 3.0.8 writes index files through std::ofstream and ignores the result of every write
// (SimpleFSIndexOutput::flushBuffer), and its commit swallows a failed sync of segments_N: a disk
// error or a full disk could leave a commit that Lucene++ calls done with files short on disk. Here
// outputs write with pwrite and throw IOException on any failure, sync() really fsyncs, and every
// failure is counted, so IndexManager can refuse to count a commit during which anything failed,
// whether or not Lucene++ passed the exception on. Reads stay memory-mapped.
//
// Thread-safety: as MMapDirectory; failures() and last_failure() may be read from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "server/common/lucene.h"
// After lucene.h, which removes Lucene++'s INTERNAL macro; the include guards keep it removed.
#include "BufferedIndexOutput.h"
#include "MMapDirectory.h"

namespace briefsearch::index {

// Failures seen by a CheckedDirectory and its outputs (shared: an output may outlive a lookup).
struct WriteFailures;

class CheckedDirectory : public Lucene::MMapDirectory {
 public:
  explicit CheckedDirectory(const Lucene::String& path);
  ~CheckedDirectory() override;
  using String = Lucene::String;  // LUCENE_CLASS expects it unqualified
  LUCENE_CLASS(CheckedDirectory);

  Lucene::IndexOutputPtr createOutput(const Lucene::String& name) override;
  void sync(const Lucene::String& name) override;

  // Failed writes, truncations and syncs so far; compare before and after a commit.
  int64_t failures() const;
  // errno and what failed ("fsync /path") of the latest failure (0 and "" when none).
  int last_errno() const;
  std::string last_failure() const;

 private:
  std::shared_ptr<WriteFailures> failures_;
};

}  // namespace briefsearch::index
