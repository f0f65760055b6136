#include "server/common/malloc_tuning.h"

#include <malloc.h>

namespace briefsearch {

void TuneMallocForServer() {
  // Allocations below 64 MiB come from the arenas (setting it also turns off the dynamic
  // threshold), and an arena keeps up to 256 MiB of free top before trimming. A daemon reuses
  // that memory on the next query; RSS stays bounded by the peak working set.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

}  // namespace briefsearch
