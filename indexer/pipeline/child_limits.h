// The limits of the child processes that parse drop-folder files, and the calls by which a child
// applies them to itself. A hostile file (a PDF whose page inflates to gigabytes, a parser bug, a
// loop) must cost at most the child: the indexer kills it, quarantines the file with the reason
// and goes on with a fresh child.
// Thread-safety: plain data and free functions; the Apply* calls change the calling process.
#pragma once

#include <chrono>

namespace briefsearch::pipeline {

struct ChildLimits {
  // Address space of the child (RLIMIT_AS): a memory bomb fails its allocations or dies.
  int memory_mb = 1024;
  // CPU per file. The indexer watches the child's CPU time while it parses a file and kills it
  // past this; the child also sets RLIMIT_CPU a few seconds further, in case the indexer is gone.
  int cpu_seconds = 60;
  // Time per file, whatever the child is doing (waiting counts too).
  std::chrono::seconds wall{180};
  // A long-lived child is replaced after this many files, or once its resident memory passed
  // `recycle_rss_mb` after a file: leaks and heap fragmentation stay bounded.
  int max_files = 500;
  int recycle_rss_mb = 512;
  // Tests only: the child obeys "briefsearch-test-fault: WHAT" at the start of a file (crash,
  // loop, alloc, ...; indexer/parse_test_faults.h).
  bool test_faults = false;
};

// The one-shot `parse - --memory-mb N --cpu-seconds S` child: both limits for its whole life.
void ApplyChildLimits(int memory_mb, int cpu_seconds);

// The long-lived child, once at start: RLIMIT_AS, and no core files (a crash on a hostile file is
// an expected outcome; dumping up to --parse-memory-mb for each would cost more than the restart).
void ApplyServerChildLimits(int memory_mb);

// The long-lived child, before each file: RLIMIT_CPU set `cpu_seconds` plus a grace beyond the CPU
// it has used so far, so the kernel stops a loop even when no indexer is left to watch it. The
// grace lets the indexer, which watches the same budget, come first with its clearer reason.
void AllowCpuSecondsFromNow(int cpu_seconds);

}  // namespace briefsearch::pipeline
