// Making a start-up "cold": the index's pages must come from disk again.
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace briefsearch::bench {

// With `whole_machine`, drops the whole page cache (sync, then "1" into
// /proc/sys/vm/drop_caches) when permitted. Otherwise, or when that is refused, asks the kernel to
// forget every file under `dir` (fdatasync, then posix_fadvise(POSIX_FADV_DONTNEED)), which evicts
// their clean pages but not the binary's or the libraries'. Returns the method used:
// "drop_caches" or "fadvise_dontneed".
absl::StatusOr<std::string> EvictPageCache(const std::string& dir, bool whole_machine);

}  // namespace briefsearch::bench
