// Limits for the fuzz targets: small enough that one input stays well inside libFuzzer's time and
// memory budget, so that a slow or large run means a real bound is missing.
#pragma once

#include "indexer/parse/extracted_text.h"

namespace briefsearch::parse::fuzz {

inline ExtractLimits FuzzLimits() {
  ExtractLimits limits;
  limits.max_input_bytes = 4u << 20;
  limits.max_output_bytes = 4u << 20;
  limits.max_inflated_bytes = 32u << 20;
  limits.max_pages = 50;
  return limits;
}

}  // namespace briefsearch::parse::fuzz
