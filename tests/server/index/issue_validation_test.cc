// Tests for server/index/issue_validation.h: what is refused (with the field named) and how an
// accepted issue is normalised.
#include "server/index/issue_validation.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace briefsearch::index {
namespace {

v1::Issue ValidIssue() {
  v1::Issue issue;
  issue.set_issue_id("kostec/2024-03-13.txt");
  issue.set_publisher(v1::KOSTEC);
  issue.set_published("2024-03-13");
  issue.set_title("중국 과학기술 정책 주간동향");
  for (int i = 0; i < 3; ++i) {
    v1::Article* a = issue.add_articles();
    a->set_title("기사 " + std::to_string(i));
    a->set_body("본문 " + std::to_string(i));
  }
  return issue;
}

struct RejectCase {
  const char* what;
  std::function<void(v1::Issue*)> mutate;
  const char* message;  // a substring of the error message
};

TEST(IssueValidationTest, RejectsTable) {
  IssueLimits limits;
  limits.max_articles = 5;
  limits.max_title_bytes = 40;  // the valid issue title is 39 bytes
  limits.max_body_bytes = 30;
  limits.max_links = 2;
  limits.max_id_bytes = 40;
  const RejectCase cases[] = {
      {"missing id", [](v1::Issue* i) { i->clear_issue_id(); }, "issue.issue_id is required"},
      {"id over the limit", [](v1::Issue* i) { i->set_issue_id(std::string(41, 'a')); },
       "issue.issue_id is 41 bytes"},
      {"id with a newline", [](v1::Issue* i) { i->set_issue_id("a\nb"); }, "control character"},
      {"id with DEL", [](v1::Issue* i) { i->set_issue_id("a\x7F"); }, "control character"},
      {"id not UTF-8", [](v1::Issue* i) { i->set_issue_id("a\xFF"); }, "not UTF-8"},
      {"no articles", [](v1::Issue* i) { i->clear_articles(); }, "issue.articles is empty"},
      {"too many articles",
       [](v1::Issue* i) {
         for (int k = 0; k < 3; ++k) i->add_articles()->set_body("x");
       },
       "6 articles, over the limit of 5"},
      {"month 13", [](v1::Issue* i) { i->set_published("2024-13-01"); }, "issue.published"},
      {"slashes in a date", [](v1::Issue* i) { i->set_published("2024/03/13"); }, "YYYY-MM-DD"},
      {"issue title too long", [](v1::Issue* i) { i->set_title(std::string(41, 'a')); },
       "issue.title is 41 bytes"},
      {"article title too long",
       [](v1::Issue* i) { i->mutable_articles(1)->set_title(std::string(41, 'a')); },
       "issue.articles[1].title"},
      {"section too long",
       [](v1::Issue* i) { i->mutable_articles(2)->set_section(std::string(41, 'a')); },
       "issue.articles[2].section"},
      {"body too long",
       [](v1::Issue* i) { i->mutable_articles(0)->set_body(std::string(31, 'a')); },
       "issue.articles[0].body"},
      {"too many links",
       [](v1::Issue* i) {
         for (int k = 0; k < 3; ++k) i->mutable_articles(0)->add_links("https://x");
       },
       "issue.articles[0].links"},
      {"article without title or body",
       [](v1::Issue* i) {
         i->mutable_articles(1)->clear_title();
         i->mutable_articles(1)->clear_body();
       },
       "issue.articles[1] has neither title nor body"},
  };
  for (const RejectCase& c : cases) {
    v1::Issue issue = ValidIssue();
    c.mutate(&issue);
    const absl::Status s = ValidateAndNormalizeIssue(&issue, limits);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.what << ": " << s;
    EXPECT_NE(s.message().find(c.message), std::string::npos) << c.what << ": " << s;
  }
}

TEST(IssueValidationTest, AssignsOrdinalsIdsAndCount) {
  v1::Issue issue = ValidIssue();
  issue.mutable_articles(0)->set_id("ignored");
  issue.mutable_articles(0)->set_ordinal(99);
  ASSERT_TRUE(ValidateAndNormalizeIssue(&issue).ok());
  EXPECT_EQ(issue.article_count(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(issue.articles(i).ordinal(), i + 1);
    EXPECT_EQ(issue.articles(i).id(), "kostec/2024-03-13.txt#" + std::to_string(i + 1));
  }
}

TEST(IssueValidationTest, NormalisesText) {
  v1::Issue issue = ValidIssue();
  const std::string decomposed_han = "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB";  // 한 as jamo
  issue.set_issue_id(decomposed_han + ".txt");
  issue.set_title(decomposed_han + "국");
  issue.mutable_articles(0)->set_body("bad \xFF byte");
  issue.mutable_articles(0)->add_links(decomposed_han);
  issue.set_publisher(static_cast<v1::Publisher>(77));
  ASSERT_TRUE(ValidateAndNormalizeIssue(&issue).ok());
  EXPECT_EQ(issue.issue_id(), "한.txt");
  EXPECT_EQ(issue.title(), "한국");
  EXPECT_EQ(issue.articles(0).body(), "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(issue.articles(0).links(0), "한");
  EXPECT_EQ(issue.articles(0).id(), "한.txt#1");
  EXPECT_EQ(issue.publisher(), v1::OTHER);
}

TEST(IssueValidationTest, EmptyDateAndTitleOnlyArticlesAreFine) {
  v1::Issue issue = ValidIssue();
  issue.clear_published();
  issue.mutable_articles(0)->clear_body();
  issue.mutable_articles(1)->clear_title();
  EXPECT_TRUE(ValidateAndNormalizeIssue(&issue).ok());
}

TEST(ValidateIdTest, Table) {
  EXPECT_TRUE(ValidateId("kic/245.md", "id").ok());
  EXPECT_TRUE(ValidateId("한글 이름.txt#3", "id").ok());
  EXPECT_EQ(ValidateId("", "id").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateId("a\tb", "id").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateId(std::string(513, 'a'), "id").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ValidateId(std::string(512, 'a'), "id").ok());
  EXPECT_NE(ValidateId("", "issue_id").message().find("issue_id"), std::string::npos);
}

}  // namespace
}  // namespace briefsearch::index
