#include "tests/integration/index_damage.h"

#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"

namespace briefsearch::testing {

namespace fs = std::filesystem;

void WriteTwoCommits(ServerProcess& server, const std::string& index_dir,
                     std::set<std::string>* after_first) {
  std::string error;
  ASSERT_TRUE(server.Start(&error)) << error;
  auto committed = [&] {
    return WaitUntil([&] {
      auto s = server.client().GetStats();
      return s.ok() && s->pending_log_ops == 0;
    });
  };
  ASSERT_TRUE(server.client().UpsertIssue(MakeIssue("first.txt", 2, "첫커밋문서")).ok());
  ASSERT_TRUE(committed());
  for (const auto& e : fs::directory_iterator(index_dir)) after_first->insert(e.path().string());
  ASSERT_TRUE(server.client().UpsertIssue(MakeIssue("second.txt", 3, "둘째커밋문서")).ok());
  ASSERT_TRUE(committed());
  ASSERT_EQ(server.Stop(), 0);
}

std::string NewCompoundFile(const std::string& index_dir, const std::set<std::string>& older) {
  std::string fresh;
  for (const auto& e : fs::directory_iterator(index_dir)) {
    if (e.path().extension() == ".cfs" && !older.count(e.path().string()))
      fresh = e.path().string();
  }
  return fresh;
}

namespace {

void FlipCaseAt(const std::string& path, std::streamoff at) {
  std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
  f.seekg(at);
  char c = 0;
  f.read(&c, 1);
  f.seekp(at);
  f.put(static_cast<char>(c ^ 0x20));
}

}  // namespace

void FlipMiddleByte(const std::string& path) {
  FlipCaseAt(path, static_cast<std::streamoff>(fs::file_size(path) / 2));
}

bool FlipCaseOfLast(const std::string& path, const std::string& ascii) {
  const size_t at = ReadFile(path).rfind(ascii);
  if (at == std::string::npos) return false;
  FlipCaseAt(path, static_cast<std::streamoff>(at));
  return true;
}

}  // namespace briefsearch::testing
