// The briefsearch CLI against a real server: the --json field names are a public contract.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/integration/harness.h"

namespace briefsearch::testing {
namespace {

using ::testing::HasSubstr;
using nlohmann::json;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_ / "data");
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
    Issue issue = MakeIssue("kic/weekly_289.md", 2, "클리시험");
    issue.publisher = Publisher::kKic;
    issue.issue_number = "289";
    issue.published = "2022-07-27";
    issue.articles[0].links = {"https://example.com/x"};
    ASSERT_TRUE(server_->client().UpsertIssue(issue).ok());
  }
  int Cli(std::vector<std::string> args, std::string* out, std::string* err) {
    args.insert(args.begin(), {BinPath("briefsearch"), "--server", server_->address()});
    return RunCommand(args, out, err);
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(CliTest, SearchJsonHasTheContractFields) {
  std::string out, err;
  ASSERT_EQ(Cli({"search", "--publisher", "KIC", "--from", "2022-01-01", "--to", "2022-12-31",
                 "--limit", "1", "--json", "클리시험"},
                &out, &err),
            0)
      << err;
  json j = json::parse(out);
  EXPECT_EQ(j["total_hits"], 2);
  ASSERT_EQ(j["hits"].size(), 1u);
  const json& hit = j["hits"][0];
  for (const char* key : {"id", "issue_id", "publisher", "issue_number", "published", "title",
                          "section", "snippet", "score", "origin"}) {
    EXPECT_TRUE(hit.contains(key)) << key;
  }
  EXPECT_EQ(hit["publisher"], "KIC");
  EXPECT_EQ(hit["published"], "2022-07-27");
  EXPECT_EQ(hit["issue_number"], "289");
  EXPECT_EQ(hit["issue_id"], "kic/weekly_289.md");
  EXPECT_TRUE(hit["score"].is_number());
  EXPECT_FALSE(j["next_page_token"].get<std::string>().empty());
}

TEST_F(CliTest, GetIssueAndStatsJson) {
  std::string out, err;
  ASSERT_EQ(Cli({"get", "kic/weekly_289.md#1", "--json"}, &out, &err), 0) << err;
  json a = json::parse(out);
  EXPECT_EQ(a["id"], "kic/weekly_289.md#1");
  EXPECT_THAT(a["body"].get<std::string>(), HasSubstr("클리시험"));
  EXPECT_EQ(a["links"][0], "https://example.com/x");

  ASSERT_EQ(Cli({"issue", "kic/weekly_289.md", "--json"}, &out, &err), 0) << err;
  json i = json::parse(out);
  EXPECT_EQ(i["issue_id"], "kic/weekly_289.md");
  EXPECT_EQ(i["publisher"], "KIC");
  ASSERT_EQ(i["articles"].size(), 2u);
  EXPECT_EQ(i["articles"][1]["id"], "kic/weekly_289.md#2");

  ASSERT_EQ(Cli({"stats", "--json"}, &out, &err), 0) << err;
  json s = json::parse(out);
  EXPECT_EQ(s["issues"], 1);
  EXPECT_EQ(s["articles"], 2);
  EXPECT_EQ(s["checksums_verified"], true);
  EXPECT_EQ(s["index_damage_detected"], 0);
}

TEST_F(CliTest, HumanOutputIsARankedList) {
  std::string out, err;
  ASSERT_EQ(Cli({"search", "클리시험"}, &out, &err), 0) << err;
  EXPECT_THAT(out, HasSubstr("2 hits for \"클리시험\""));
  EXPECT_THAT(out, HasSubstr("  1. "));
  EXPECT_THAT(out, HasSubstr("KIC 2022-07-27"));
}

TEST_F(CliTest, ErrorsGoToStderrWithTheStatusNameAndFail) {
  std::string out, err;
  EXPECT_EQ(Cli({"get", "nope#1"}, &out, &err), 1);
  EXPECT_THAT(err, HasSubstr("NOT_FOUND"));
  EXPECT_EQ(Cli({"search", "(unclosed"}, &out, &err), 1);
  EXPECT_THAT(err, HasSubstr("INVALID_ARGUMENT"));
  EXPECT_THAT(err, HasSubstr("position 1"));
  EXPECT_EQ(Cli({"search", "--publisher", "XYZ", "a"}, &out, &err), 2);
  EXPECT_EQ(Cli({"frobnicate"}, &out, &err), 2);
  EXPECT_EQ(RunCommand({BinPath("briefsearch"), "--server", "127.0.0.1:1", "--timeout-ms", "500",
                        "stats"},
                       &out, &err),
            1);
  EXPECT_THAT(err, HasSubstr("UNAVAILABLE"));
}

}  // namespace
}  // namespace briefsearch::testing
