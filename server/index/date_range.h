// Articles published between two days, checked per candidate through the FieldCache of
// `published_days` (days since 1970-01-01; indexed for dates after it, 0 for undated articles).
//
// A term range over `published` reads the postings of every date in the range into a bit set on
// every search: 59% of a date-filtered query's time at 100k articles (docs/BENCHMARKS.md). Here a
// search only reads one int per document it asks about; the days array is loaded once per segment
// (shared with prefer_recent's ranking). Matches exactly what the term range matches for any range
// whose first day is 1970-01-02 or later; the caller keeps the term range for the others.
//
// Thread-safety: a filter is immutable; its doc id sets are per search.
#pragma once

#include <cstdint>

#include "server/common/lucene.h"

namespace briefsearch::index {

// Documents whose published_days is within [first_day, last_day]; first_day must be at least 1.
Lucene::FilterPtr PublishedBetween(int32_t first_day, int32_t last_day);

}  // namespace briefsearch::index
