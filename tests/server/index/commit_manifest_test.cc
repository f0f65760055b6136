// Tests for server/index/commit_manifest.h: a commit's files verify against their manifest until a
// byte changes or a file shrinks; a commit without a manifest passes only when no commit has one.
#include "server/index/commit_manifest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/server/temp_dir.h"

namespace briefsearch::index {
namespace {

namespace fs = std::filesystem;

class CommitManifestTest : public testing::Test {
 protected:
  CommitManifestTest() {
    fs::create_directories(index_);
    Put("segments_2", "commit point");
    Put("_1.cfs", std::string(3000, 'a'));
  }
  void Put(const std::string& name, const std::string& bytes) {
    std::ofstream(index_ + "/" + name, std::ios::binary) << bytes;
  }
  void Flip(const std::string& name, std::streamoff at) {
    std::fstream f(index_ + "/" + name, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(at);
    f.put('b');
  }

  testing_util::TempDir tmp_;
  const std::string index_ = tmp_.Sub("index");
  CommitManifests manifests_{index_, tmp_.Sub("checksums")};
};

TEST_F(CommitManifestTest, IntactCommitVerifies) {
  ASSERT_TRUE(manifests_.Write("segments_2", {"segments_2", "_1.cfs"}).ok());
  EXPECT_TRUE(manifests_.Verify("segments_2").ok());
  // A fresh instance (a restart) reads the manifest from disk.
  CommitManifests reopened(index_, tmp_.Sub("checksums"));
  EXPECT_TRUE(reopened.Verify("segments_2").ok());
}

TEST_F(CommitManifestTest, FlippedByteIsDataLoss) {
  ASSERT_TRUE(manifests_.Write("segments_2", {"segments_2", "_1.cfs"}).ok());
  Flip("_1.cfs", 1500);
  const absl::Status s = CommitManifests(index_, tmp_.Sub("checksums")).Verify("segments_2");
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << s;
  EXPECT_NE(s.message().find("_1.cfs"), std::string::npos) << s;
}

TEST_F(CommitManifestTest, ShortOrMissingFileIsDataLoss) {
  ASSERT_TRUE(manifests_.Write("segments_2", {"segments_2", "_1.cfs"}).ok());
  fs::resize_file(index_ + "/segments_2", 4);
  EXPECT_EQ(manifests_.Verify("segments_2").code(), absl::StatusCode::kDataLoss);
  fs::remove(index_ + "/_1.cfs");
  EXPECT_EQ(manifests_.Verify("segments_2").code(), absl::StatusCode::kDataLoss);
}

TEST_F(CommitManifestTest, CommitWithoutManifestPassesOnlyWhenNoOlderOneHasOne) {
  EXPECT_TRUE(manifests_.Verify("segments_2").ok());  // a data dir from before manifests
  ASSERT_TRUE(manifests_.Write("segments_2", {"segments_2", "_1.cfs"}).ok());
  Put("segments_1", "older, from before manifests");
  EXPECT_TRUE(manifests_.Verify("segments_1").ok());
  Put("segments_3", "newer commit point");
  EXPECT_EQ(manifests_.Verify("segments_3").code(), absl::StatusCode::kDataLoss);
}

TEST_F(CommitManifestTest, ManifestsOfDeletedCommitsGo) {
  ASSERT_TRUE(manifests_.Write("segments_2", {"segments_2", "_1.cfs"}).ok());
  fs::remove(index_ + "/segments_2");
  Put("segments_3", "next");
  ASSERT_TRUE(manifests_.Write("segments_3", {"segments_3", "_1.cfs"}).ok());
  EXPECT_FALSE(fs::exists(tmp_.Sub("checksums/segments_2.crc")));
  EXPECT_TRUE(fs::exists(tmp_.Sub("checksums/segments_3.crc")));
}

}  // namespace
}  // namespace briefsearch::index
