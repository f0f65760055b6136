// Tests for server/index/data_dir_lock.h. flock(2) locks belong to an open file description, so a
// second Acquire in the same process conflicts just as another process would.
#include "server/index/data_dir_lock.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/server/temp_dir.h"

namespace briefsearch::index {
namespace {

TEST(DataDirLockTest, CreatesTheDirectoryAndRecordsThePid) {
  testing_util::TempDir tmp;
  const std::string data_dir = tmp.Sub("data/nested");
  auto lock = DataDirLock::Acquire(data_dir);
  ASSERT_TRUE(lock.ok()) << lock.status();
  std::ifstream in(data_dir + "/LOCK");
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), std::to_string(::getpid()));
}

TEST(DataDirLockTest, SecondAcquireFailsWhileHeld) {
  testing_util::TempDir tmp;
  auto first = DataDirLock::Acquire(tmp.path());
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = DataDirLock::Acquire(tmp.path());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition) << second.status();
  // The message names the holder so an operator can find it.
  EXPECT_NE(second.status().message().find("pid " + std::to_string(::getpid())), std::string::npos)
      << second.status();
}

TEST(DataDirLockTest, ReleasedOnDestruction) {
  testing_util::TempDir tmp;
  { ASSERT_TRUE(DataDirLock::Acquire(tmp.path()).ok()); }
  auto again = DataDirLock::Acquire(tmp.path());
  EXPECT_TRUE(again.ok()) << again.status();
}

TEST(DataDirLockTest, DifferentDirectoriesDoNotConflict) {
  testing_util::TempDir tmp;
  auto a = DataDirLock::Acquire(tmp.Sub("a"));
  auto b = DataDirLock::Acquire(tmp.Sub("b"));
  EXPECT_TRUE(a.ok());
  EXPECT_TRUE(b.ok());
}

}  // namespace
}  // namespace briefsearch::index
