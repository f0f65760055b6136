// Tests for server/query/query_parser.h: the golden table tests/testdata/query/parser.tsv, plus
// cases a text file cannot hold (invalid UTF-8, decomposed Hangul, custom limits, positions).
#include "server/query/query_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/status/status.h"
#include "tests/server/golden_tsv.h"

namespace briefsearch::query {
namespace {

// DebugString on success, "ERROR <CODE> <message>" on failure.
std::string Outcome(const absl::StatusOr<QueryNode>& parsed) {
  if (parsed.ok()) return DebugString(*parsed);
  return "ERROR " + absl::StatusCodeToString(parsed.status().code()) + " " +
         std::string(parsed.status().message());
}

TEST(QueryParserGoldenTest, MatchesTable) {
  for (const auto& row : testing_util::LoadGolden("query/parser.tsv", 2)) {
    const std::string& query = row.columns[0];
    const std::string& expected = row.columns[1];
    const std::string got = Outcome(ParseQuery(query));
    if (expected.rfind("ERROR ", 0) == 0) {
      // "ERROR CODE substring": the code must match and the message contain the rest.
      const size_t code_end = expected.find(' ', 6);
      const std::string code = expected.substr(6, code_end - 6);
      const std::string substring =
          code_end == std::string::npos ? "" : expected.substr(code_end + 1);
      EXPECT_EQ(got.rfind("ERROR " + code + " ", 0), 0u)
          << "parser.tsv:" << row.line << " [" << query << "]\n"
          << row.comment << "got: " << got;
      EXPECT_NE(got.find(substring), std::string::npos)
          << "parser.tsv:" << row.line << " [" << query << "]\n"
          << row.comment << "got: " << got;
    } else {
      EXPECT_EQ(got, expected) << "parser.tsv:" << row.line << " [" << query << "]\n"
                               << row.comment;
    }
  }
}

TEST(QueryParserTest, InvalidUtf8IsRejected) {
  const auto parsed = ParseQuery("반도체 \xFF");
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(parsed.status().message().find("UTF-8"), std::string::npos) << parsed.status();
}

TEST(QueryParserTest, DecomposedHangulIsComposed) {
  // 한국 with 한 spelled as conjoining jamo (U+1112 U+1161 U+11AB), as macOS may send it.
  const auto parsed = ParseQuery("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB국");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->text, "한국");
}

TEST(QueryParserTest, OverByteLimitIsResourceExhausted) {
  ParseLimits limits;
  limits.max_bytes = 10;
  EXPECT_TRUE(ParseQuery("0123456789", limits).ok());
  EXPECT_EQ(ParseQuery("0123456789a", limits).status().code(),
            absl::StatusCode::kResourceExhausted);
  // The default limit is 4096 bytes.
  EXPECT_EQ(ParseQuery(std::string(4097, 'a')).status().code(),
            absl::StatusCode::kResourceExhausted);
}

TEST(QueryParserTest, TermLimitCountsPhrasesAndNestedWords) {
  ParseLimits limits;
  limits.max_terms = 3;
  EXPECT_TRUE(ParseQuery("a \"b c\" (d)", limits).ok());
  EXPECT_EQ(ParseQuery("a \"b c\" (d OR e)", limits).status().code(),
            absl::StatusCode::kResourceExhausted);
}

TEST(QueryParserTest, DepthLimitIsConfigurable) {
  ParseLimits limits;
  limits.max_depth = 2;
  EXPECT_TRUE(ParseQuery("((a))", limits).ok());
  EXPECT_EQ(ParseQuery("(((a)))", limits).status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(QueryParserTest, DeepNestingWithinByteLimitDoesNotCrash) {
  // 2000 '(' fit in 4096 bytes; the depth limit stops the recursion long before the stack.
  const std::string deep = std::string(2000, '(') + "a" + std::string(2000, ')');
  EXPECT_EQ(ParseQuery(deep).status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(QueryParserTest, NodesCarryCharacterPositions) {
  // Positions count characters, not bytes: 반도체 is 3 characters (9 bytes).
  const auto parsed = ParseQuery("반도체 -미국 title:칩");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->children.size(), 3u);
  EXPECT_EQ(parsed->children[0].position, 1);
  EXPECT_EQ(parsed->children[1].position, 5);
  EXPECT_EQ(parsed->children[1].children[0].position, 6);
  EXPECT_EQ(parsed->children[2].field, TextField::kTitle);
  EXPECT_EQ(parsed->children[2].text, "칩");
}

TEST(QueryParserTest, KindsAndFieldsOfTheTree) {
  const auto parsed = ParseQuery("\"a b\" publisher:KOSTEC section:(x)");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->kind, NodeKind::kAnd);
  EXPECT_EQ(parsed->children[0].kind, NodeKind::kPhrase);
  EXPECT_EQ(parsed->children[0].text, "a b");
  EXPECT_EQ(parsed->children[1].kind, NodeKind::kPublisher);
  EXPECT_EQ(parsed->children[1].text, "KOSTEC");
  EXPECT_EQ(parsed->children[2].kind, NodeKind::kWord);
  EXPECT_EQ(parsed->children[2].field, TextField::kSection);
}

}  // namespace
}  // namespace briefsearch::query
