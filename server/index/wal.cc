#include "server/index/wal.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/files.h"
#include "common/status_macros.h"

namespace briefsearch::index {
namespace {

constexpr char kHeader[] = "BSWAL01\n";
constexpr size_t kHeaderSize = sizeof(kHeader) - 1;
constexpr size_t kPrefixSize = 8;        // length + crc
constexpr size_t kFixedBodySize = 9;     // sequence + op
constexpr uint32_t kMaxRecordSize = 256u << 20;

void PutU32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutU64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
uint64_t GetLE(const char* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
uint32_t Crc(const char* data, size_t n) {
  return static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(data), static_cast<uInt>(n)));
}

struct SegmentScan {
  std::vector<WalRecord> records;
  size_t good_bytes = 0;  // offset just past the last intact record
  bool damaged = false;
};

SegmentScan ScanSegment(const std::string& bytes) {
  SegmentScan scan;
  if (bytes.size() < kHeaderSize || bytes.compare(0, kHeaderSize, kHeader) != 0) {
    scan.damaged = !bytes.empty();
    return scan;
  }
  size_t pos = kHeaderSize;
  scan.good_bytes = pos;
  while (pos < bytes.size()) {
    if (bytes.size() - pos < kPrefixSize) break;
    const auto length = static_cast<uint32_t>(GetLE(bytes.data() + pos, 4));
    const auto crc = static_cast<uint32_t>(GetLE(bytes.data() + pos + 4, 4));
    if (length < kFixedBodySize || length > kMaxRecordSize ||
        bytes.size() - pos - kPrefixSize < length) {
      break;
    }
    const char* body = bytes.data() + pos + kPrefixSize;
    if (Crc(body, length) != crc) break;
    WalRecord r;
    r.sequence = static_cast<int64_t>(GetLE(body, 8));
    r.op = static_cast<WalOp>(static_cast<uint8_t>(body[8]));
    r.payload.assign(body + kFixedBodySize, length - kFixedBodySize);
    scan.records.push_back(std::move(r));
    pos += kPrefixSize + length;
    scan.good_bytes = pos;
  }
  scan.damaged = scan.good_bytes != bytes.size();
  return scan;
}

std::vector<std::string> ListSegments(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() == 28 && name.rfind("wal-", 0) == 0 && name.ends_with(".log")) {
      names.push_back(entry.path().string());
    }
  }
  std::sort(names.begin(), names.end());  // zero-padded sequence: name order is log order
  return names;
}

}  // namespace

WriteAheadLog::WriteAheadLog(std::string dir, int64_t next_sequence)
    : dir_(std::move(dir)), next_sequence_(next_sequence) {}

WriteAheadLog::~WriteAheadLog() {
  if (fd_ >= 0) ::close(fd_);
}

absl::StatusOr<std::unique_ptr<WriteAheadLog>> WriteAheadLog::Open(const std::string& dir,
                                                                   int64_t min_sequence,
                                                                   WalRecovery* recovery) {
  RETURN_IF_ERROR(MakeDirs(dir));
  const std::vector<std::string> segments = ListSegments(dir);
  for (size_t i = 0; i < segments.size(); ++i) {
    ASSIGN_OR_RETURN(std::string bytes, ReadFileLimited(segments[i], uint64_t{1} << 40));
    SegmentScan scan = ScanSegment(bytes);
    const bool newest = i + 1 == segments.size();
    if (scan.damaged && !newest) {
      return absl::DataLossError(absl::StrCat("write-ahead log segment ", segments[i],
                                              " is damaged at byte ", scan.good_bytes));
    }
    if (scan.damaged) {
      // A torn tail: the crash came before the fsync returned, so nothing here was acknowledged.
      // The cut must be durable before a newer segment exists: after a power cut, a torn tail in a
      // segment that is no longer the newest would read as corruption and fail every later Open.
      const int fd = ::open(segments[i].c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0) return ErrnoStatus(errno, "open " + segments[i]);
      const bool cut = ::ftruncate(fd, static_cast<off_t>(scan.good_bytes)) == 0 && ::fsync(fd) == 0;
      const int err = errno;
      ::close(fd);
      if (!cut) return ErrnoStatus(err, "truncate " + segments[i]);
      recovery->torn_bytes_cut += static_cast<int64_t>(bytes.size() - scan.good_bytes);
    }
    for (WalRecord& r : scan.records) recovery->records.push_back(std::move(r));
  }
  int64_t next = min_sequence;
  if (!recovery->records.empty()) next = std::max(next, recovery->records.back().sequence + 1);
  std::unique_ptr<WriteAheadLog> log(new WriteAheadLog(dir, next));
  log->trimmed_through_ = min_sequence - 1;
  RETURN_IF_ERROR(log->StartSegment());
  return log;
}

absl::Status WriteAheadLog::StartSegment() {
  const std::string path =
      absl::StrFormat("%s/wal-%020d.log", dir_, static_cast<long long>(next_sequence_));
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus(errno, "create " + path);
  if (::write(fd, kHeader, kHeaderSize) != static_cast<ssize_t>(kHeaderSize) ||
      ::fdatasync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    ::unlink(path.c_str());
    return ErrnoStatus(err, "write " + path);
  }
  RETURN_IF_ERROR(FsyncDirectory(dir_));
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  segment_path_ = path;
  segment_size_ = static_cast<int64_t>(kHeaderSize);
  return absl::OkStatus();
}

absl::StatusOr<int64_t> WriteAheadLog::Append(WalOp op, const std::string& payload) {
  return AppendBatch({{0, op, payload}});
}

absl::StatusOr<int64_t> WriteAheadLog::AppendBatch(const std::vector<WalRecord>& records) {
  const int64_t first = next_sequence_;
  std::string bytes;
  for (size_t i = 0; i < records.size(); ++i) {
    const std::string& payload = records[i].payload;
    if (payload.size() + kFixedBodySize > kMaxRecordSize) {
      return absl::InvalidArgumentError("operation too large for the write-ahead log");
    }
    std::string body;
    body.reserve(kFixedBodySize + payload.size());
    PutU64(&body, static_cast<uint64_t>(first + static_cast<int64_t>(i)));
    body.push_back(static_cast<char>(records[i].op));
    body.append(payload);
    PutU32(&bytes, static_cast<uint32_t>(body.size()));
    PutU32(&bytes, Crc(body.data(), body.size()));
    bytes.append(body);
  }

  size_t written = 0;
  int err = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::pwrite(fd_, bytes.data() + written, bytes.size() - written,
                               static_cast<off_t>(segment_size_ + written));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      err = n < 0 ? errno : EIO;
      break;
    }
    written += static_cast<size_t>(n);
  }
  // One fdatasync for the whole group: this is what makes concurrent ingestion cheap.
  if (err == 0 && ::fdatasync(fd_) != 0) err = errno;
  if (err != 0) {
    // Not acknowledged: cut what reached the file so the log ends at the last durable record.
    (void)::ftruncate(fd_, static_cast<off_t>(segment_size_));
    return ErrnoStatus(err, "append to write-ahead log");
  }
  segment_size_ += static_cast<int64_t>(bytes.size());
  next_sequence_ += static_cast<int64_t>(records.size());
  return first;
}

absl::Status WriteAheadLog::SkipTo(int64_t sequence) {
  if (sequence <= next_sequence_) return absl::OkStatus();
  next_sequence_ = sequence;
  if (segment_size_ != static_cast<int64_t>(kHeaderSize)) return absl::OkStatus();
  // The current segment is empty: start one named after the sequence it will really hold.
  const std::string old = segment_path_;
  RETURN_IF_ERROR(StartSegment());
  if (old != segment_path_) ::unlink(old.c_str());
  return FsyncDirectory(dir_);
}

absl::Status WriteAheadLog::TrimThrough(int64_t sequence) {
  // A new segment at every commit: the records so far can then go as a whole once a later commit
  // covers them. (Starting one only when everything was covered never happened while the older
  // kept commit is the trim point, and the log grew without bound.)
  if (segment_size_ > static_cast<int64_t>(kHeaderSize)) RETURN_IF_ERROR(StartSegment());
  if (sequence <= trimmed_through_) return absl::OkStatus();
  // A segment holds sequences from the one in its name up to the next segment's first - 1: it may go
  // when that last sequence is covered by the commit.
  const std::vector<std::string> segments = ListSegments(dir_);
  auto first_of = [](const std::string& path) {
    return std::stoll(std::filesystem::path(path).filename().string().substr(4, 20));
  };
  for (size_t i = 0; i + 1 < segments.size(); ++i) {
    if (segments[i] == segment_path_) break;
    if (first_of(segments[i + 1]) - 1 <= sequence) ::unlink(segments[i].c_str());
  }
  trimmed_through_ = sequence;
  return FsyncDirectory(dir_);
}

}  // namespace briefsearch::index
