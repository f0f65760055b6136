// Tests for server/index/deferred_check.h: the background check reports OK for matching files,
// DATA_LOSS naming the first file that differs or is gone, CANCELLED when cancelled; the marker
// comes and goes durably.
#include "server/index/deferred_check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>

#include "tests/server/temp_dir.h"

namespace briefsearch::index {
namespace {

namespace fs = std::filesystem;

class DeferredCheckTest : public testing::Test {
 protected:
  DeferredCheckTest() {
    std::ofstream(tmp_.Sub("_1.cfs"), std::ios::binary) << std::string(3 << 20, 'a');
    std::ofstream(tmp_.Sub("_2.cfs"), std::ios::binary) << std::string(1000, 'b');
    for (const char* name : {"_1.cfs", "_2.cfs"}) {
      auto sum = ChecksumFile(tmp_.Sub(name));
      EXPECT_TRUE(sum.ok()) << sum.status();
      sum->name = name;
      files_.push_back(*sum);
    }
  }

  absl::Status Run() {
    std::promise<absl::Status> result;
    DeferredCheck check(tmp_.path(), "segments_7", files_);
    check.Start([&](const absl::Status& s) { result.set_value(s); });
    return result.get_future().get();
  }

  testing_util::TempDir tmp_;
  std::vector<FileChecksum> files_;
};

TEST_F(DeferredCheckTest, MatchingFilesAreOk) { EXPECT_TRUE(Run().ok()); }

TEST_F(DeferredCheckTest, ChangedByteIsDataLossNamingCommitAndFile) {
  {
    std::fstream f(tmp_.Sub("_2.cfs"), std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(500);
    f.put('c');
  }
  const absl::Status s = Run();
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << s;
  EXPECT_NE(s.message().find("segments_7: _2.cfs"), std::string::npos) << s;
}

TEST_F(DeferredCheckTest, MissingFileIsDataLoss) {
  fs::remove(tmp_.Sub("_1.cfs"));
  EXPECT_EQ(Run().code(), absl::StatusCode::kDataLoss);
}

TEST_F(DeferredCheckTest, CancelStopsItAndJoins) {
  absl::Status result = absl::UnknownError("done was not called");
  DeferredCheck check(tmp_.path(), "segments_7", files_);
  check.Start([&](const absl::Status& s) { result = s; });
  check.Cancel();  // joins: `result` is settled from here on
  EXPECT_TRUE(result.ok() || absl::IsCancelled(result)) << result;
  check.Cancel();  // idempotent
}

TEST_F(DeferredCheckTest, MarkerIsWrittenAndRemoved) {
  const std::string dir = tmp_.Sub("checksums");
  ASSERT_TRUE(WriteCheckMarker(dir, "segments_7").ok());
  EXPECT_TRUE(fs::exists(CheckMarkerPath(dir)));
  ASSERT_TRUE(RemoveCheckMarker(dir).ok());
  EXPECT_FALSE(fs::exists(CheckMarkerPath(dir)));
  EXPECT_TRUE(RemoveCheckMarker(dir).ok()) << "no marker is fine";
}

}  // namespace
}  // namespace briefsearch::index
