// What the indexer fault and hostile-folder tests check at the end of every scenario: the server's
// index holds exactly the issues the drop folder holds, each once. Also the small generated briefs
// they drop, in KIC's Markdown layout (examples/briefs/kic_weekly_*.md), each carrying one unique
// marker word so that "each once" can be asked of search as well as of the issue list.
#pragma once

#include <map>
#include <string>

#include "briefsearch/client.h"
#include "gtest/gtest.h"

namespace briefsearch::testing {

// A word that only brief `n` contains: letters only, so no analyzer splits or stems it.
std::string MarkerWord(int n);

// A small brief in KIC's layout: issue number `n`, one article whose body has MarkerWord(n).
std::string KicBrief(int n);

// Every issue id on the server (all pages of ListIssues), or an error.
absl::StatusOr<std::map<std::string, int64_t>> IndexedIssues(Client& client);

// `expected` maps file name (= issue id) to the brief number whose marker it holds. Succeeds when
// the server lists exactly these issues and each marker finds exactly one article.
::testing::AssertionResult IndexMatches(Client& client, const std::map<std::string, int>& expected);

// Waits (up to `timeout`) for IndexMatches, then returns its last answer.
::testing::AssertionResult EventuallyIndexMatches(
    Client& client, const std::map<std::string, int>& expected,
    std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace briefsearch::testing
