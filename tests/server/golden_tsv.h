// Reads the golden tables under tests/testdata: '#' lines are comments, each data row is
// tab-separated and must have a comment right above it saying what it covers.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

namespace briefsearch::testing_util {

struct GoldenRow {
  int line = 0;
  std::string comment;  // the comment block right above the row
  std::vector<std::string> columns;
};

inline std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == '\t') {
      out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  return out;
}

// Loads BRIEFSEARCH_SOURCE_DIR/tests/testdata/<relative>. Adds a test failure (and skips the row)
// for a row with the wrong column count or without a comment.
inline std::vector<GoldenRow> LoadGolden(const std::string& relative, size_t columns) {
  const std::string path = std::string(BRIEFSEARCH_SOURCE_DIR) + "/tests/testdata/" + relative;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::vector<GoldenRow> rows;
  std::string line, comment;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == '#') {
      comment += line.substr(1) + "\n";
      continue;
    }
    if (line.empty()) {
      comment.clear();
      continue;
    }
    GoldenRow row{n, comment, SplitTabs(line)};
    comment.clear();
    if (row.columns.size() != columns) {
      ADD_FAILURE() << path << ":" << n << ": expected " << columns << " columns, got "
                    << row.columns.size();
      continue;
    }
    if (row.comment.empty()) {
      ADD_FAILURE() << path << ":" << n << ": row has no comment saying what it covers";
      continue;
    }
    rows.push_back(std::move(row));
  }
  EXPECT_FALSE(rows.empty()) << path << " has no rows";
  return rows;
}

}  // namespace briefsearch::testing_util
