// DropFolder on a real temp directory: what may be read, and what is refused without being opened
// or followed. The races it closes (a directory swapped for a symlink between a scan and a read)
// are set up here as the state they leave behind.
#include "indexer/pipeline/drop_folder.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "gtest/gtest.h"
#include "tests/integration/harness.h"

namespace briefsearch::pipeline {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::WriteFile;

class DropFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "drop/sub");
    fs::create_directories(dir_ / "outside");
    WriteFile(dir_ / "outside/secret.md", "secret");
    WriteFile(dir_ / "drop/sub/a.md", "inside");
    auto folder = DropFolder::Open(dir_ / "drop");
    ASSERT_TRUE(folder.ok()) << folder.status();
    folder_ = std::move(*folder);
  }
  std::string drop(const std::string& name) const { return dir_ / ("drop/" + name); }

  TempDir dir_;
  std::unique_ptr<DropFolder> folder_;
};

TEST_F(DropFolderTest, ReadsRegularFilesInsideIncludingSubfolders) {
  auto bytes = folder_->Read("sub/a.md", 100);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(*bytes, "inside");
  const EntryInfo info = folder_->Stat("sub/a.md");
  EXPECT_TRUE(info.exists && info.regular);
  EXPECT_EQ(info.size, 6);
}

TEST_F(DropFolderTest, NeverFollowsASymlinkAnywhereOnThePath) {
  fs::create_symlink(dir_ / "outside/secret.md", drop("link.md"));
  auto link = folder_->Read("link.md", 100);
  EXPECT_EQ(link.status().code(), absl::StatusCode::kFailedPrecondition) << link.status();
  EXPECT_STREQ(folder_->Stat("link.md").kind, "a symbolic link");

  // A subfolder replaced by a symlink to the outside after it was scanned.
  fs::remove_all(drop("sub"));
  fs::create_directory_symlink(dir_ / "outside", drop("sub"));
  ASSERT_TRUE(fs::exists(drop("sub/secret.md")));  // through the link, it would be there
  EXPECT_TRUE(absl::IsNotFound(folder_->Read("sub/secret.md", 100).status()));
  EXPECT_FALSE(folder_->Stat("sub/secret.md").exists);
}

TEST_F(DropFolderTest, PathsThatLeaveTheFolderDoNotExist) {
  for (const char* path : {"../outside/secret.md", "sub/../../outside/secret.md", "/etc/hostname",
                           "", "sub//a.md", "./sub/a.md"}) {
    EXPECT_TRUE(absl::IsNotFound(folder_->Read(path, 100).status())) << path;
    EXPECT_FALSE(folder_->Stat(path).exists) << path;
  }
}

TEST_F(DropFolderTest, SpecialFilesAreRefusedWithoutBlocking) {
  ASSERT_EQ(::mkfifo(drop("pipe.md").c_str(), 0644), 0);
  // Opening a FIFO for reading blocks until a writer comes; Read must refuse it at once.
  auto fifo = folder_->Read("pipe.md", 100);
  EXPECT_EQ(fifo.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(fifo.status().message().find("FIFO"), std::string::npos) << fifo.status();
  auto dir = folder_->Read("sub", 100);
  EXPECT_NE(dir.status().message().find("directory"), std::string::npos) << dir.status();
}

TEST_F(DropFolderTest, FilesOverTheLimitAreRefused) {
  WriteFile(drop("big.md"), std::string(1000, 'x'));
  auto big = folder_->Read("big.md", 999);
  EXPECT_EQ(big.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(big.status().message().find("file too large"), std::string::npos);
  EXPECT_TRUE(folder_->Read("big.md", 1000).ok());
}

}  // namespace
}  // namespace briefsearch::pipeline
