#include "bench/gen/issue_maker.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/gen/civil_date.h"

namespace briefsearch::gen {
namespace {

// Mean articles per issue with the publisher mix below (0.42 * 10 + 0.40 * 8.5 + 0.18 * 1).
constexpr double kMeanArticles = 7.78;
// Body length: lognormal, median ~2.4 KB, kept within 0.5-20 KB.
constexpr double kMedianBodyBytes = 2400;
constexpr double kBodySigma = 0.8;
constexpr size_t kMinBodyBytes = 500, kMaxBodyBytes = 20000;

constexpr std::string_view kKostecSections[] = {"정책동향", "단신동향"};
constexpr std::string_view kKicSections[] = {"WEEKLY 뉴스", "CHINA 창업", "KIC 중국 뉴스"};
constexpr const char* kKicTags[] = {"【기업분석】", "【산업분석】", "【투자동향】"};
// A KIEP headline must not open like one of its header labels (layout_kiep.cc kHeaderLabels).
constexpr std::string_view kKiepLabels[] = {"엠바고", "담당자", "문의", "매수", "사진", "홍보"};

size_t Bytes(const GenArticle& a) {
  size_t n = 0;
  for (const Block& b : a.blocks) {
    for (const std::string& l : b.lines) n += l.size() + 1;
  }
  return n;
}

Block Lines(std::vector<std::string> lines) { return Block{std::move(lines), false}; }

}  // namespace

IssueMaker::IssueMaker(const Prose& prose, uint64_t seed, int64_t total_articles)
    : prose_(prose),
      rng_(seed),
      expected_issues_(std::max<int64_t>(1, std::llround(double(total_articles) / kMeanArticles))) {
}

void IssueMaker::FillKostec(int year, int64_t published, GenArticle* a, size_t target,
                            WordLog* log) {
  const Civil seen = CivilFromDays(published - rng_.Between(2, 9));
  std::vector<std::string> head = {absl::StrCat("■ ", prose_.Phrase(rng_, year, log),
                                                absl::StrFormat("(%d.%d)", seen.month, seen.day))};
  for (int64_t i = rng_.Between(2, 4); i > 0; --i) {
    head.push_back(absl::StrCat("- ", prose_.Phrase(rng_, year, log)));
  }
  a->blocks.push_back(Lines(std::move(head)));
  while (Bytes(*a) < target) {
    if (rng_.Chance(0.3)) {
      std::vector<std::string> items;
      for (int64_t i = rng_.Between(2, 4); i > 0; --i) {
        items.push_back(absl::StrCat("- ", prose_.Phrase(rng_, year, log)));
      }
      a->blocks.push_back(Lines(std::move(items)));
    } else {
      a->blocks.push_back(Lines({prose_.Paragraph(rng_, year, log)}));
    }
  }
  if (rng_.Chance(0.3))
    a->blocks.push_back(Lines({absl::StrCat("* ", prose_.Sentence(rng_, year, log))}));
  const auto [outlet, short_name] = prose_.Outlet(rng_);
  a->blocks.push_back(
      Lines({absl::StrFormat("출처: %s (%02d.%02d)", short_name, seen.month, seen.day)}));
  a->link = absl::StrFormat("https://www.example-news.cn/%04d%02d/t%d_%d.html", seen.year,
                            seen.month, published, rng_.Between(1000, 9999));
}

void IssueMaker::FillKic(int year, GenArticle* a, size_t target, WordLog* log) {
  a->blocks.push_back(Lines({absl::StrCat("— ", prose_.Outlet(rng_).first)}));
  const bool outlined = rng_.Chance(0.3);  // "1) 주요 내용" / "2) 시사점" sub-headings
  while (Bytes(*a) < target) a->blocks.push_back(Lines({prose_.Paragraph(rng_, year, log)}));
  if (!outlined) return;
  a->blocks.push_back(Block{{"1) 주요 내용"}, true});
  std::vector<std::string> items;
  for (int64_t i = rng_.Between(2, 4); i > 0; --i)
    items.push_back(absl::StrCat("- ", prose_.Phrase(rng_, year, log)));
  a->blocks.push_back(Lines(std::move(items)));
  a->blocks.push_back(Block{{"2) 시사점"}, true});
  a->blocks.push_back(Lines({prose_.Paragraph(rng_, year, log)}));
}

void IssueMaker::FillKiep(int year, GenArticle* a, size_t target, WordLog* log) {
  std::vector<std::string> subheads;
  for (int64_t i = rng_.Between(1, 3); i > 0; --i)
    subheads.push_back(absl::StrCat("- ", prose_.Phrase(rng_, year, log)));
  a->blocks.push_back(Lines(std::move(subheads)));
  while (Bytes(*a) < target) a->blocks.push_back(Lines({prose_.Paragraph(rng_, year, log)}));
}

GenArticle IssueMaker::MakeArticle(GenPublisher publisher, int64_t published, std::string section,
                                   WordLog* log) {
  GenArticle a;
  a.section = std::move(section);
  a.title = prose_.Title(rng_, log);
  if (publisher == GenPublisher::kKiep) {
    while (std::any_of(std::begin(kKiepLabels), std::end(kKiepLabels),
                       [&](std::string_view l) { return a.title.starts_with(l); })) {
      a.title = prose_.Title(rng_, log);
    }
  }
  if (a.section == kKicSections[1])
    a.title = absl::StrCat(kKicTags[rng_.Below(std::size(kKicTags))], a.title);
  const size_t target = std::clamp<size_t>(
      size_t(rng_.LogNormal(std::log(kMedianBodyBytes), kBodySigma)), kMinBodyBytes, kMaxBodyBytes);
  const int year = CivilFromDays(published).year;
  switch (publisher) {
    case GenPublisher::kKostec:
      FillKostec(year, published, &a, target, log);
      break;
    case GenPublisher::kKic:
      FillKic(year, &a, target, log);
      break;
    case GenPublisher::kKiep:
      FillKiep(year, &a, target, log);
      break;
  }
  return a;
}

void IssueMaker::Next(int64_t max_articles, GenIssue* issue, std::vector<WordLog>* logs) {
  issue->articles.clear();
  const double r = rng_.Uniform();
  issue->publisher = r < 0.42   ? GenPublisher::kKostec
                     : r < 0.82 ? GenPublisher::kKic
                                : GenPublisher::kKiep;
  issue->published = kFirstDay + std::min(kDays - 1, issues_++ * kDays / expected_issues_);
  int64_t n = 1;
  std::vector<std::string_view> sections;  // one per article
  switch (issue->publisher) {
    case GenPublisher::kKostec: {
      n = std::min(max_articles, rng_.Between(5, 15));
      const int64_t policy = std::max<int64_t>(1, (n * 6 + 9) / 10);
      for (int64_t i = 0; i < n; ++i) sections.push_back(kKostecSections[i < policy ? 0 : 1]);
      issue->issue_number = absl::StrCat(++kostec_number_);
      issue->issue_id = absl::StrFormat("kostec-%04d", kostec_number_);
      issue->title = absl::StrCat("중국 과학기술 정책 주간동향 제", kostec_number_, "호");
      break;
    }
    case GenPublisher::kKic: {
      n = std::min(max_articles, rng_.Between(5, 12));
      const int64_t news = std::max<int64_t>(1, n / 2), startup = (n - news + 1) / 2;
      for (int64_t i = 0; i < n; ++i)
        sections.push_back(kKicSections[i < news ? 0 : i < news + startup ? 1 : 2]);
      issue->issue_number = absl::StrCat(++kic_number_);
      issue->issue_id = absl::StrFormat("kic-%04d", kic_number_);
      issue->title = absl::StrCat("주간 중국 창업 제 ", kic_number_, " 호");
      break;
    }
    case GenPublisher::kKiep:
      sections.push_back("");
      issue->issue_number = "";
      issue->issue_id = absl::StrFormat("kiep-%05d", ++kiep_count_);
      break;
  }
  logs->resize(size_t(n));
  int page = 1;
  for (int64_t i = 0; i < n; ++i) {
    (*logs)[i].Clear();
    issue->articles.push_back(
        MakeArticle(issue->publisher, issue->published, std::string(sections[i]), &(*logs)[i]));
    issue->articles.back().page = page;
    page += 1 + int(Bytes(issue->articles.back()) / 1800);
  }
  if (issue->publisher == GenPublisher::kKiep) issue->title = issue->articles.front().title;
}

}  // namespace briefsearch::gen
