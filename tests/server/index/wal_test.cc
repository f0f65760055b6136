// Tests for server/index/wal.h: append and reopen, torn tails, corruption, trimming, sequences.
#include "server/index/wal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/server/temp_dir.h"

namespace briefsearch::index {
namespace {

namespace fs = std::filesystem;

class WalTest : public testing::Test {
 protected:
  std::unique_ptr<WriteAheadLog> OpenLog(int64_t min_sequence, WalRecovery* recovery) {
    auto log = WriteAheadLog::Open(dir_.path(), min_sequence, recovery);
    EXPECT_TRUE(log.ok()) << log.status();
    return log.ok() ? std::move(*log) : nullptr;
  }

  // Appends records with payloads "p<n>" and returns their sequences.
  static std::vector<int64_t> AppendN(WriteAheadLog* log, int n, const std::string& prefix = "p") {
    std::vector<int64_t> seqs;
    for (int i = 0; i < n; ++i) {
      auto seq =
          log->Append(i % 2 == 0 ? WalOp::kUpsert : WalOp::kDelete, prefix + std::to_string(i));
      EXPECT_TRUE(seq.ok()) << seq.status();
      seqs.push_back(seq.value_or(-1));
    }
    return seqs;
  }

  std::vector<std::string> Segments() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_.path())) out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
  }

  static std::string SegmentName(int64_t first) {
    std::string digits = std::to_string(first);
    return "wal-" + std::string(20 - digits.size(), '0') + digits + ".log";
  }

  static void AppendBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    out << bytes;
  }

  static void FlipByte(const std::string& path, uintmax_t offset) {
    std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
    f.seekg(static_cast<std::streamoff>(offset));
    char c = 0;
    f.read(&c, 1);
    c = static_cast<char>(c ^ 0x5A);
    f.seekp(static_cast<std::streamoff>(offset));
    f.write(&c, 1);
  }

  static std::vector<int64_t> Sequences(const WalRecovery& r) {
    std::vector<int64_t> out;
    for (const WalRecord& rec : r.records) out.push_back(rec.sequence);
    return out;
  }

  testing_util::TempDir dir_;
};

TEST_F(WalTest, ReopenReturnsRecordsInOrder) {
  WalRecovery first;
  auto log = OpenLog(1, &first);
  EXPECT_TRUE(first.records.empty());
  EXPECT_EQ(AppendN(log.get(), 3), (std::vector<int64_t>{1, 2, 3}));
  log.reset();

  WalRecovery r;
  log = OpenLog(1, &r);
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.torn_bytes_cut, 0);
  EXPECT_EQ(r.records[0].sequence, 1);
  EXPECT_EQ(r.records[0].op, WalOp::kUpsert);
  EXPECT_EQ(r.records[0].payload, "p0");
  EXPECT_EQ(r.records[1].op, WalOp::kDelete);
  EXPECT_EQ(r.records[1].payload, "p1");
  EXPECT_EQ(r.records[2].sequence, 3);
}

TEST_F(WalTest, PayloadsRoundTripByteForByte) {
  WalRecovery unused;
  auto log = OpenLog(1, &unused);
  const std::string binary("\0\xFF\x01 반도체\n", 13);
  const std::string big(1 << 20, 'x');
  ASSERT_TRUE(log->Append(WalOp::kUpsert, "").ok());
  ASSERT_TRUE(log->Append(WalOp::kUpsert, binary).ok());
  ASSERT_TRUE(log->Append(WalOp::kUpsert, big).ok());
  log.reset();
  WalRecovery r;
  log = OpenLog(1, &r);
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].payload, "");
  EXPECT_EQ(r.records[1].payload, binary);
  EXPECT_EQ(r.records[2].payload, big);
}

TEST_F(WalTest, SequencesContinueAfterReopen) {
  WalRecovery unused;
  auto log = OpenLog(1, &unused);
  AppendN(log.get(), 3);
  log.reset();
  WalRecovery r;
  log = OpenLog(1, &r);
  EXPECT_EQ(log->last_sequence(), 3);
  EXPECT_EQ(log->Append(WalOp::kUpsert, "x").value(), 4);
  log.reset();
  WalRecovery again;
  log = OpenLog(1, &again);
  EXPECT_EQ(Sequences(again), (std::vector<int64_t>{1, 2, 3, 4}));
}

TEST_F(WalTest, EmptyLogStartsAtMinSequence) {
  WalRecovery r;
  auto log = OpenLog(42, &r);
  EXPECT_EQ(log->last_sequence(), 41);
  EXPECT_EQ(log->Append(WalOp::kDelete, "id").value(), 42);
}

TEST_F(WalTest, TornTailIsCutAndReported) {
  WalRecovery unused;
  auto log = OpenLog(1, &unused);
  AppendN(log.get(), 3);
  log.reset();
  const std::string segment = dir_.Sub(SegmentName(1));
  const uintmax_t intact = fs::file_size(segment);
  // Half a record header: a crash in the middle of a write.
  AppendBytes(segment, std::string("\x20\x00\x00\x00\x11", 5));

  WalRecovery r;
  log = OpenLog(1, &r);
  EXPECT_EQ(Sequences(r), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(r.torn_bytes_cut, 5);
  EXPECT_EQ(fs::file_size(segment), intact);
  EXPECT_EQ(log->Append(WalOp::kUpsert, "after").value(), 4);
  log.reset();

  WalRecovery clean;
  log = OpenLog(1, &clean);
  EXPECT_EQ(Sequences(clean), (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(clean.torn_bytes_cut, 0);
}

TEST_F(WalTest, LastRecordWithBadChecksumIsTorn) {
  WalRecovery unused;
  auto log = OpenLog(1, &unused);
  AppendN(log.get(), 2, "payload");
  log.reset();
  const std::string segment = dir_.Sub(SegmentName(1));
  FlipByte(segment, fs::file_size(segment) - 1);  // inside the last record's payload

  WalRecovery r;
  log = OpenLog(1, &r);
  EXPECT_EQ(Sequences(r), (std::vector<int64_t>{1}));
  EXPECT_EQ(r.torn_bytes_cut, 8 + 9 + 8);  // prefix + sequence/op + "payload1"
  // The cut record's sequence is handed out again: it was never acknowledged.
  EXPECT_EQ(log->Append(WalOp::kUpsert, "x").value(), 2);
}

TEST_F(WalTest, CorruptionInOlderSegmentIsDataLoss) {
  WalRecovery unused;
  auto log = OpenLog(1, &unused);
  AppendN(log.get(), 3, "payload");
  log.reset();
  log = OpenLog(1, &unused);  // starts segment wal-...4
  AppendN(log.get(), 1);
  log.reset();
  ASSERT_EQ(Segments().size(), 2u);

  FlipByte(dir_.Sub(SegmentName(1)), 8 + 8 + 9 + 2);  // inside the first record's payload
  WalRecovery r;
  auto reopened = WriteAheadLog::Open(dir_.path(), 1, &r);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), absl::StatusCode::kDataLoss) << reopened.status();
  EXPECT_NE(reopened.status().message().find(SegmentName(1)), std::string::npos);
}

TEST_F(WalTest, TruncatedOlderSegmentIsDataLoss) {
  WalRecovery unused;
  auto log = OpenLog(1, &unused);
  AppendN(log.get(), 3);
  log.reset();
  log = OpenLog(1, &unused);
  log.reset();
  const std::string old_segment = dir_.Sub(SegmentName(1));
  fs::resize_file(old_segment, fs::file_size(old_segment) - 3);
  WalRecovery r;
  EXPECT_EQ(WriteAheadLog::Open(dir_.path(), 1, &r).status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(WalTest, TrimThroughDeletesCoveredSegmentsAndKeepsLaterRecords) {
  WalRecovery unused;
  auto log = OpenLog(1, &unused);
  AppendN(log.get(), 3);
  log.reset();
  log = OpenLog(1, &unused);  // records 1-3 in segment 1, new segment 4
  AppendN(log.get(), 2, "later");
  EXPECT_EQ(log->pending(), 5);

  ASSERT_TRUE(log->TrimThrough(3).ok());
  EXPECT_FALSE(fs::exists(dir_.Sub(SegmentName(1))));
  EXPECT_TRUE(fs::exists(dir_.Sub(SegmentName(4))));
  EXPECT_EQ(log->pending(), 2);
  log.reset();

  WalRecovery r;
  log = OpenLog(4, &r);
  EXPECT_EQ(Sequences(r), (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(r.records[0].payload, "later0");
}

TEST_F(WalTest, TrimThroughEverythingStartsAFreshSegment) {
  WalRecovery unused;
  auto log = OpenLog(1, &unused);
  AppendN(log.get(), 3);
  ASSERT_TRUE(log->TrimThrough(3).ok());
  EXPECT_EQ(log->pending(), 0);
  EXPECT_EQ(Segments(), (std::vector<std::string>{dir_.Sub(SegmentName(4))}));
  EXPECT_EQ(log->Append(WalOp::kUpsert, "next").value(), 4);
  log.reset();

  WalRecovery r;
  log = OpenLog(4, &r);
  EXPECT_EQ(Sequences(r), (std::vector<int64_t>{4}));
}

TEST_F(WalTest, TrimThroughPartOfTheCurrentSegmentKeepsIt) {
  WalRecovery unused;
  auto log = OpenLog(1, &unused);
  AppendN(log.get(), 3);
  ASSERT_TRUE(log->TrimThrough(2).ok());
  EXPECT_EQ(log->pending(), 1);
  // Records 1-2 share the segment with 3, which is not committed: nothing may be deleted yet.
  log.reset();
  WalRecovery r;
  log = OpenLog(3, &r);
  EXPECT_EQ(Sequences(r), (std::vector<int64_t>{1, 2, 3}));
}

// IndexManager trims through the older of the two kept commits, one commit behind the newest. Each
// commit must still start a segment, or no segment is ever wholly covered and the log only grows.
TEST_F(WalTest, EveryTrimStartsASegmentSoTheNextCommitShrinksTheLog) {
  WalRecovery unused;
  auto log = OpenLog(1, &unused);
  AppendN(log.get(), 3);
  ASSERT_TRUE(log->TrimThrough(0).ok());  // first commit (through 3): nothing older to drop
  EXPECT_EQ(Segments(), (std::vector<std::string>{dir_.Sub(SegmentName(1)), dir_.Sub(SegmentName(4))}));
  AppendN(log.get(), 2, "later");
  ASSERT_TRUE(log->TrimThrough(3).ok());  // second commit (through 5): the first one is older
  EXPECT_EQ(Segments(), (std::vector<std::string>{dir_.Sub(SegmentName(4)), dir_.Sub(SegmentName(6))}));
  log.reset();
  WalRecovery r;
  log = OpenLog(4, &r);
  EXPECT_EQ(Sequences(r), (std::vector<int64_t>{4, 5}));
}

TEST_F(WalTest, TrimThroughIsIdempotent) {
  WalRecovery unused;
  auto log = OpenLog(1, &unused);
  AppendN(log.get(), 2);
  ASSERT_TRUE(log->TrimThrough(2).ok());
  const auto segments = Segments();
  ASSERT_TRUE(log->TrimThrough(2).ok());
  ASSERT_TRUE(log->TrimThrough(1).ok());
  EXPECT_EQ(Segments(), segments);
}

TEST_F(WalTest, IgnoresUnrelatedFiles) {
  AppendBytes(dir_.Sub("README"), "not a segment");
  AppendBytes(dir_.Sub("wal-1.log"), "short name: not a segment either");
  WalRecovery r;
  auto log = OpenLog(1, &r);
  EXPECT_TRUE(r.records.empty());
  EXPECT_EQ(r.torn_bytes_cut, 0);
}

}  // namespace
}  // namespace briefsearch::index
