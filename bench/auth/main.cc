// briefsearch-bench-auth: what the per-call token check costs, and that its time does not depend
// on which entry matched (or whether any did). Runs AuthProcessor's decision (auth::Authorize) in
// process, without gRPC, over token stores of several sizes.
//
//   build/bin/briefsearch-bench-auth [--calls N]
//
// Prints one line per case: store size, which token was presented, nanoseconds per call (median of
// 7 rounds of N calls).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "server/auth/auth_processor.h"

namespace {

using briefsearch::auth::AuthPolicy;
using briefsearch::auth::TokenStore;

std::string Token(int i) { return "bench-token-" + std::to_string(1000000 + i); }

double NanosPerCall(const AuthPolicy& policy, const std::string& header, int calls) {
  std::vector<double> rounds;
  for (int r = 0; r < 7; ++r) {
    int ok = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; ++i) {
      ok += briefsearch::auth::Authorize(policy, "/briefsearch.v1.SearchService/Search", header,
                                         nullptr)
                .ok();
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (ok < 0) std::abort();  // keeps the loop from being optimised away
    rounds.push_back(std::chrono::duration<double, std::nano>(elapsed).count() / calls);
  }
  std::sort(rounds.begin(), rounds.end());
  return rounds[rounds.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int calls = 200000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--calls") == 0) calls = std::atoi(argv[i + 1]);
  }
  std::printf("tokens\tpresented\tns_per_call\n");
  for (int size : {1, 10, 100}) {
    std::string file;
    for (int i = 0; i < size; ++i) file += "read " + Token(i) + "\n";
    auto store = TokenStore::Parse(file);
    if (!store.ok()) return 1;
    const AuthPolicy policy{std::make_shared<const TokenStore>(std::move(*store)), false};
    const std::pair<const char*, std::string> cases[] = {
        {"first", Token(0)}, {"last", Token(size - 1)}, {"unknown", "bench-token-unknown00"}};
    for (const auto& [name, token] : cases) {
      std::printf("%d\t%s\t%.0f\n", size, name, NanosPerCall(policy, "Bearer " + token, calls));
    }
  }
  return 0;
}
