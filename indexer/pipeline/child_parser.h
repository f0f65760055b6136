// Parses a file in a child process with memory and CPU limits, so that a hostile file (a PDF whose
// page inflates to gigabytes, a parser bug) costs at most the child: the indexer keeps running and
// quarantines the file with the reason.
//
// The child is this program again: `<exe> parse - --name NAME --json --memory-mb N --cpu-seconds S`,
// which applies setrlimit(RLIMIT_AS, RLIMIT_CPU) to itself, reads the file's bytes from its stdin
// and prints what it would send. The parent reads the file (through DropFolder, which never leaves
// the drop folder) and passes the bytes: the child never opens a path, so a file swapped for a
// symlink between the check and the parse cannot make it read anything else.
// Thread-safety: free function, safe from any thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "indexer/parse/parsed_issue.h"

namespace briefsearch::pipeline {

struct ChildLimits {
  int memory_mb = 1024;
  int cpu_seconds = 60;
  std::chrono::seconds wall{180};  // killed after this, whatever it is doing
};

// INVALID_ARGUMENT etc. with the parser's own one-line reason when the file is refused;
// RESOURCE_EXHAUSTED when the child died over its limits; INTERNAL when it could not run.
// `name` is the file's name (its extension and publisher hints matter), `bytes` its content.
absl::StatusOr<parse::ParsedIssue> ParseInChild(const std::string& exe, const std::string& name,
                                                std::string_view bytes, const ChildLimits& limits);

// Applies the limits to the calling process (the child side).
void ApplyChildLimits(int memory_mb, int cpu_seconds);

// The JSON `parse --json` prints, back into a ParsedIssue.
absl::StatusOr<parse::ParsedIssue> ParsedIssueFromJson(const std::string& json);

}  // namespace briefsearch::pipeline
