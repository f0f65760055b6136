// Helpers for the tests that damage a server's index on disk: two commits to damage, and the
// damage itself (a flipped byte).
#pragma once

#include <set>
#include <string>

#include "tests/integration/harness.h"

namespace briefsearch::testing {

// Starts the server, makes two commits (first.txt with 2 articles "첫커밋문서", then second.txt
// with 3 "둘째커밋문서") and stops it. `after_first` gets the index files that existed after the
// first commit. Use ASSERT_NO_FATAL_FAILURE.
void WriteTwoCommits(ServerProcess& server, const std::string& index_dir,
                     std::set<std::string>* after_first);

// A compound file of the index that is not in `older` (one only the newest commit uses), or "".
std::string NewCompoundFile(const std::string& index_dir, const std::set<std::string>& older);

// Flips one bit of the byte in the middle of `path`.
void FlipMiddleByte(const std::string& path);

// Damage that still reads: the case of the first letter of the last `ascii` in `path` (stored
// text, say). False when `ascii` is not there.
bool FlipCaseOfLast(const std::string& path, const std::string& ascii);

}  // namespace briefsearch::testing
