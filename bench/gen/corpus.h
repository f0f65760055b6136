// Writes a whole generated corpus into a directory (bench/FORMAT.md): articles.jsonl, drop/*.txt,
// queries.jsonl and manifest.json. Streams issue by issue: memory does not grow with the corpus
// beyond one counter per vocabulary word and a fixed reservoir of sampled articles.
// Same options and vocabulary -> byte-identical files.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/statusor.h"
#include "bench/gen/vocabulary.h"

namespace briefsearch::gen {

// Bumped whenever the same seed would give different output.
inline constexpr int kGeneratorVersion = 1;

struct CorpusOptions {
  int64_t articles = 1000;
  uint64_t seed = 1;
  int queries_per_class = 50;
  bool write_drop = true;
  std::string out_dir;
};

// Returns the manifest it wrote (counts, bytes, seed, version; no timings, so it is deterministic).
absl::StatusOr<nlohmann::ordered_json> WriteCorpus(const CorpusOptions& options,
                                                   const Vocabulary& vocabulary);

}  // namespace briefsearch::gen
