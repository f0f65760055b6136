#include "tests/integration/folder_check.h"

#include "absl/strings/str_cat.h"
#include "tests/integration/harness.h"

namespace briefsearch::testing {

std::string MarkerWord(int n) {
  // Consonants only and an "x" at the end: no English stemmer rule applies to such a word.
  static constexpr char kDigits[] = "bcdfghjklm";
  std::string word = "zq";
  for (char c : std::to_string(n)) word += kDigits[c - '0'];
  return word + "x";
}

std::string KicBrief(int n) {
  return absl::StrCat("# 주간 중국 창업 제 ", n, " 호\n\n2 0 2 4 . 0 5 . 0 1\n\n",
                      "발행처: 글로벌혁신센터(KIC 중국)\n\n## WEEKLY 뉴스\n\n",
                      "## 1. 선전시, 스타트업 지원 정책 발표\n\n",
                      "선전시 정부는 초기 기술 스타트업 지원 방안을 발표했다. 표지어 ", MarkerWord(n),
                      " 를 담은 기사이다.\n");
}

absl::StatusOr<std::map<std::string, int64_t>> IndexedIssues(Client& client) {
  std::map<std::string, int64_t> ids;
  std::string token;
  do {
    auto page = client.ListIssues(500, token);
    if (!page.ok()) return page.status();
    for (const Issue& issue : page->issues) ++ids[issue.issue_id];
    token = page->next_page_token;
  } while (!token.empty());
  return ids;
}

::testing::AssertionResult IndexMatches(Client& client, const std::map<std::string, int>& expected) {
  auto ids = IndexedIssues(client);
  if (!ids.ok()) return ::testing::AssertionFailure() << ids.status();
  for (const auto& [id, count] : *ids) {
    if (!expected.contains(id)) return ::testing::AssertionFailure() << "extra issue " << id;
    if (count != 1) return ::testing::AssertionFailure() << id << " listed " << count << " times";
  }
  for (const auto& [name, n] : expected) {
    if (!ids->contains(name)) return ::testing::AssertionFailure() << "missing issue " << name;
    const int64_t hits = CountHits(client, MarkerWord(n));
    if (hits != 1) {
      return ::testing::AssertionFailure() << name << ": " << MarkerWord(n) << " finds " << hits;
    }
  }
  return ::testing::AssertionSuccess() << expected.size() << " issues, each once";
}

::testing::AssertionResult EventuallyIndexMatches(Client& client,
                                                  const std::map<std::string, int>& expected,
                                                  std::chrono::milliseconds timeout) {
  // Listing is cheap; check it first so that a long wait does not run thousands of searches.
  WaitUntil(
      [&] {
        auto ids = IndexedIssues(client);
        return ids.ok() && ids->size() == expected.size();
      },
      timeout);
  ::testing::AssertionResult last = IndexMatches(client, expected);
  WaitUntil([&] { return static_cast<bool>(last = IndexMatches(client, expected)); },
            std::chrono::seconds(5));
  return last;
}

}  // namespace briefsearch::testing
