#include "indexer/pipeline/state_store.h"

#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"
#include "indexer/pipeline/content_hash.h"
#include "indexer/pipeline/file_filter.h"
#include "nlohmann/json.hpp"
#include "tests/integration/harness.h"

namespace briefsearch::pipeline {
namespace {

using testing::ReadFile;
using testing::TempDir;

FileRecord Indexed(const std::string& hash) {
  FileRecord r;
  r.status = FileRecord::Status::kIndexed;
  r.content_hash = hash;
  r.issue_id = "id-" + hash;
  r.size = 10;
  r.mtime_ns = 42;
  r.articles = 3;
  return r;
}

TEST(StateStoreTest, RecordsSurviveReopenAndRemovalsStick) {
  TempDir dir;
  {
    auto store = StateStore::Open(dir.path());
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Put("a.txt", Indexed("h1")).ok());
    ASSERT_TRUE((*store)->Put("b.txt", Indexed("h2")).ok());
    ASSERT_TRUE((*store)->Remove("a.txt").ok());
    FileRecord q;
    q.status = FileRecord::Status::kQuarantined;
    q.reason = "empty file";
    ASSERT_TRUE((*store)->Put("bad.txt", q).ok());
  }
  auto store = StateStore::Open(dir.path());
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->Find("a.txt"), nullptr);
  const FileRecord* b = (*store)->Find("b.txt");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->issue_id, "id-h2");
  EXPECT_EQ(b->articles, 3);
  EXPECT_EQ(b->mtime_ns, 42);
  EXPECT_EQ((*store)->IndexedPathWithHash("h2"), "b.txt");
  EXPECT_FALSE((*store)->IndexedPathWithHash("h1").has_value());
  auto view = nlohmann::json::parse(ReadFile(dir / "quarantine.json"));
  EXPECT_EQ(view["bad.txt"]["reason"], "empty file");
  // Compaction on open: one line per live entry.
  const std::string journal = ReadFile(dir / "state.jsonl");
  EXPECT_EQ(std::count(journal.begin(), journal.end(), '\n'), 2);
}

TEST(StateStoreTest, TornLastLineIsIgnored) {
  TempDir dir;
  {
    auto store = StateStore::Open(dir.path());
    ASSERT_TRUE((*store)->Put("a.txt", Indexed("h1")).ok());
  }
  {
    std::ofstream out(dir / "state.jsonl", std::ios::app);
    out << "{\"op\":\"put\",\"path\":\"half";  // crash mid-append
  }
  auto store = StateStore::Open(dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_NE((*store)->Find("a.txt"), nullptr);
  EXPECT_EQ((*store)->files().size(), 1u);
}

TEST(StateStoreTest, PathsThatAreNotUtf8DoNotBreakTheJournal) {
  TempDir dir;
  {
    auto store = StateStore::Open(dir.path());
    ASSERT_TRUE((*store)->Put(std::string("caf\xe9.txt"), Indexed("h3")).ok());
    ASSERT_TRUE((*store)->Put("ok.txt", Indexed("h4")).ok());
  }
  auto store = StateStore::Open(dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  // The invalid byte is replaced in the journal; the valid entry is intact.
  EXPECT_EQ((*store)->files().size(), 2u);
  EXPECT_NE((*store)->Find("ok.txt"), nullptr);
}

TEST(ContentHashTest, Sha256OfKnownInputs) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(FileFilterTest, HiddenAndTemporaryNamesAreIgnored) {
  for (const char* p : {".hidden.txt", "dir/.x.md", ".cache/a.txt", "a.txt.tmp", "b.part",
                        "c.txt~", ".#lock", "d.crdownload", "e.swp", ""}) {
    EXPECT_TRUE(IsIgnoredPath(p)) << p;
  }
  for (const char* p : {"a.txt", "2024/kic_301.md", "주간동향_289.txt", "a.tmp.txt", "x.y"}) {
    EXPECT_FALSE(IsIgnoredPath(p)) << p;
  }
}

}  // namespace
}  // namespace briefsearch::pipeline
