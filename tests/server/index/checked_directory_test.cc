// Tests for server/index/checked_directory.h: what its outputs write reads back through the
// memory-mapped inputs (also after seeking back, as the compound-file writer does), a real fsync,
// and failures that are counted and thrown rather than swallowed.
#include "server/index/checked_directory.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <string>

#include "tests/server/temp_dir.h"

namespace briefsearch::index {
namespace {

Lucene::String Wide(const std::string& s) { return Lucene::String(s.begin(), s.end()); }

TEST(CheckedDirectory, WritesReadBackIncludingAfterSeekingBack) {
  testing_util::TempDir tmp;
  auto dir = Lucene::newLucene<CheckedDirectory>(Wide(tmp.path()));
  Lucene::IndexOutputPtr out = dir->createOutput(L"a.bin");
  out->writeInt(0);            // placeholder, patched below
  std::string big(5000, 'x');  // larger than the output buffer: written straight through
  out->writeBytes(reinterpret_cast<const uint8_t*>(big.data()), 0,
                  static_cast<int32_t>(big.size()));
  out->writeVInt(300);
  const int64_t end = out->getFilePointer();
  out->seek(0);
  out->writeInt(0x12345678);
  out->seek(end);
  out->close();
  dir->sync(L"a.bin");
  EXPECT_EQ(dir->fileLength(L"a.bin"), end);

  Lucene::IndexInputPtr in = dir->openInput(L"a.bin");
  EXPECT_EQ(in->readInt(), 0x12345678);
  std::string back(big.size(), '\0');
  in->readBytes(reinterpret_cast<uint8_t*>(back.data()), 0, static_cast<int32_t>(back.size()));
  EXPECT_EQ(back, big);
  EXPECT_EQ(in->readVInt(), 300);
  in->close();
  EXPECT_EQ(dir->failures(), 0);
}

TEST(CheckedDirectory, FailedSyncIsCountedAndThrown) {
  testing_util::TempDir tmp;
  auto dir = Lucene::newLucene<CheckedDirectory>(Wide(tmp.path()));
  EXPECT_THROW(dir->sync(L"missing.cfs"), Lucene::IOException);
  EXPECT_EQ(dir->failures(), 1);
  EXPECT_EQ(dir->last_errno(), ENOENT);
  EXPECT_EQ(dir->last_failure(), "open for fsync " + tmp.path() + "/missing.cfs");
}

TEST(CheckedDirectory, FailedCreateIsCountedAndThrown) {
  testing_util::TempDir tmp;
  auto dir = Lucene::newLucene<CheckedDirectory>(Wide(tmp.path()));
  EXPECT_THROW(dir->createOutput(L"no-such-dir/a.bin"), Lucene::IOException);
  EXPECT_EQ(dir->failures(), 1);
  EXPECT_EQ(dir->last_errno(), ENOENT);
}

}  // namespace
}  // namespace briefsearch::index
