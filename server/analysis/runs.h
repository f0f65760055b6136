// Splits normalised text into runs: maximal stretches of one CharClass. Runs are what the two
// indexed fields are built from: the grams field bigrams CJK runs, the words field stems each run.
#pragma once

#include <cstdint>
#include <vector>

#include "server/analysis/char_class.h"
#include "server/analysis/normalizer.h"

namespace briefsearch::analysis {

struct Run {
  CharClass cls;
  // Indexes into NormalizedText::text of the characters that make up the run. Interpuncts between
  // two CJK characters (한·중) and digit separators (10.3, 50,000) are inside the span but a CJK
  // run's list skips the interpuncts; a word run keeps its separators (see TextOf).
  std::vector<int32_t> chars;
  // The previous run is of the same class and only white space separates the two: Korean spacing
  // that varies between writers (자율주행 차량 / 자율주행차량).
  bool spaced_from_previous = false;
};

std::vector<Run> SplitRuns(const NormalizedText& normalized);

// The run's text as indexed: CJK characters without interpuncts; words with digit-group commas
// dropped (50,000 -> 50000).
std::wstring TextOf(const NormalizedText& normalized, const Run& run);

}  // namespace briefsearch::analysis
