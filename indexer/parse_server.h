// `briefsearch-indexer parse-server --memory-mb N --cpu-seconds S [--test-faults]`: the indexer's
// long-lived parse child (not for people; see indexer/pipeline/parse_child.h for the other end).
// Reads requests (a file's name and bytes) from stdin and writes one answer for each on stdout
// (indexer/pipeline/parse_frames.h), until stdin closes. Never opens a path.
#pragma once

namespace briefsearch::indexer {

// Returns the process exit code: 0 when stdin closed between two requests, non-zero on a broken
// stream (the indexer then treats the file in hand as one the parser could not handle).
int RunParseServer(int memory_mb, int cpu_seconds, bool test_faults);

}  // namespace briefsearch::indexer
