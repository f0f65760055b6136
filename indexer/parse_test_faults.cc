#include "indexer/parse_test_faults.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace briefsearch::indexer {
namespace {

constexpr std::string_view kPrefix = "briefsearch-test-fault: ";

// Touches memory until an allocation fails; stops at `cap` MiB (the limit was not applied) so a
// broken test cannot take the machine's memory.
bool AllocateUntilRefused(size_t cap_mb) {
  std::vector<void*> blocks;
  for (size_t mb = 0; mb < cap_mb; mb += 16) {
    void* p = std::malloc(16u << 20);
    if (p == nullptr) return true;
    std::memset(p, 1, 16u << 20);
    blocks.push_back(p);
  }
  for (void* p : blocks) std::free(p);
  return false;
}

}  // namespace

bool InjectTestFault(std::string_view* bytes, pipeline::ParseResponse* response) {
  if (!bytes->starts_with(kPrefix)) return true;
  const size_t eol = bytes->find('\n');
  const std::string_view what = bytes->substr(kPrefix.size(), eol - kPrefix.size());
  *bytes = eol == std::string_view::npos ? std::string_view() : bytes->substr(eol + 1);
  if (what == "crash") ::raise(SIGSEGV);
  if (what == "exit") ::_exit(3);
  if (what == "loop") {
    volatile uint64_t spin = 0;
    for (;;) spin = spin + 1;
  }
  if (what == "sleep") {
    for (;;) ::pause();
  }
  if (what == "alloc") {
    if (AllocateUntilRefused(8192)) std::abort();
    response->code = absl::StatusCode::kFailedPrecondition;
    response->payload = "test fault: the memory limit was not applied";
    return false;
  }
  if (what == "wrong-id") {
    response->id += 1000;
    response->payload = R"({"articles":[]})";
    return false;
  }
  if (what == "stdout") {
    static constexpr char kStray[] = "stray output from a library\n";
    (void)!::write(STDOUT_FILENO, kStray, sizeof(kStray) - 1);
  }
  return true;
}

}  // namespace briefsearch::indexer
