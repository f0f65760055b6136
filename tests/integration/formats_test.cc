// One file of each format dropped into a real indexer's folder: each is parsed by content, sent to
// a real server, and every one of its articles can be found by searching for its title.
#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/indexer/parse/office_samples.h"
#include "tests/indexer/parse/sample_docs.h"
#include "tests/integration/harness.h"

namespace briefsearch::testing {
namespace {

namespace fs = std::filesystem;
namespace samples = parse::testing;

// The title as plain words: query syntax characters become spaces.
std::string TitleQuery(std::string title) {
  for (char& c : title) {
    if (c == '"' || c == '(' || c == ')' || c == '|' || c == '-' || c == ':') c = ' ';
  }
  return "title:(" + title + ")";
}

struct Dropped {
  std::string name;
  std::string bytes;
  std::string format;
  Publisher publisher;
};

TEST(FormatsTest, EveryFormatIsIndexedAndEveryArticleFound) {
  const std::vector<Dropped> files = {
      {"kostec_issue.pdf", samples::KostecLikePdf(), "pdf", Publisher::kKostec},
      {"kic_issue.html", samples::KicLikeHtml(), "html", Publisher::kKic},
      {"release.docx", samples::KiepDocx(false), "docx", Publisher::kKiep},
      {"release.hwp", samples::KiepHwp(), "hwp", Publisher::kKiep},
      {"release.hwpx", samples::KiepHwpx(), "hwpx", Publisher::kKiep},
      // A memo of no known publisher, in the encodings older archives use.
      {"legacy_cp949.txt", samples::PlainIssueCp949(), "txt", Publisher::kOther},
      {"utf16.txt", samples::PlainIssueUtf16Le(), "txt", Publisher::kOther},
  };
  TempDir dir;
  fs::create_directories(dir / "drop");
  ServerProcess server(dir / "data");
  std::string error;
  ASSERT_TRUE(server.Start(&error)) << error;
  // Content decides the format: the names carry no hint the parser relies on.
  for (const Dropped& f : files) WriteFile(dir / ("drop/" + f.name), f.bytes);
  std::string out, err;
  ASSERT_EQ(RunCommand({BinPath("briefsearch-indexer"), "--drop-dir", dir / "drop", "--server",
                        server.address(), "--state-dir", dir / "state", "--once"},
                       &out, &err),
            0)
      << err;
  for (const Dropped& f : files) {
    auto issue = server.client().GetIssue(f.name);
    ASSERT_TRUE(issue.ok()) << f.name << ": " << issue.status() << "\n" << err;
    EXPECT_EQ(issue->format, f.format) << f.name;
    EXPECT_EQ(issue->publisher, f.publisher) << f.name;
    if (f.publisher != Publisher::kOther) {
      EXPECT_FALSE(issue->published.empty()) << f.name;
    }
    ASSERT_FALSE(issue->articles.empty()) << f.name;
    for (const Article& a : issue->articles) {
      auto r = server.client().Search({.query = TitleQuery(a.title), .limit = 20});
      ASSERT_TRUE(r.ok()) << f.name << " [" << a.title << "]: " << r.status();
      std::vector<std::string> ids;
      for (const SearchHit& h : r->hits) ids.push_back(h.id);
      EXPECT_THAT(ids, ::testing::Contains(a.id)) << f.name << " [" << a.title << "]";
    }
  }
}

}  // namespace
}  // namespace briefsearch::testing
