// "Prefer recent issues": the text score times a factor that decays with the age,
//   factor = 0.5 + 0.5 * exp(-age_days / 730)
// so a two-year-old article keeps about 68% of its score and nothing ever drops below half: recency
// reorders close calls, it does not bury a clearly better old match. Ages come from the
// `published_days` keyword (days since 1970-01-01) through the FieldCache; undated articles count
// as old.
#pragma once

#include "server/common/lucene.h"

namespace briefsearch::index {

// Days since 1970-01-01 of a YYYY-MM-DD date; -1 when it is not one.
int32_t DaysSinceEpoch(const std::string& yyyy_mm_dd);
int32_t TodayDays();

Lucene::QueryPtr PreferRecent(const Lucene::QueryPtr& query, int32_t today_days);

}  // namespace briefsearch::index
