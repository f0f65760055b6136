// Keeps glibc malloc from handing memory back to the kernel after every query.
//
// Profiling searches (perf, 10k articles) showed a fifth of the CPU in munmap/madvise and the TLB
// shootdowns they cause on every core: buffers of a few hundred KB (token lists, Lucene++ term
// buffers) crossed glibc's dynamic mmap threshold or were trimmed off a thread arena's top after
// each call, then mapped again by the next one. Fixed thresholds keep them in the arenas.
#pragma once

namespace briefsearch {

// Call once at start, before other threads exist.
void TuneMallocForServer();

}  // namespace briefsearch
