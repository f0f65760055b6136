// bench/load tools against a real briefsearchd on loopback with a small hand-made corpus in
// bench/FORMAT.md format: bs-feed ingests everything, bs-load's hit counts equal
// briefsearch-inproc's (same analysis, same engine), bs-fresh finds every drop through a real
// briefsearch-indexer, and bs-startup gets an answer from a restarted server. No timing assertions.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/integration/harness.h"

namespace briefsearch::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Words spread over the articles in different patterns, so queries get different counts.
const std::vector<std::string> kWords = {"반도체", "인공지능", "배터리",     "수출",
                                         "베이징", "전기차",   "데이터센터", "스타트업",
                                         "규제",   "人工智能", "battery",    "상하이"};

struct Corpus {
  int articles = 0;
  int with_shanghai = 0;  // articles whose title or body holds 상하이
};

Corpus WriteCorpus(const std::string& dir) {
  fs::create_directories(dir);
  std::ofstream articles(dir + "/articles.jsonl");
  const char* publishers[] = {"KOSTEC", "KIC", "KIEP"};
  Corpus corpus;
  int& count = corpus.articles;
  for (int issue = 0; issue < 12; ++issue) {
    for (int a = 1; a <= 3; ++a, ++count) {
      std::string body = "중국 정부는 이번 주 산업 동향을 발표했다.";
      for (size_t w = 0; w < kWords.size(); ++w) {
        if ((count * 7 + w * 3) % (w + 2) == 0) body += " " + kWords[w] + "에 관한 내용이다.";
      }
      const std::string id = "t-" + std::to_string(issue);
      const std::string title = kWords[(issue + a) % kWords.size()] + " 동향";
      corpus.with_shanghai += (title + body).find("상하이") != std::string::npos;
      articles << json{{"issue_id", id},
                       {"publisher", publishers[issue % 3]},
                       {"issue_title", "주간 동향 제" + std::to_string(issue) + "호"},
                       {"issue_number", std::to_string(issue)},
                       {"published", "2024-0" + std::to_string(1 + issue % 9) + "-15"},
                       {"article_id", id + "-" + std::to_string(a)},
                       {"ordinal", a},
                       {"section", "정책"},
                       {"title", title},
                       {"body", body}}
                      .dump()
               << "\n";
    }
  }
  std::ofstream queries(dir + "/queries.jsonl");
  auto query = [&](const std::string& id, const std::string& cls, const std::string& text,
                   json publisher = nullptr, json after = nullptr) {
    queries << json{{"id", id},        {"class", cls},
                    {"query", text},   {"words", json::array()},
                    {"phrase", false}, {"publisher", publisher},
                    {"after", after},  {"before", nullptr}}
                   .dump()
            << "\n";
  };
  query("q1", "one_common", "반도체");
  query("q2", "one_rare", "상하이");
  query("q3", "two_words", "인공지능 배터리");
  query("q4", "three_words", "베이징 전기차 규제");
  query("q5", "phrase", "\"데이터센터에 관한\"");
  query("q6", "chinese", "人工智能");
  query("q7", "mixed_en", "battery 수출");
  query("q8", "publisher_filter", "스타트업", "KIC");
  query("q9", "date_filter", "반도체", nullptr, "2024-05-01");
  query("q10", "one_rare", "없는낱말");
  return corpus;
}

class LoadToolsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Corpus written = WriteCorpus(corpus());
    articles_ = written.articles;
    with_shanghai_ = written.with_shanghai;
    server_ = std::make_unique<ServerProcess>(data_dir());
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
  }
  std::string corpus() const { return dir_ / "corpus"; }
  std::string data_dir() const { return dir_ / "data"; }

  // Runs a tool; returns its stdout parsed (a null JSON on a non-zero exit or bad output).
  json Run(const std::vector<std::string>& argv) {
    std::string out, err;
    const int code = RunCommand(argv, &out, &err, std::chrono::seconds(90));
    EXPECT_EQ(code, 0) << argv[0] << ": " << err << out;
    json j = json::parse(out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << argv[0] << " printed: " << out;
    return j.is_discarded() ? json() : j;
  }
  json Feed() {
    return Run({BinPath("bs-feed"), "--server", server_->address(), "--corpus", corpus(),
                "--concurrency", "4", "--batch-issues", "2", "--data-dir", data_dir()});
  }

  TempDir dir_;
  int articles_ = 0;
  int with_shanghai_ = 0;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(LoadToolsTest, FeedIngestsEveryArticle) {
  json fed = Feed();
  ASSERT_TRUE(fed.is_object());
  EXPECT_EQ(fed["articles"], articles_);
  EXPECT_EQ(fed["issues"], 12);
  EXPECT_EQ(fed["errors"], 0);
  EXPECT_GE(fed["searchable_seconds"].get<double>(), 0.0);
  EXPECT_GT(fed["index_bytes"].get<int64_t>(), 0);
  auto stats = server_->client().GetStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->articles, articles_);
  EXPECT_EQ(CountHits(server_->client(), "상하이"), with_shanghai_);
}

TEST_F(LoadToolsTest, LoadHitCountsEqualInProcessHarness) {
  ASSERT_TRUE(Feed().is_object());
  json load = Run({BinPath("bs-load"), "--server", server_->address(), "--corpus", corpus(),
                   "--concurrency", "1,4", "--seconds", "0.5", "--open-fractions", "0.5"});
  json inproc = Run({BinPath("briefsearch-inproc"), "--corpus", corpus(), "--data-dir",
                     dir_ / "inproc", "--threads", "1", "--seconds", "0.2"});
  ASSERT_TRUE(load.is_object() && inproc.is_object());
  EXPECT_EQ(load["engine"], "briefsearchd-grpc");
  EXPECT_EQ(load["hits"], inproc["hits"]);
  EXPECT_EQ(load["hits"].size(), 10u);
  EXPECT_GT(load["hits"]["q1"].get<int>(), 0);
  EXPECT_EQ(load["hits"]["q10"], 0);
  ASSERT_EQ(load["runs"].size(), 2u);
  for (const json& run : load["runs"]) {
    EXPECT_EQ(run["errors"], 0) << run.dump();
    EXPECT_GT(run["queries_run"].get<int>(), 0);
  }
  ASSERT_EQ(load["open_loop"].size(), 1u);
  EXPECT_EQ(load["open_loop"][0]["errors"], 0);
  EXPECT_EQ(load["open_loop"][0]["queries_run"], load["open_loop"][0]["started"]);
}

TEST_F(LoadToolsTest, MixedRunSearchesWhileFeeding) {
  json load = Run({BinPath("bs-load"), "--server", server_->address(), "--corpus", corpus(),
                   "--concurrency", "", "--open-fractions", "", "--mixed-ingest", corpus()});
  ASSERT_TRUE(load.is_object());
  const json& mixed = load["mixed"];
  EXPECT_EQ(mixed["feed"]["articles"], articles_) << mixed.dump();
  EXPECT_EQ(mixed["feed"]["errors"], 0);
  EXPECT_EQ(mixed["search"]["errors"], 0);
  EXPECT_EQ(load["articles"], articles_);
}

TEST_F(LoadToolsTest, FreshFindsEveryDrop) {
  const std::string drop = dir_ / "drop";
  fs::create_directories(drop);
  IndexerProcess indexer(drop, dir_ / "state", server_->address());
  indexer.Start();
  json fresh = Run({BinPath("bs-fresh"), "--server", server_->address(), "--drop", drop, "--count",
                    "4", "--rate", "4", "--burst", "--timeout", "40"});
  ASSERT_TRUE(fresh.is_object()) << indexer.log();
  EXPECT_EQ(fresh["paced"]["found"], 4) << fresh.dump();
  EXPECT_EQ(fresh["burst"]["found"], 4) << fresh.dump();
  EXPECT_EQ(fresh["paced"]["missed"], 0);
  auto stats = server_->client().GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->issues, 8);  // each drop became one issue
}

TEST_F(LoadToolsTest, StartupAnswersOnTheExistingIndex) {
  ASSERT_TRUE(Feed().is_object());
  const int64_t hits = CountHits(server_->client(), "반도체");
  ASSERT_GT(hits, 0);
  ASSERT_EQ(server_->Stop(), 0);
  json startup = Run({BinPath("bs-startup"), "--data-dir", data_dir(), "--server-bin",
                      BinPath("briefsearchd"), "--warm-runs", "1", "--evict", "fadvise"});
  ASSERT_TRUE(startup.is_object());
  EXPECT_EQ(startup["cold"]["total_hits"], hits) << startup.dump();
  EXPECT_EQ(startup["cold"]["articles"], articles_);
  EXPECT_EQ(startup["cold"]["method"], "fadvise_dontneed");
  ASSERT_EQ(startup["warm"].size(), 1u);
  EXPECT_EQ(startup["warm"][0]["total_hits"], hits);
  EXPECT_GT(startup["warm"][0]["rss_kb_after_open"].get<int64_t>(), 0);
}

}  // namespace
}  // namespace briefsearch::testing
