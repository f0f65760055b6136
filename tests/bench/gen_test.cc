// briefsearch-gen's corpus through its real parts: the generator writes a corpus into a temp dir,
// and the project's own parser (indexer/parse, in-process) reads the drop files back.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "bench/gen/corpus.h"
#include "bench/gen/vocabulary.h"
#include "common/dates.h"
#include "indexer/parse/parser.h"
#include "tests/server/temp_dir.h"

namespace briefsearch::gen {
namespace {

namespace fs = std::filesystem;
using testing_util::TempDir;

constexpr int64_t kArticles = 1500;
constexpr int kPerClass = 20;
constexpr std::string_view kClasses[] = {
    "one_rare", "one_medium", "one_common", "two_words",        "three_words",
    "phrase",   "chinese",    "mixed_en",   "publisher_filter", "date_filter"};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<nlohmann::json> JsonLines(const fs::path& p) {
  std::vector<nlohmann::json> out;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line));
  return out;
}

Vocabulary SampleVocabulary(uint64_t seed) {
  absl::StatusOr<Vocabulary> v =
      Vocabulary::Build({.samples_dir = BRIEFSEARCH_SOURCE_DIR "/examples/briefs",
                         .synthetic_words = 100'000,
                         .seed = seed});
  EXPECT_TRUE(v.ok()) << v.status();
  return *std::move(v);
}

void Generate(const std::string& dir, int64_t articles, uint64_t seed, bool drop = true) {
  const Vocabulary v = SampleVocabulary(seed);
  auto m = WriteCorpus({.articles = articles,
                        .seed = seed,
                        .queries_per_class = kPerClass,
                        .write_drop = drop,
                        .out_dir = dir},
                       v);
  ASSERT_TRUE(m.ok()) << m.status();
}

// One corpus for the whole suite: generating it is the slow part.
class GenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    Generate(dir_->path(), kArticles, 42);
    articles_ = new std::vector<nlohmann::json>(JsonLines(dir_->Sub("articles.jsonl")));
    queries_ = new std::vector<nlohmann::json>(JsonLines(dir_->Sub("queries.jsonl")));
  }
  static void TearDownTestSuite() {
    delete articles_;
    delete queries_;
    delete dir_;
  }
  static TempDir* dir_;
  static std::vector<nlohmann::json>* articles_;
  static std::vector<nlohmann::json>* queries_;
};
TempDir* GenTest::dir_ = nullptr;
std::vector<nlohmann::json>* GenTest::articles_ = nullptr;
std::vector<nlohmann::json>* GenTest::queries_ = nullptr;

TEST(GenDeterminism, SameSeedSameBytesOtherSeedOtherBytes) {
  TempDir a, b, c;
  Generate(a.path(), 300, 7);
  Generate(b.path(), 300, 7);
  Generate(c.path(), 300, 8);
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(a.path())) {
    if (e.is_regular_file()) names.push_back(fs::relative(e.path(), a.path()).string());
  }
  ASSERT_GT(names.size(), 10u);  // the three files plus drop/*.txt
  size_t files_b = 0;
  for (const auto& e : fs::recursive_directory_iterator(b.path())) files_b += e.is_regular_file();
  EXPECT_EQ(files_b, names.size());
  for (const std::string& n : names) {
    EXPECT_EQ(Slurp(fs::path(a.path()) / n), Slurp(fs::path(b.path()) / n)) << n;
  }
  EXPECT_NE(Slurp(a.Sub("articles.jsonl")), Slurp(c.Sub("articles.jsonl")));
  EXPECT_NE(Slurp(a.Sub("queries.jsonl")), Slurp(c.Sub("queries.jsonl")));
}

TEST(GenNoDrop, WritesNoDropFolderAndTheSameArticles) {
  TempDir a, b;
  Generate(a.path(), 200, 3);
  Generate(b.path(), 200, 3, /*drop=*/false);
  EXPECT_FALSE(fs::exists(b.Sub("drop")));
  EXPECT_EQ(Slurp(a.Sub("articles.jsonl")), Slurp(b.Sub("articles.jsonl")));
  EXPECT_EQ(Slurp(a.Sub("queries.jsonl")), Slurp(b.Sub("queries.jsonl")));
}

TEST_F(GenTest, ArticlesFollowTheFormat) {
  ASSERT_EQ(int64_t(articles_->size()), kArticles);
  std::set<std::string> article_ids, closed_issues;
  std::map<std::string, int> per_issue;
  std::string current;
  for (const nlohmann::json& a : *articles_) {
    const std::string issue = a["issue_id"];
    if (issue != current) {
      EXPECT_TRUE(closed_issues.insert(issue).second)
          << issue << ": its articles are not consecutive";
      current = issue;
    }
    ++per_issue[issue];
    EXPECT_EQ(a["ordinal"].get<int>(), per_issue[issue]);
    EXPECT_TRUE(article_ids.insert(a["article_id"].get<std::string>()).second) << a["article_id"];
    EXPECT_THAT(a["publisher"].get<std::string>(), ::testing::AnyOf("KOSTEC", "KIC", "KIEP"));
    const std::string published = a["published"];
    EXPECT_TRUE(IsCalendarDate(published)) << published;
    EXPECT_GE(published, "2016-01-01");
    EXPECT_LE(published, "2026-01-31");
    EXPECT_FALSE(a["title"].get<std::string>().empty());
  }
  std::map<std::string, std::vector<int>> sizes;  // publisher -> articles per issue
  for (const auto& [issue, n] : per_issue) sizes[issue.substr(0, issue.find('-'))].push_back(n);
  ASSERT_EQ(sizes.size(), 3u);
  for (int n : sizes["kiep"]) EXPECT_EQ(n, 1);  // one release, one article
  for (const char* p : {"kostec", "kic"}) {
    // Every issue but the corpus' last (cut to the article count) has 5-15 articles.
    EXPECT_GE(*std::max_element(sizes[p].begin(), sizes[p].end()), 8) << p;
    EXPECT_LE(*std::max_element(sizes[p].begin(), sizes[p].end()), 15) << p;
    EXPECT_GE(std::count_if(sizes[p].begin(), sizes[p].end(), [](int n) { return n >= 5; }) + 1,
              int64_t(sizes[p].size()))
        << p;
  }
  // Ten years of issues, in date order.
  EXPECT_LE(articles_->front()["published"].get<std::string>(), "2016-01-31");
  EXPECT_GE(articles_->back()["published"].get<std::string>(), "2025-06-01");
}

TEST_F(GenTest, BodyLengthsAreLognormalWithinBounds) {
  std::vector<size_t> bytes;
  for (const nlohmann::json& a : *articles_) bytes.push_back(a["body"].get<std::string>().size());
  std::sort(bytes.begin(), bytes.end());
  EXPECT_GE(bytes.front(), 490u);    // a 500-byte target, less the last line's newline
  EXPECT_LE(bytes.back(), 21'000u);  // 20 KB target plus the closing paragraph
  const size_t median = bytes[bytes.size() / 2];
  EXPECT_GE(median, 2000u);
  EXPECT_LE(median, 3200u);
  // A right tail: the 95th percentile is well above twice the median.
  EXPECT_GT(bytes[bytes.size() * 95 / 100], 2 * median);
}

// Number of articles matching q by plain substring search: every word (or the phrase) in the
// title or the body, and the filters.
int64_t Hits(const nlohmann::json& q, const std::vector<nlohmann::json>& articles) {
  std::vector<std::string> needles;
  const std::vector<std::string> words = q["words"];
  if (q["phrase"].get<bool>()) {
    std::string phrase;
    for (const std::string& w : words) phrase += (phrase.empty() ? "" : " ") + w;
    needles.push_back(phrase);
  } else {
    needles = words;
  }
  int64_t hits = 0;
  for (const nlohmann::json& a : articles) {
    if (!q["publisher"].is_null() && a["publisher"] != q["publisher"]) continue;
    const std::string published = a["published"];
    if (!q["after"].is_null() && published < q["after"].get<std::string>()) continue;
    if (!q["before"].is_null() && published > q["before"].get<std::string>()) continue;
    const std::string title = a["title"], body = a["body"];
    hits += std::all_of(needles.begin(), needles.end(), [&](const std::string& n) {
      return title.find(n) != std::string::npos || body.find(n) != std::string::npos;
    });
  }
  return hits;
}

TEST_F(GenTest, EveryQueryHasAHitAndEveryClassIsThere) {
  std::map<std::string, int> per_class;
  std::set<std::string> ids;
  for (const nlohmann::json& q : *queries_) {
    ++per_class[q["class"]];
    EXPECT_TRUE(ids.insert(q["id"].get<std::string>()).second);
    EXPECT_GE(Hits(q, *articles_), 1) << q.dump();
    if (!q["publisher"].is_null()) {
      EXPECT_THAT(q["publisher"].get<std::string>(), ::testing::AnyOf("KOSTEC", "KIC", "KIEP"));
    }
  }
  for (std::string_view c : kClasses) EXPECT_EQ(per_class[std::string(c)], kPerClass) << c;
  EXPECT_EQ(per_class.size(), std::size(kClasses));
}

TEST_F(GenTest, QueryClassesMatchTheirShape) {
  for (const nlohmann::json& q : *queries_) {
    const std::string cls = q["class"];
    const size_t words = q["words"].size();
    const size_t expected = cls.starts_with("one_") || cls == "chinese"                  ? 1
                            : cls == "three_words"                                       ? 3
                            : cls == "two_words" || cls == "phrase" || cls == "mixed_en" ? 2
                                                                                         : 1;
    EXPECT_EQ(words, expected) << q.dump();
    EXPECT_EQ(q["phrase"].get<bool>(), cls == "phrase") << q.dump();
    EXPECT_EQ(!q["publisher"].is_null(), cls == "publisher_filter") << q.dump();
    EXPECT_EQ(!q["after"].is_null() && !q["before"].is_null(), cls == "date_filter") << q.dump();
    if (cls == "chinese") {
      // Only Han characters (3-byte UTF-8 in U+4E00..U+9FFF here).
      const std::string w = q["words"][0];
      EXPECT_EQ(w.size() % 3, 0u) << w;
      EXPECT_TRUE(static_cast<unsigned char>(w[0]) >= 0xE4 &&
                  static_cast<unsigned char>(w[0]) <= 0xE9)
          << w;
    }
    if (cls == "mixed_en") {
      const std::string w = q["words"][0];
      EXPECT_LT(static_cast<unsigned char>(w[0]), 0x80) << q.dump();
    }
  }
}

TEST_F(GenTest, RareWordsAreRareAndCommonWordsCommon) {
  std::map<std::string, std::vector<int64_t>> hits;
  for (const nlohmann::json& q : *queries_) {
    const std::string cls = q["class"];
    if (cls.starts_with("one_")) hits[cls].push_back(Hits(q, *articles_));
  }
  for (auto& [cls, h] : hits) std::sort(h.begin(), h.end());
  auto median = [&](const char* cls) { return hits[cls][hits[cls].size() / 2]; };
  EXPECT_LE(median("one_rare"), 3);
  EXPECT_GE(median("one_medium"), 3);
  EXPECT_LE(median("one_medium"), kArticles / 20);
  EXPECT_GE(median("one_common"), kArticles / 10);
}

std::string Paragraphs(std::string body) {
  for (size_t at; (at = body.find("\n\n")) != std::string::npos;) body.erase(at, 1);
  return body;
}

TEST_F(GenTest, DropFilesParseBackIntoTheSameArticles) {
  std::map<std::string, std::vector<const nlohmann::json*>> by_issue;
  for (const nlohmann::json& a : *articles_) by_issue[a["issue_id"]].push_back(&a);
  size_t files = 0, articles = 0;
  for (const auto& e : fs::directory_iterator(dir_->Sub("drop"))) {
    ++files;
    const std::string name = e.path().filename().string();
    const std::string issue_id = e.path().stem().string();
    ASSERT_TRUE(by_issue.contains(issue_id)) << name;
    const auto& want = by_issue[issue_id];
    absl::StatusOr<parse::ParsedIssue> got = parse::ParseIssueFile(Slurp(e.path()), name);
    ASSERT_TRUE(got.ok()) << name << ": " << got.status();
    const nlohmann::json& first = *want.front();
    EXPECT_EQ(parse::PublisherName(got->publisher), first["publisher"].get<std::string>()) << name;
    EXPECT_EQ(got->published, first["published"].get<std::string>()) << name;
    EXPECT_EQ(got->issue_number, first["issue_number"].get<std::string>()) << name;
    EXPECT_EQ(got->title, first["issue_title"].get<std::string>()) << name;
    ASSERT_EQ(got->articles.size(), want.size()) << name;
    for (size_t i = 0; i < want.size(); ++i) {
      const parse::ParsedArticle& a = got->articles[i];
      EXPECT_EQ(a.title, (*want[i])["title"].get<std::string>()) << name << " #" << i + 1;
      EXPECT_EQ(a.section, (*want[i])["section"].get<std::string>()) << name << " #" << i + 1;
      EXPECT_EQ(Paragraphs(a.body), (*want[i])["body"].get<std::string>()) << name << " #" << i + 1;
      ++articles;
    }
  }
  EXPECT_EQ(files, by_issue.size());
  EXPECT_EQ(int64_t(articles), kArticles);
}

}  // namespace
}  // namespace briefsearch::gen
