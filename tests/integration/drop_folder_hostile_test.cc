// A drop folder that tries to make the indexer read what it must not, or hang: symlinks out of the
// folder and in loops, a symlinked directory, FIFOs, sockets, device files, names that are not
// UTF-8, NFD twins of a name, 255-byte names and files over --max-file-mb. A real indexer sends to
// a real server; each hostile entry must be quarantined with its reason (or, for the names that
// are fine, indexed), and the index must end up holding the good files only, each once.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/integration/folder_check.h"
#include "tests/integration/harness.h"
#include "tests/integration/indexer_fixture.h"

namespace briefsearch::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// "한국" decomposed into jamo (NFD, as macOS writes names) and precomposed (NFC).
const std::string kHanNfd = "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab\xe1\x84\x80\xe1\x85\xae\xe1\x86\xa8";
const std::string kHanNfc = "\xed\x95\x9c\xea\xb5\xad";

class DropFolderHostileTest : public IndexerFixture {
 protected:
  void SetUp() override {
    fs::create_directories(outside());
    // Secrets outside the folder: if any of them is ever read, its marker becomes searchable.
    WriteFile(outside() + "/secret.md", KicBrief(900));
    WriteFile(outside() + "/deep.md", KicBrief(901));
    IndexerFixture::SetUp();
  }
  std::string outside() const { return dir_ / "outside"; }
  nlohmann::json Quarantine() {
    return nlohmann::json::parse(ReadFile(dir_ / "state/quarantine.json"), nullptr, false);
  }
  // Waits until `name` is quarantined, then returns its reason ("" if it never was).
  std::string QuarantineReason(const std::string& name) {
    std::string reason;
    WaitUntil([&] {
      const nlohmann::json q = Quarantine();
      if (!q.is_object() || !q.contains(name)) return false;
      reason = q[name]["reason"].get<std::string>();
      return true;
    });
    return reason;
  }
};

TEST_F(DropFolderHostileTest, NothingOutsideTheFolderIsEverRead) {
  fs::create_symlink(outside() + "/secret.md", drop() + "/link.md");
  fs::create_directory_symlink(outside(), drop() + "/linkdir");
  fs::create_symlink("loop_b.md", drop() + "/loop_a.md");
  fs::create_symlink("loop_a.md", drop() + "/loop_b.md");
  fs::create_symlink("../outside/secret.md", drop() + "/relative.md");
  fs::create_symlink(outside() + "/missing.md", drop() + "/dangling.md");
  // A real subfolder, and a hard link: inside the folder by definition, so indexed.
  fs::create_directories(drop() + "/sub");
  WriteFile(drop() + "/sub/inner.md", KicBrief(1));
  WriteFile(drop() + "/good.md", KicBrief(2));
  indexer_->Start();
  ASSERT_TRUE(EventuallyIndexMatches(client(), {{"sub/inner.md", 1}, {"good.md", 2}}))
      << indexer_->log();
  for (const char* name : {"link.md", "linkdir", "loop_a.md", "loop_b.md", "relative.md", "dangling.md"}) {
    EXPECT_THAT(QuarantineReason(name), HasSubstr("symbolic link")) << name;
  }
  // Added while watched, too.
  fs::create_symlink(outside() + "/deep.md", drop() + "/sub/late_link.md");
  WriteFile(drop() + "/after.md", KicBrief(3));
  EXPECT_THAT(QuarantineReason("sub/late_link.md"), HasSubstr("symbolic link"));
  EXPECT_TRUE(EventuallyIndexMatches(client(), {{"sub/inner.md", 1}, {"good.md", 2}, {"after.md", 3}}))
      << indexer_->log();
  EXPECT_EQ(CountHits(client(), MarkerWord(900)), 0);
  EXPECT_EQ(CountHits(client(), MarkerWord(901)), 0);
  EXPECT_TRUE(fs::is_symlink(drop() + "/link.md"));  // nothing in the folder is touched
}

TEST_F(DropFolderHostileTest, SpecialFilesAreQuarantinedAndAFifoNeverBlocks) {
  ASSERT_EQ(::mkfifo((drop() + "/pipe.md").c_str(), 0644), 0);
  indexer_->Start();
  ASSERT_TRUE(WaitUntil([&] { return indexer_->log().find("scanned ") != std::string::npos; }));
  // Made while watched: the FIFO gets a create event and nobody ever writes or closes it.
  ASSERT_EQ(::mkfifo((drop() + "/pipe2.txt").c_str(), 0644), 0);
  const int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string sock_path = drop() + "/socket.md";
  ASSERT_LT(sock_path.size(), sizeof(addr.sun_path));
  std::strcpy(addr.sun_path, sock_path.c_str());
  ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  // A device file (the tests run as root in CI; mknod needs CAP_MKNOD).
  const bool made_device = ::mknod((drop() + "/zero.md").c_str(), S_IFCHR | 0644, makedev(1, 5)) == 0;
  // Good files after every hostile one: the indexer must still be working.
  WriteFile(drop() + "/good.md", KicBrief(10));
  ASSERT_TRUE(EventuallyIndexMatches(client(), {{"good.md", 10}})) << indexer_->log();
  EXPECT_THAT(QuarantineReason("pipe.md"), HasSubstr("FIFO"));
  EXPECT_THAT(QuarantineReason("pipe2.txt"), HasSubstr("FIFO"));
  EXPECT_THAT(QuarantineReason("socket.md"), HasSubstr("socket"));
  if (made_device) {
    EXPECT_THAT(QuarantineReason("zero.md"), HasSubstr("device file"));
  }
  WriteFile(drop() + "/good2.md", KicBrief(11));
  EXPECT_TRUE(EventuallyIndexMatches(client(), {{"good.md", 10}, {"good2.md", 11}})) << indexer_->log();
  ::close(sock);
  RecordProperty("device_file_tested", made_device ? "yes" : "no (mknod not permitted)");
}

TEST_F(DropFolderHostileTest, NamesNotUtf8NfdTwinsAndLongNames) {
  const std::string long_name = [] {
    std::string n;
    for (int i = 0; i < 84; ++i) n += "가";  // 252 bytes
    return n + ".md";                        // 255: the longest name Linux allows
  }();
  ASSERT_EQ(long_name.size(), 255u);
  WriteFile(drop() + "/" + long_name, KicBrief(20));
  WriteFile(drop() + "/caf\xe9.md", KicBrief(21));
  WriteFile(drop() + "/" + kHanNfc + ".md", KicBrief(22));
  // An NFD name on its own is fine: its issue id is the NFC form.
  WriteFile(drop() + "/" + kHanNfd + "2.md", KicBrief(23));
  indexer_->Start();
  const std::map<std::string, int> expected = {
      {long_name, 20}, {kHanNfc + ".md", 22}, {kHanNfc + "2.md", 23}};
  ASSERT_TRUE(EventuallyIndexMatches(client(), expected)) << indexer_->log();
  // quarantine.json is JSON, so the name is shown with U+FFFD for the byte that is not UTF-8.
  EXPECT_THAT(QuarantineReason("caf\xef\xbf\xbd.md"), HasSubstr("not valid UTF-8"));

  // The NFD twin of an indexed name would overwrite it on the server: quarantined instead.
  WriteFile(drop() + "/" + kHanNfd + ".md", KicBrief(24));
  EXPECT_THAT(QuarantineReason(kHanNfd + ".md"), HasSubstr("NFC"));
  EXPECT_TRUE(EventuallyIndexMatches(client(), expected)) << indexer_->log();
  EXPECT_EQ(CountHits(client(), MarkerWord(24)), 0);
  EXPECT_EQ(CountHits(client(), MarkerWord(21)), 0);
}

TEST_F(DropFolderHostileTest, FilesOverTheSizeLimitAreQuarantinedUnread) {
  // 2 MiB of a real brief: its marker would be found if it were read.
  std::string big = KicBrief(30);
  while (big.size() < (2u << 20)) big += "선전시 정부는 초기 기술 스타트업 지원 방안을 발표했다.\n";
  WriteFile(drop() + "/big.md", big);
  WriteFile(drop() + "/small.md", KicBrief(31));
  indexer_->Start({"--max-file-mb", "1"});
  ASSERT_TRUE(EventuallyIndexMatches(client(), {{"small.md", 31}})) << indexer_->log();
  EXPECT_THAT(QuarantineReason("big.md"), HasSubstr("file too large"));
  // Shrunk below the limit by its owner: indexed.
  WriteFile(drop() + "/big.md", KicBrief(30));
  EXPECT_TRUE(EventuallyIndexMatches(client(), {{"small.md", 31}, {"big.md", 30}})) << indexer_->log();
}

}  // namespace
}  // namespace briefsearch::testing
