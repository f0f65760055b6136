// Tests for server/analysis/korean_word.h: the golden table of real brief words
// (tests/testdata/analysis/korean_words.tsv), then the contract's edge cases.
#include "server/analysis/korean_word.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "tests/server/golden_tsv.h"

namespace briefsearch::analysis {
namespace {

struct Row {
  int line = 0;
  std::string word;
  std::string stem;
};

// korean_words.tsv comments a group of rows at once (a blank line ends the group), so it is read
// here rather than with LoadGolden, which wants a comment above every row.
std::vector<Row> LoadGroupedTable(const std::string& relative) {
  const std::string path = std::string(BRIEFSEARCH_SOURCE_DIR) + "/tests/testdata/" + relative;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::vector<Row> rows;
  bool in_group = false;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      in_group = false;
      continue;
    }
    if (line[0] == '#') {
      in_group = true;
      continue;
    }
    const std::vector<std::string> columns = testing_util::SplitTabs(line);
    if (columns.size() != 2) {
      ADD_FAILURE() << path << ":" << n << ": expected 2 columns, got " << columns.size();
      continue;
    }
    if (!in_group) {
      ADD_FAILURE() << path << ":" << n << ": row is in no commented group";
      continue;
    }
    rows.push_back(Row{n, columns[0], columns[1]});
  }
  return rows;
}

std::string Stem(const std::string& word) { return WideToUtf8(StemKoreanWord(Utf8ToWide(word))); }

TEST(KoreanWordGoldenTest, StemsMatchTable) {
  const std::vector<Row> rows = LoadGroupedTable("analysis/korean_words.tsv");
  EXPECT_GE(rows.size(), 150u);
  for (const Row& row : rows) {
    EXPECT_EQ(Stem(row.word), row.stem) << "korean_words.tsv:" << row.line << ": " << row.word;
  }
}

TEST(KoreanWordTest, EmptyWordStaysEmpty) { EXPECT_EQ(StemKoreanWord(L""), L""); }

TEST(KoreanWordTest, WordWithOtherCharactersIsUnchanged) {
  // The contract is all-syllable input; anything else passes through untouched.
  EXPECT_EQ(Stem("ai를"), "ai를");
  EXPECT_EQ(Stem("2022년에"), "2022년에");
  EXPECT_EQ(Stem("ㄱㄴ을"), "ㄱㄴ을");  // compatibility jamo are not syllables
}

TEST(KoreanWordGoldenTest, StemsAreFixedPoints) {
  // A query typed as the bare stem (반도체) must reach the term indexed for 반도체를.
  for (const Row& row : LoadGroupedTable("analysis/korean_words.tsv")) {
    EXPECT_EQ(Stem(row.stem), row.stem) << "korean_words.tsv:" << row.line << ": " << row.word;
  }
}

}  // namespace
}  // namespace briefsearch::analysis
