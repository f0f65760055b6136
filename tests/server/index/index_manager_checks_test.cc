// Tests for server/index/index_manager_checks.cc: with IndexOptions::verify_sync_max_mb 0 every
// data file of a test index is left to the deferred check. A short file still stops the commit at
// Open; a flipped byte is found after Open, the commit set aside and the index rebuilt from the
// previous commit and the log; the marker of an interrupted check makes Open check everything.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <future>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "server/index/index_manager.h"
#include "server/index/issue_validation.h"
#include "server/query/search_engine.h"
#include "tests/server/temp_dir.h"

namespace briefsearch::index {
namespace {

namespace fs = std::filesystem;

class IndexManagerChecksTest : public testing::Test {
 protected:
  IndexOptions Options(int64_t verify_sync_max_mb) const {
    IndexOptions o;
    o.data_dir = tmp_.path();
    o.commit_interval = std::chrono::hours(1);
    o.verify_sync_max_mb = verify_sync_max_mb;
    return o;
  }

  // Two counted commits: "first" (2 articles) and then "second" (3).
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(WriteTwoCommits()); }
  void WriteTwoCommits() {
    auto m = Reopen(64);
    ASSERT_NE(m, nullptr);
    ASSERT_TRUE(m->Upsert(Issue("first", 2, "첫커밋문서")).ok());
    ASSERT_TRUE(m->Commit().ok());
    std::set<std::string> before;
    for (const auto& e : fs::directory_iterator(index_)) before.insert(e.path().string());
    ASSERT_TRUE(m->Upsert(Issue("second", 3, "둘째커밋문서")).ok());
    ASSERT_TRUE(m->Close().ok());
    for (const auto& e : fs::directory_iterator(index_)) {
      if (e.path().extension() != ".cfs") continue;
      (before.count(e.path().string()) ? shared_ : fresh_) = e.path().string();
    }
    ASSERT_FALSE(fresh_.empty());
    ASSERT_FALSE(shared_.empty());
  }

  std::unique_ptr<IndexManager> Reopen(int64_t verify_sync_max_mb) {
    auto m = IndexManager::Open(Options(verify_sync_max_mb), &analyzer_);
    EXPECT_TRUE(m.ok()) << m.status();
    return m.ok() ? std::move(*m) : nullptr;
  }

  static v1::Issue Issue(const std::string& id, int articles, const std::string& marker) {
    v1::Issue issue;
    issue.set_issue_id(id);
    issue.set_title(id);
    for (int i = 0; i < articles; ++i) issue.add_articles()->set_body(marker + " 기사");
    EXPECT_TRUE(ValidateAndNormalizeIssue(&issue).ok());
    return issue;
  }

  // Flips a bit in the middle of the stored-field data (.fdt) inside the compound file: damage
  // only a checksum or a read of those fields finds (a byte elsewhere may sit where opening a
  // reader or writing looks, which depends on the layout). Lucene 3.0 compound files start with a
  // VInt count, then per file a big-endian 64-bit offset and a VInt-length UTF-8 name.
  static void FlipByte(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t p = 0;
    const auto vint = [&] {
      uint32_t v = 0;
      for (int shift = 0;; shift += 7) {
        const auto b = static_cast<uint8_t>(bytes.at(p++));
        v |= static_cast<uint32_t>(b & 0x7F) << shift;
        if ((b & 0x80) == 0) return v;
      }
    };
    std::vector<std::pair<uint64_t, std::string>> entries;
    for (uint32_t n = vint(), i = 0; i < n; ++i) {
      uint64_t offset = 0;
      for (int k = 0; k < 8; ++k) offset = offset << 8 | static_cast<uint8_t>(bytes.at(p++));
      const uint32_t length = vint();
      entries.emplace_back(offset, bytes.substr(p, length));
      p += length;
    }
    std::streamoff middle = -1;
    for (size_t i = 0; i < entries.size(); ++i) {
      if (!entries[i].second.ends_with(".fdt")) continue;
      const uint64_t end = i + 1 < entries.size() ? entries[i + 1].first : bytes.size();
      middle = static_cast<std::streamoff>(entries[i].first + (end - entries[i].first) / 2);
    }
    ASSERT_GE(middle, 0) << path << " has no stored-field data";
    std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
    f.seekg(middle);
    const char c = static_cast<char>(f.get());
    f.seekp(middle);
    f.put(static_cast<char>(c ^ 0x20));
  }

  int64_t Hits(const IndexManager& m, const std::string& query) const {
    v1::SearchRequest request;
    request.set_query(query);
    v1::SearchResponse response;
    EXPECT_TRUE(engine_.Search(*m.Snapshot(), request, &response).ok()) << query;
    return response.total_hits();
  }

  // Polls until `done` or 20 s have passed; returns its last value.
  static bool WaitFor(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
  }

  bool Marked() const { return fs::exists(tmp_.Sub("checksums/verifying")); }

  analysis::Analyzer analyzer_;
  query::SearchEngine engine_{&analyzer_};
  testing_util::TempDir tmp_;
  const std::string index_ = tmp_.Sub("index");
  std::string fresh_;   // a compound file only the second commit uses
  std::string shared_;  // one both commits use
};

TEST_F(IndexManagerChecksTest, CleanIndexIsVerifiedInTheBackground) {
  auto m = Reopen(0);
  ASSERT_NE(m, nullptr);
  EXPECT_FALSE(m->checksums().verified) << "the data files were left for later";
  m->StartDeferredCheck();
  ASSERT_TRUE(WaitFor([&] { return m->checksums().verified; }));
  EXPECT_EQ(m->checksums().damage_detected, 0);
  EXPECT_FALSE(Marked());
  EXPECT_EQ(Hits(*m, "둘째커밋문서"), 3);
}

TEST_F(IndexManagerChecksTest, SmallFilesAreStillCheckedBeforeOpenReturns) {
  FlipByte(fresh_);
  auto m = Reopen(1);  // the test's files are all under 1 MB
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->recovery().commits_skipped, 1);
  EXPECT_TRUE(m->checksums().verified);
  EXPECT_EQ(Hits(*m, "둘째커밋문서"), 3);
}

TEST_F(IndexManagerChecksTest, FlippedByteIsFoundInTheBackgroundAndNothingIsLost) {
  FlipByte(fresh_);
  auto m = Reopen(0);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->recovery().commits_skipped, 0) << "only the sizes were checked";
  const auto upserted = m->Upsert(Issue("third", 1, "셋째문서"));
  ASSERT_TRUE(upserted.ok()) << upserted.status();  // acknowledged during the check
  bool data_loss = false;
  m->StartDeferredCheck([&](const absl::Status&) { data_loss = true; });
  ASSERT_TRUE(WaitFor([&] { return m->checksums().verified; }));
  const ChecksumState state = m->checksums();
  EXPECT_EQ(state.damage_detected, 1);
  EXPECT_NE(state.last_damage.find(fs::path(fresh_).filename().string()), std::string::npos)
      << state.last_damage;
  EXPECT_FALSE(data_loss);
  EXPECT_FALSE(Marked());
  EXPECT_FALSE(fs::is_empty(tmp_.Sub("damaged")));
  EXPECT_EQ(Hits(*m, "첫커밋문서"), 2);
  EXPECT_EQ(Hits(*m, "둘째커밋문서"), 3);
  EXPECT_EQ(Hits(*m, "셋째문서"), 1);
  // What it rebuilt is committed and checks clean at the next start.
  ASSERT_TRUE(m->Close().ok());
  m.reset();
  auto again = Reopen(1024);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->recovery().commits_skipped, 0);
  EXPECT_EQ(Hits(*again, "셋째문서"), 1);
}

TEST_F(IndexManagerChecksTest, ShortBigFileStopsTheCommitBeforeOpenReturns) {
  fs::resize_file(fresh_, fs::file_size(fresh_) - 1);
  auto m = Reopen(0);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->recovery().commits_skipped, 1);
  EXPECT_FALSE(fs::is_empty(tmp_.Sub("damaged")));
  EXPECT_EQ(Hits(*m, "둘째커밋문서"), 3);
}

TEST_F(IndexManagerChecksTest, MarkerOfAnInterruptedCheckMakesOpenCheckEverything) {
  FlipByte(fresh_);
  std::ofstream(tmp_.Sub("checksums/verifying")) << "segments_3\n";
  auto m = Reopen(0);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->recovery().commits_skipped, 1) << "found before Open returned";
  EXPECT_TRUE(m->checksums().verified);
  EXPECT_FALSE(Marked());
  EXPECT_EQ(Hits(*m, "둘째커밋문서"), 3);
}

TEST_F(IndexManagerChecksTest, CloseDuringTheCheckLeavesNoMarker) {
  auto m = Reopen(0);
  ASSERT_NE(m, nullptr);
  m->StartDeferredCheck();
  ASSERT_TRUE(m->Close().ok());
  EXPECT_FALSE(Marked()) << "a stop is not a crash: the next start checks in the background";
}

TEST_F(IndexManagerChecksTest, MarkerStaysWhenTheOwnerStopsBeforeStartingTheCheck) {
  auto m = Reopen(0);
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(Marked()) << "written before anything reads the unchecked files";
  ASSERT_TRUE(m->Close().ok());  // say briefsearchd's warm-up failed on damaged data
  EXPECT_TRUE(Marked());
}

// Damage in a file both kept commits use, with the log trimmed past the first operation: nothing
// to fall back to, as at start-up. The owner is told (briefsearchd answers health NOT_SERVING).
TEST_F(IndexManagerChecksTest, DamageWithNothingToFallBackToIsReported) {
  FlipByte(shared_);
  auto m = Reopen(0);
  ASSERT_NE(m, nullptr);
  std::promise<absl::Status> reported;
  m->StartDeferredCheck([&](const absl::Status& s) { reported.set_value(s); });
  auto future = reported.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(20)), std::future_status::ready);
  EXPECT_EQ(future.get().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(m->checksums().damage_detected, 1);
  EXPECT_FALSE(m->checksums().verified);
  EXPECT_TRUE(Marked()) << "the next start checks everything first";
  EXPECT_FALSE(m->Upsert(Issue("late", 1, "늦은문서")).ok());
}

}  // namespace
}  // namespace briefsearch::index
