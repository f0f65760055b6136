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

// A word in the titles and bodies of the first articles and only in the bodies of the rest: past
// the first window of documents nothing can beat them, and a search that stops counting says so.
TEST(CliTrackTotalHitsTest, StopsCountingWhenAskedAndSaysTheTotalIsALowerBound) {
  TempDir dir;
  // The server's own default for requests that leave it 0 (the CLI's --track-total-hits 0). Words
  // in fewer articles than --gram-fallback-below are matched by grams as well, which cannot skip.
  ServerProcess server(dir / "data", {"--track-total-hits", "1", "--gram-fallback-below", "100"});
  std::string error;
  ASSERT_TRUE(server.Start(&error)) << error;
  Issue issue = MakeIssue("kostec/weekly_1.md", 300, "세는말");
  for (size_t a = 0; a < issue.articles.size(); ++a) {
    issue.articles[a].title = a < 3 ? "세는말 동향" : "주간 동향";
    issue.articles[a].body = "세는말 " + std::string(a % 7 + 1, 'x') + " 보고서";
  }
  ASSERT_TRUE(server.client().UpsertIssue(issue).ok());
  auto cli = [&](std::vector<std::string> args, std::string* out, std::string* err) {
    args.insert(args.begin(), {BinPath("briefsearch"), "--server", server.address()});
    return RunCommand(args, out, err);
  };
  std::string out, err;
  ASSERT_EQ(cli({"search", "--limit", "2", "--track-total-hits", "100000", "--json", "세는말"}, &out,
                &err),
            0)
      << err;
  const json exact = json::parse(out);
  EXPECT_EQ(exact["total_hits"], 300);
  EXPECT_EQ(exact["total_hits_is_lower_bound"], false);

  ASSERT_EQ(cli({"search", "--limit", "2", "--json", "세는말"}, &out, &err), 0) << err;
  const json skipped = json::parse(out);
  EXPECT_EQ(skipped["total_hits_is_lower_bound"], true);
  EXPECT_LT(skipped["total_hits"].get<int64_t>(), 300);
  EXPECT_GE(skipped["total_hits"].get<int64_t>(), 3);
  EXPECT_EQ(skipped["hits"], exact["hits"]);
  EXPECT_FALSE(skipped["next_page_token"].get<std::string>().empty());

  ASSERT_EQ(cli({"search", "--limit", "2", "세는말"}, &out, &err), 0) << err;
  EXPECT_THAT(out, HasSubstr("at least "));
  EXPECT_EQ(cli({"search", "--track-total-hits", "-1", "세는말"}, &out, &err), 1);
  EXPECT_THAT(err, HasSubstr("INVALID_ARGUMENT"));
  EXPECT_THAT(err, HasSubstr("track_total_hits"));
  EXPECT_EQ(cli({"search", "--track-total-hits", "many", "세는말"}, &out, &err), 2);
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
