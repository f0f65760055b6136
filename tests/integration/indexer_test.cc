// briefsearch-indexer as a user runs it: a real indexer process on a temp drop folder, sending to a
// real briefsearchd; checked through the client library and the indexer's state dir.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/integration/harness.h"
#include "tests/integration/indexer_fixture.h"

namespace briefsearch::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string Memo(const std::string& marker) {
  return "# 내부 메모\n\n## 회의 결과\n\n중국 반도체 정책 검토 결과를 정리한다. " + marker +
         " 관련 내용을 확인했다.\n";
}

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

class IndexerTest : public IndexerFixture {
 protected:
  bool Searchable(const std::string& word, int64_t hits = 1) {
    return WaitUntil([&] { return CountHits(client(), word) == hits; });
  }
  // Writes through a hidden temp name, then renames into place, as careful producers do.
  void DropAtomically(const std::string& name, const std::string& content) {
    WriteFile(drop() + "/." + name + ".tmp", content);
    fs::rename(drop() + "/." + name + ".tmp", drop() + "/" + name);
  }
};

TEST_F(IndexerTest, IndexesWrittenRenamedChangedAndDeletedFiles) {
  indexer_->Start();
  WriteFile(drop() + "/written.txt", Memo("직접쓴파일"));
  DropAtomically("renamed.md", Memo("옮겨온파일"));
  ASSERT_TRUE(Searchable("직접쓴파일")) << indexer_->log();
  ASSERT_TRUE(Searchable("옮겨온파일")) << indexer_->log();

  auto issue = client().GetIssue("renamed.md");
  ASSERT_TRUE(issue.ok()) << issue.status();
  EXPECT_EQ(issue->origin, "renamed.md");
  EXPECT_EQ(issue->format, "md");

  WriteFile(drop() + "/written.txt", Memo("고쳐쓴파일"));
  ASSERT_TRUE(Searchable("고쳐쓴파일")) << indexer_->log();
  EXPECT_TRUE(Searchable("직접쓴파일", 0));

  fs::remove(drop() + "/renamed.md");
  EXPECT_TRUE(Searchable("옮겨온파일", 0)) << indexer_->log();
  EXPECT_TRUE(absl::IsNotFound(client().GetIssue("renamed.md").status()));
  EXPECT_TRUE(fs::exists(drop() + "/written.txt"));  // nothing in the folder is touched
}

TEST_F(IndexerTest, SlowWriterIsNeverParsedHalfWritten) {
  indexer_->Start();
  // Files found by the start-up scan are trusted once quiet; this test is about watched writes.
  ASSERT_TRUE(WaitUntil([&] { return indexer_->log().find("scanned ") != std::string::npos; }));
  const std::string path = drop() + "/slow.txt";
  {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const std::string first = "# 느린 문서\n\n앞부분 천천히쓴앞 내용.\n";
    ASSERT_EQ(::write(fd, first.data(), first.size()), static_cast<ssize_t>(first.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // longer than --settle-ms 200
    const std::string second = "뒷부분 천천히쓴뒤 내용.\n";
    ASSERT_EQ(::write(fd, second.data(), second.size()), static_cast<ssize_t>(second.size()));
    ::close(fd);
  }
  ASSERT_TRUE(Searchable("천천히쓴뒤")) << indexer_->log();
  auto article = client().GetArticle("slow.txt#1");
  ASSERT_TRUE(article.ok());
  EXPECT_THAT(article->article.body, HasSubstr("천천히쓴앞"));
  // The indexer logs after the server's acknowledgement, which can come after the search above.
  ASSERT_TRUE(WaitUntil([&] { return Count(indexer_->log(), "slow.txt: indexed") >= 1; }));
  EXPECT_EQ(Count(indexer_->log(), "slow.txt: indexed"), 1) << indexer_->log();
}

TEST_F(IndexerTest, BrokenFilesAreQuarantinedWithAReasonAndKept) {
  indexer_->Start();
  WriteFile(drop() + "/binary.txt", std::string("\x00\x01\x02\x03garbage\x00", 12));
  WriteFile(drop() + "/latin1.txt", "caf\xe9 \xb0\xa1\xb3\xaa");
  WriteFile(drop() + "/empty.txt", "");
  WriteFile(drop() + "/caf\xe9.txt", Memo("이름이깨진파일"));
  ASSERT_EQ(::mkfifo((drop() + "/pipe.txt").c_str(), 0644), 0);
  fs::create_symlink("/etc/hostname", drop() + "/outside.txt");
  WriteFile(drop() + "/good.txt", Memo("정상파일"));
  ASSERT_TRUE(Searchable("정상파일")) << indexer_->log();
  const std::string quarantine = dir_ / "state/quarantine.json";
  ASSERT_TRUE(WaitUntil([&] {
    auto j = nlohmann::json::parse(ReadFile(quarantine), nullptr, false);
    return j.is_object() && j.size() == 6;
  })) << ReadFile(quarantine) << indexer_->log();
  auto j = nlohmann::json::parse(ReadFile(quarantine));
  for (const char* name : {"binary.txt", "latin1.txt", "empty.txt", "pipe.txt", "outside.txt"}) {
    ASSERT_TRUE(j.contains(name)) << name;
    EXPECT_FALSE(j[name]["reason"].get<std::string>().empty());
    EXPECT_TRUE(fs::exists(drop() + "/" + name));
    EXPECT_THAT(indexer_->log(), HasSubstr(std::string(name) + ": quarantined: "));
  }
  EXPECT_THAT(ReadFile(quarantine), HasSubstr("not valid UTF-8"));
  EXPECT_THAT(ReadFile(quarantine), HasSubstr("symbolic link"));
  EXPECT_THAT(ReadFile(quarantine), HasSubstr("FIFO"));
  auto stats = client().GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->issues, 1);
  EXPECT_EQ(CountHits(client(), "이름이깨진파일"), 0);

  // Fixed by the user: it leaves quarantine and is indexed.
  WriteFile(drop() + "/latin1.txt", Memo("고친파일"));
  EXPECT_TRUE(Searchable("고친파일")) << indexer_->log();
}

TEST_F(IndexerTest, SameContentUnderTwoNamesIsIndexedOnce) {
  WriteFile(drop() + "/first.txt", Memo("쌍둥이내용"));
  indexer_->Start();
  ASSERT_TRUE(Searchable("쌍둥이내용")) << indexer_->log();
  DropAtomically("copy.txt", Memo("쌍둥이내용"));
  ASSERT_TRUE(WaitUntil([&] { return indexer_->log().find("copy.txt: same content") != std::string::npos; }))
      << indexer_->log();
  EXPECT_EQ(CountHits(client(), "쌍둥이내용"), 1);

  fs::remove(drop() + "/first.txt");  // the copy takes over
  ASSERT_TRUE(WaitUntil([&] { return client().GetIssue("copy.txt").ok(); })) << indexer_->log();
  EXPECT_EQ(CountHits(client(), "쌍둥이내용"), 1);
}

TEST_F(IndexerTest, RestartCatchesUpWithoutRepeatingWork) {
  WriteFile(drop() + "/stays.txt", Memo("그대로인파일"));
  WriteFile(drop() + "/leaves.txt", Memo("사라질파일"));
  indexer_->Start();
  ASSERT_TRUE(Searchable("그대로인파일"));
  ASSERT_TRUE(Searchable("사라질파일"));
  EXPECT_EQ(indexer_->Stop(), 0);

  fs::remove(drop() + "/leaves.txt");
  WriteFile(drop() + "/arrives.txt", Memo("새로온파일"));
  const std::string before = indexer_->log();
  indexer_->Start();
  ASSERT_TRUE(Searchable("새로온파일")) << indexer_->log();
  ASSERT_TRUE(Searchable("사라질파일", 0)) << indexer_->log();
  const std::string after = indexer_->log().substr(before.size());
  EXPECT_EQ(Count(after, "stays.txt: indexed"), 0) << after;
}

TEST_F(IndexerTest, ServerDownMeansRetryNotLoss) {
  indexer_->Start();
  server_->Kill();
  WriteFile(drop() + "/while_down.txt", Memo("서버없을때"));
  ASSERT_TRUE(WaitUntil([&] { return indexer_->log().find("retrying") != std::string::npos; }))
      << indexer_->log();
  std::string error;
  ASSERT_TRUE(server_->Start(&error)) << error;
  EXPECT_TRUE(Searchable("서버없을때")) << indexer_->log();
}

TEST_F(IndexerTest, OnceIndexesTheSampleBriefsAndExits) {
  for (const auto& entry : fs::directory_iterator(SourcePath("examples/briefs"))) {
    fs::copy_file(entry.path(), drop() + "/" + entry.path().filename().string());
  }
  const int files = static_cast<int>(std::distance(fs::directory_iterator(drop()), fs::directory_iterator()));
  indexer_->Start({"--once"});
  std::string out, err;
  const int code = RunCommand({BinPath("briefsearch-indexer"), "--drop-dir", drop(), "--server",
                               server_->address(), "--state-dir", dir_ / "state2", "--once"},
                              &out, &err);
  EXPECT_EQ(code, 0) << err;
  auto stats = client().GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->issues, files) << err;
  EXPECT_GE(stats->issues_by_publisher["KOSTEC"], 3);
  EXPECT_GE(stats->issues_by_publisher["KIC"], 3);
  EXPECT_GE(stats->issues_by_publisher["KIEP"], 3);
  EXPECT_THAT(err, HasSubstr("done: "));
}

}  // namespace
}  // namespace briefsearch::testing
