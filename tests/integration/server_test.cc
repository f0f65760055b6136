// briefsearchd as a user runs it: a real process on a loopback port, driven through the client
// library.
#include <signal.h>

#include <atomic>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/harness.h"

namespace briefsearch::testing {
namespace {

using ::testing::HasSubstr;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_ / "data");
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
  }
  Client& client() { return server_->client(); }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(ServerTest, UpsertIsSearchableAtOnceWithAllFields) {
  Issue issue = MakeIssue("kostec/2024-05-01.txt", 3, "양자컴퓨터");
  issue.articles[1].links = {"https://example.org/a"};
  auto up = client().UpsertIssue(issue);
  ASSERT_TRUE(up.ok()) << up.status();
  EXPECT_FALSE(up->replaced);
  EXPECT_THAT(up->article_ids, ::testing::ElementsAre("kostec/2024-05-01.txt#1",
                                                      "kostec/2024-05-01.txt#2",
                                                      "kostec/2024-05-01.txt#3"));

  auto r = client().Search({.query = "양자컴퓨터", .limit = 10});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->total_hits, 3);
  const SearchHit& hit = r->hits.at(0);
  EXPECT_EQ(hit.issue_id, "kostec/2024-05-01.txt");
  EXPECT_EQ(hit.publisher, Publisher::kKostec);
  EXPECT_EQ(hit.issue_number, "7");
  EXPECT_EQ(hit.published, "2024-05-01");
  EXPECT_EQ(hit.section, "정책동향");
  EXPECT_EQ(hit.origin, "kostec/2024-05-01.txt");
  EXPECT_THAT(hit.title, HasSubstr("반도체 정책"));
  EXPECT_THAT(hit.snippet, HasSubstr("양자컴퓨터"));
  ASSERT_FALSE(hit.highlights.empty());
  const Highlight& h = hit.highlights[0];
  EXPECT_EQ(hit.snippet.substr(h.start, h.end - h.start), "양자컴퓨터");
  EXPECT_GT(hit.score, 0);

  auto article = client().GetArticle("kostec/2024-05-01.txt#2");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->article.ordinal, 2);
  EXPECT_THAT(article->article.links, ::testing::ElementsAre("https://example.org/a"));
  EXPECT_EQ(article->issue.title, "중국 과학기술 정책 주간동향");

  auto got = client().GetIssue("kostec/2024-05-01.txt");
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_EQ(got->articles.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(got->articles[i].ordinal, i + 1);

  auto stats = client().GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->issues, 1);
  EXPECT_EQ(stats->articles, 3);
  EXPECT_EQ(stats->issues_by_publisher["KOSTEC"], 1);
}

TEST_F(ServerTest, UpsertReplacesEveryArticleAndDeleteRemovesThem) {
  ASSERT_TRUE(client().UpsertIssue(MakeIssue("a.txt", 4, "첫번째판")).ok());
  auto up = client().UpsertIssue(MakeIssue("a.txt", 2, "두번째판"));
  ASSERT_TRUE(up.ok());
  EXPECT_TRUE(up->replaced);
  EXPECT_EQ(CountHits(client(), "첫번째판"), 0);
  EXPECT_EQ(CountHits(client(), "두번째판"), 2);
  EXPECT_TRUE(absl::IsNotFound(client().GetArticle("a.txt#3").status()));

  auto deleted = client().DeleteIssue("a.txt");
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 2);
  EXPECT_EQ(CountHits(client(), "두번째판"), 0);
  EXPECT_TRUE(absl::IsNotFound(client().DeleteIssue("a.txt").status()));
  EXPECT_TRUE(absl::IsNotFound(client().GetIssue("a.txt").status()));
}

TEST_F(ServerTest, BadRequestsGetInvalidArgumentWithAReason) {
  ASSERT_TRUE(client().UpsertIssue(MakeIssue("x.txt", 1, "표지")).ok());
  for (const char* q : {"", "   ", "\"unterminated", "(반도체", "반도체)", "-반도체", "a OR",
                        "publisher:NOPE", "after:2024-13-01", "!!! ???"}) {
    auto r = client().Search({.query = q});
    EXPECT_TRUE(absl::IsInvalidArgument(r.status())) << q << " -> " << r.status();
    EXPECT_FALSE(r.status().message().empty());
  }
  auto deep = client().Search({.query = "표지", .limit = 500});
  EXPECT_TRUE(absl::IsInvalidArgument(deep.status()));
  auto bad_token = client().Search({.query = "표지", .page_token = "garbage!"});
  EXPECT_TRUE(absl::IsInvalidArgument(bad_token.status()));
  Issue empty;
  empty.issue_id = "empty.txt";
  EXPECT_TRUE(absl::IsInvalidArgument(client().UpsertIssue(empty).status()));
  Issue bad_date = MakeIssue("d.txt", 1, "날짜");
  bad_date.published = "21 June 2023";
  EXPECT_TRUE(absl::IsInvalidArgument(client().UpsertIssue(bad_date).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(client().GetArticle("").status()));
}

TEST_F(ServerTest, FiltersAndPagingWork) {
  for (int i = 0; i < 5; ++i) {
    Issue issue = MakeIssue("p" + std::to_string(i), 3, "페이징");
    issue.publisher = i % 2 == 0 ? Publisher::kKic : Publisher::kKiep;
    issue.published = "2020-0" + std::to_string(i + 1) + "-15";
    ASSERT_TRUE(client().UpsertIssue(issue).ok());
  }
  EXPECT_EQ(CountHits(client(), "페이징"), 15);
  EXPECT_EQ(CountHits(client(), "페이징 publisher:KIC"), 9);
  EXPECT_EQ(CountHits(client(), "페이징 after:2020-02-01 before:2020-03-31"), 6);
  auto filtered = client().Search({.query = "페이징", .publishers = {Publisher::kKiep},
                                   .published_from = "2020-04-01"});
  ASSERT_TRUE(filtered.ok());
  EXPECT_EQ(filtered->total_hits, 3);

  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    auto page = client().Search({.query = "페이징", .limit = 4, .page_token = token});
    ASSERT_TRUE(page.ok()) << page.status();
    for (const SearchHit& h : page->hits) seen.insert(h.id);
    token = page->next_page_token;
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 4);
  EXPECT_EQ(seen.size(), 15u);
}

TEST_F(ServerTest, KillNineAfterAcknowledgeLosesNothing) {
  ASSERT_TRUE(client().UpsertIssue(MakeIssue("keep.txt", 2, "살아남는문서")).ok());
  ASSERT_TRUE(client().UpsertIssue(MakeIssue("gone.txt", 1, "지워질문서")).ok());
  ASSERT_TRUE(client().DeleteIssue("gone.txt").ok());
  server_->Kill();  // no commit happened: the default interval is longer than this test step
  std::string error;
  ASSERT_TRUE(server_->Start(&error)) << error;
  EXPECT_EQ(CountHits(client(), "살아남는문서"), 2);
  EXPECT_EQ(CountHits(client(), "지워질문서"), 0);
  EXPECT_THAT(server_->log(), HasSubstr("log records replayed"));
}

TEST_F(ServerTest, SigtermCommitsAndExitsZero) {
  ASSERT_TRUE(client().UpsertIssue(MakeIssue("t.txt", 1, "종료시험")).ok());
  EXPECT_EQ(server_->Stop(), 0);
  EXPECT_THAT(server_->log(), HasSubstr("stopped cleanly"));
  std::string error;
  ASSERT_TRUE(server_->Start(&error)) << error;
  EXPECT_EQ(CountHits(client(), "종료시험"), 1);
  EXPECT_THAT(server_->log(), HasSubstr("0 log records replayed"));
}

TEST_F(ServerTest, SecondDaemonOnTheSameDataDirIsRefused) {
  ServerProcess second(dir_ / "data");
  std::string error;
  EXPECT_FALSE(second.Start(&error));
  EXPECT_THAT(error, HasSubstr("in use by another briefsearchd"));
}

// Searches running while an issue is replaced again and again see all of one version or all of
// the other, never a mix.
TEST_F(ServerTest, ConcurrentSearchesNeverSeeAHalfReplacedIssue) {
  constexpr int kArticles = 6;
  ASSERT_TRUE(client().UpsertIssue(MakeIssue("live.txt", kArticles, "판본가")).ok());
  std::atomic<bool> done{false};
  std::atomic<int> torn{0}, searches{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        auto a = client().Search({.query = "판본가", .limit = 1});
        auto b = client().Search({.query = "판본나", .limit = 1});
        if (!a.ok() || !b.ok()) continue;
        ++searches;
        const int64_t x = a->total_hits;
        if (x != 0 && x != kArticles) ++torn;
        if (b->total_hits != 0 && b->total_hits != kArticles) ++torn;
      }
    });
  }
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(client().UpsertIssue(MakeIssue("live.txt", kArticles, i % 2 ? "판본가" : "판본나")).ok());
  }
  done = true;
  for (auto& r : readers) r.join();
  EXPECT_GT(searches.load(), 10);
  EXPECT_EQ(torn.load(), 0);
}

// The result cache answers a repeated search only while the index is unchanged: an acknowledged
// upsert or delete is visible to the very next search, cached or not.
TEST_F(ServerTest, RepeatedSearchIsCachedUntilTheIndexChanges) {
  ASSERT_TRUE(client().UpsertIssue(MakeIssue("first.txt", 2, "캐시시험")).ok());
  auto r1 = client().Search({.query = "캐시시험"});
  ASSERT_TRUE(r1.ok()) << r1.status();
  EXPECT_FALSE(r1->cached);
  EXPECT_EQ(r1->total_hits, 2);
  auto r2 = client().Search({.query = "캐시시험"});
  ASSERT_TRUE(r2.ok()) << r2.status();
  EXPECT_TRUE(r2->cached);
  EXPECT_EQ(r2->total_hits, 2);
  ASSERT_EQ(r2->hits.size(), r1->hits.size());
  for (size_t i = 0; i < r1->hits.size(); ++i) {
    EXPECT_EQ(r2->hits[i].id, r1->hits[i].id);
    EXPECT_EQ(r2->hits[i].snippet, r1->hits[i].snippet);
    EXPECT_EQ(r2->hits[i].score, r1->hits[i].score);
  }
  // Another page size is another request.
  auto other = client().Search({.query = "캐시시험", .limit = 1});
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->cached);

  ASSERT_TRUE(client().UpsertIssue(MakeIssue("second.txt", 3, "캐시시험")).ok());
  auto r3 = client().Search({.query = "캐시시험"});
  ASSERT_TRUE(r3.ok());
  EXPECT_FALSE(r3->cached);
  EXPECT_EQ(r3->total_hits, 5);
  ASSERT_TRUE(client().DeleteIssue("first.txt").ok());
  auto r4 = client().Search({.query = "캐시시험"});
  ASSERT_TRUE(r4.ok());
  EXPECT_FALSE(r4->cached);
  EXPECT_EQ(r4->total_hits, 3);

  auto stats = client().GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->result_cache_hits, 1);
  EXPECT_GE(stats->result_cache_misses, 4);
  EXPECT_GE(stats->result_cache_entries, 1);
}

TEST_F(ServerTest, ResultCacheCanBeTurnedOff) {
  ServerProcess uncached(dir_ / "uncached", {"--result-cache-mb", "0"});
  std::string error;
  ASSERT_TRUE(uncached.Start(&error)) << error;
  ASSERT_TRUE(uncached.client().UpsertIssue(MakeIssue("a.txt", 1, "캐시없음")).ok());
  for (int i = 0; i < 3; ++i) {
    auto r = uncached.client().Search({.query = "캐시없음"});
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->cached);
    EXPECT_EQ(r->total_hits, 1);
  }
  auto stats = uncached.client().GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->result_cache_hits, 0);
  EXPECT_EQ(stats->result_cache_entries, 0);
}

TEST_F(ServerTest, SearchesOnWorkersOnlyAnswerAsSearchesOnGrpcThreads) {
  // By default one search at a time runs on the gRPC thread that took the call; with
  // --inline-searches 0 every search goes to a worker. Same answers either way, under load.
  ServerProcess workers_only(dir_ / "workers", {"--inline-searches", "0", "--result-cache-mb", "0"});
  ServerProcess inline_too(dir_ / "inline", {"--result-cache-mb", "0"});
  std::string error;
  ASSERT_TRUE(workers_only.Start(&error)) << error;
  ASSERT_TRUE(inline_too.Start(&error)) << error;
  for (int i = 0; i < 6; ++i) {
    const auto issue = MakeIssue("w" + std::to_string(i) + ".txt", i + 1, i % 2 ? "반도체 수출" : "반도체 정책");
    ASSERT_TRUE(workers_only.client().UpsertIssue(issue).ok());
    ASSERT_TRUE(inline_too.client().UpsertIssue(issue).ok());
  }
  const char* queries[] = {"반도체", "수출", "정책", "반도체 수출"};
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0}, failures{0};
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) {
        const std::string q = queries[(t + k) % 4];
        auto a = workers_only.client().Search({.query = q});
        auto b = inline_too.client().Search({.query = q});
        if (!a.ok() || !b.ok()) {
          ++failures;
          continue;
        }
        if (a->total_hits != b->total_hits || a->hits.size() != b->hits.size()) ++mismatches;
        for (size_t h = 0; h < std::min(a->hits.size(), b->hits.size()); ++h) {
          if (a->hits[h].snippet != b->hits[h].snippet) ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(mismatches.load(), 0);
  auto a = workers_only.client().Search({.query = "반도체"});
  auto b = inline_too.client().Search({.query = "반도체"});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_GE(b->total_hits, 6) << "every issue holds the word";
  EXPECT_EQ(a->total_hits, b->total_hits);
}

}  // namespace
}  // namespace briefsearch::testing
