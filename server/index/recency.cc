#include "server/index/recency.h"

#include <chrono>
#include <cmath>

#include "CustomScoreQuery.h"
#include "IntFieldSource.h"
#include "ValueSourceQuery.h"
#include "absl/strings/numbers.h"
#include "server/index/schema.h"

namespace briefsearch::index {
namespace {

class RecencyQuery : public Lucene::CustomScoreQuery {
 public:
  RecencyQuery(const Lucene::QueryPtr& sub, const Lucene::ValueSourceQueryPtr& days, int32_t today)
      : CustomScoreQuery(sub, days), today_(today) {
    setStrict(true);  // the date must not take part in weight normalisation
  }
  using String = Lucene::String;
  LUCENE_CLASS(RecencyQuery);

  double customScore(int32_t, double score, double days) override {
    const double age = days > 0 ? std::max(0.0, today_ - days) : 36500.0;
    return score * (0.5 + 0.5 * std::exp(-age / 730.0));
  }

  Lucene::LuceneObjectPtr clone(const Lucene::LuceneObjectPtr& other) override {
    // Lucene++ clones during rewrite; without this the copy would lose customScore.
    Lucene::LuceneObjectPtr copy =
        other ? other : Lucene::newLucene<RecencyQuery>(subQuery, valSrcQueries[0], today_);
    return CustomScoreQuery::clone(copy);
  }

 private:
  int32_t today_;
};

}  // namespace

int32_t DaysSinceEpoch(const std::string& d) {
  int y = 0, m = 0, day = 0;
  if (d.size() != 10 || !absl::SimpleAtoi(d.substr(0, 4), &y) ||
      !absl::SimpleAtoi(d.substr(5, 2), &m) || !absl::SimpleAtoi(d.substr(8, 2), &day)) {
    return -1;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                        std::chrono::day(day)};
  if (!ymd.ok()) return -1;
  return static_cast<int32_t>(std::chrono::sys_days(ymd).time_since_epoch().count());
}

int32_t TodayDays() {
  return static_cast<int32_t>(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count());
}

Lucene::QueryPtr PreferRecent(const Lucene::QueryPtr& query, int32_t today_days) {
  auto days = Lucene::newLucene<Lucene::ValueSourceQuery>(
      Lucene::newLucene<Lucene::IntFieldSource>(field::kPublishedDays));
  return Lucene::newLucene<RecencyQuery>(query, days, today_days);
}

}  // namespace briefsearch::index
