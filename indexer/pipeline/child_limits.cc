#include "indexer/pipeline/child_limits.h"

#include <sys/resource.h>

#include <algorithm>

namespace briefsearch::pipeline {
namespace {

constexpr rlim_t kCpuGraceSeconds = 5;

void LimitMemory(int memory_mb) {
  const rlim_t bytes = static_cast<rlim_t>(memory_mb) << 20;
  const rlimit memory{bytes, bytes};
  ::setrlimit(RLIMIT_AS, &memory);
}

}  // namespace

void ApplyChildLimits(int memory_mb, int cpu_seconds) {
  LimitMemory(memory_mb);
  const auto soft = static_cast<rlim_t>(cpu_seconds);
  const rlimit cpu{soft, soft + kCpuGraceSeconds};
  ::setrlimit(RLIMIT_CPU, &cpu);
}

void ApplyServerChildLimits(int memory_mb) {
  LimitMemory(memory_mb);
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
}

void AllowCpuSecondsFromNow(int cpu_seconds) {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const rlim_t used = static_cast<rlim_t>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + 1;
  rlimit cpu{};
  ::getrlimit(RLIMIT_CPU, &cpu);
  // Only the soft limit moves (SIGXCPU there); the hard one may not be raised without privilege.
  cpu.rlim_cur = used + static_cast<rlim_t>(cpu_seconds) + kCpuGraceSeconds;
  if (cpu.rlim_max != RLIM_INFINITY) cpu.rlim_cur = std::min(cpu.rlim_cur, cpu.rlim_max);
  ::setrlimit(RLIMIT_CPU, &cpu);
}

}  // namespace briefsearch::pipeline
