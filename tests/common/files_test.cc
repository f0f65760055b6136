// Tests for common/files.h: durable writes, bounded reads and the errno -> Status map.
#include "common/files.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace briefsearch {
namespace {

namespace fs = std::filesystem;

// Each test gets its own directory, removed afterwards.
class FilesTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "files_test.XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (fs::path(dir_) / name).string(); }

  std::string dir_;
};

TEST_F(FilesTest, WriteDurablyThenReadBack) {
  const std::string path = Path("state.json");
  const std::string content = "{\"반도체\": 1}\n";
  ASSERT_TRUE(WriteFileDurably(path, content).ok());
  absl::StatusOr<std::string> read = ReadFileLimited(path, 1024);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, content);
  // The temporary file is renamed away, not left behind.
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST_F(FilesTest, WriteDurablyReplacesExistingContent) {
  const std::string path = Path("f");
  ASSERT_TRUE(WriteFileDurably(path, "a much longer first version").ok());
  ASSERT_TRUE(WriteFileDurably(path, "v2").ok());
  EXPECT_EQ(ReadFileLimited(path, 100).value(), "v2");
}

TEST_F(FilesTest, ReadsEmptyFile) {
  const std::string path = Path("empty");
  ASSERT_TRUE(WriteFileDurably(path, "").ok());
  EXPECT_EQ(ReadFileLimited(path, 0).value(), "");
  EXPECT_EQ(ReadFileLimited(path, 10).value(), "");
}

TEST_F(FilesTest, ReadAtExactlyTheLimitSucceeds) {
  const std::string path = Path("ten");
  ASSERT_TRUE(WriteFileDurably(path, "0123456789").ok());
  EXPECT_EQ(ReadFileLimited(path, 10).value(), "0123456789");
}

TEST_F(FilesTest, ReadOverTheLimitIsFailedPrecondition) {
  const std::string path = Path("eleven");
  ASSERT_TRUE(WriteFileDurably(path, "0123456789A").ok());
  absl::StatusOr<std::string> read = ReadFileLimited(path, 10);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), absl::StatusCode::kFailedPrecondition) << read.status();
  EXPECT_NE(read.status().message().find("too large"), std::string::npos) << read.status();
}

TEST_F(FilesTest, ReadMissingFileIsNotFound) {
  absl::StatusOr<std::string> read = ReadFileLimited(Path("missing"), 10);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound) << read.status();
}

TEST_F(FilesTest, ReadDirectoryIsFailedPrecondition) {
  EXPECT_EQ(ReadFileLimited(dir_, 1 << 20).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(FilesTest, ReadRefusesSymlinks) {
  // O_NOFOLLOW: the drop folder must not lead the reader elsewhere.
  ASSERT_TRUE(WriteFileDurably(Path("target"), "x").ok());
  fs::create_symlink(Path("target"), Path("link"));
  EXPECT_FALSE(ReadFileLimited(Path("link"), 10).ok());
}

TEST_F(FilesTest, WriteIntoMissingDirectoryIsNotFound) {
  EXPECT_EQ(WriteFileDurably(Path("no/such/dir/f"), "x").code(), absl::StatusCode::kNotFound);
}

TEST_F(FilesTest, MakeDirsCreatesParentsAndIsIdempotent) {
  const std::string deep = Path("a/b/c");
  ASSERT_TRUE(MakeDirs(deep).ok());
  EXPECT_TRUE(fs::is_directory(deep));
  EXPECT_TRUE(MakeDirs(deep).ok());
  EXPECT_TRUE(FsyncDirectory(deep).ok());
}

TEST_F(FilesTest, MakeDirsOverAFileFails) {
  ASSERT_TRUE(WriteFileDurably(Path("file"), "x").ok());
  EXPECT_FALSE(MakeDirs(Path("file/sub")).ok());
}

TEST_F(FilesTest, FsyncMissingDirectoryIsNotFound) {
  EXPECT_EQ(FsyncDirectory(Path("missing")).code(), absl::StatusCode::kNotFound);
}

struct ErrnoCase {
  int err;
  absl::StatusCode code;
};

TEST(ErrnoStatusTest, MapsErrnoToCodes) {
  const ErrnoCase cases[] = {
      {ENOSPC, absl::StatusCode::kResourceExhausted},  // disk full
      {EDQUOT, absl::StatusCode::kResourceExhausted},  // quota
      {ENOENT, absl::StatusCode::kNotFound},
      {EACCES, absl::StatusCode::kPermissionDenied},
      {EPERM, absl::StatusCode::kPermissionDenied},
      {EIO, absl::StatusCode::kInternal},  // everything else
      {EBADF, absl::StatusCode::kInternal},
  };
  for (const ErrnoCase& c : cases) {
    EXPECT_EQ(ErrnoStatus(c.err, "op").code(), c.code) << "errno " << c.err;
  }
}

TEST(ErrnoStatusTest, MessageNamesTheOperationAndTheError) {
  const absl::Status s = ErrnoStatus(ENOSPC, "write /data/wal");
  EXPECT_NE(s.message().find("write /data/wal"), std::string::npos) << s;
  EXPECT_NE(s.message().find("No space left"), std::string::npos) << s;
}

}  // namespace
}  // namespace briefsearch
