// Makes the corpus's issues one at a time: publisher, number, date, and articles whose prose comes
// from Prose. Issues run in date order over ten years; KOSTEC and KIC issues hold 5-15 and 5-12
// articles, a KIEP press release one (its layout has one article per release).
//
// Thread-safety: none (owns its Rng).
#pragma once

#include <cstdint>
#include <vector>

#include "bench/gen/issue.h"
#include "bench/gen/prose.h"
#include "bench/gen/random.h"

namespace briefsearch::gen {

class IssueMaker {
 public:
  // `total_articles` spreads the issues' dates evenly over the ten years.
  IssueMaker(const Prose& prose, uint64_t seed, int64_t total_articles);

  // The next issue with at most `max_articles` articles; logs[i] records article i's words.
  void Next(int64_t max_articles, GenIssue* issue, std::vector<WordLog>* logs);

  static constexpr int64_t kFirstDay = 16804;  // 2016-01-04
  static constexpr int64_t kDays = 3650;

 private:
  GenArticle MakeArticle(GenPublisher publisher, int64_t published, std::string section,
                         WordLog* log);
  void FillKostec(int year, int64_t published, GenArticle* a, size_t target, WordLog* log);
  void FillKic(int year, GenArticle* a, size_t target, WordLog* log);
  void FillKiep(int year, GenArticle* a, size_t target, WordLog* log);

  const Prose& prose_;
  Rng rng_;
  int64_t expected_issues_;
  int64_t issues_ = 0;
  int64_t kostec_number_ = 100;
  int64_t kic_number_ = 100;
  int64_t kiep_count_ = 0;
};

}  // namespace briefsearch::gen
