// What every extractor promises for any input, checked by the office-format fuzz targets: valid
// UTF-8 text within the output limit, page starts in order and inside the text, a format name,
// one-line error messages. A broken promise traps, so libFuzzer keeps the input as a crash.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "common/utf8.h"
#include "indexer/parse/extracted_text.h"

namespace briefsearch::parse::fuzz {

inline void CheckExtracted(const absl::StatusOr<ExtractedText>& out, const ExtractLimits& limits) {
  if (!out.ok()) {
    if (out.status().message().find('\n') != std::string_view::npos) __builtin_trap();
    return;
  }
  if (out->format.empty() || out->text.size() > limits.max_output_bytes) __builtin_trap();
  if (!IsValidUtf8(out->text) || !IsValidUtf8(out->title)) __builtin_trap();
  if (out->page_starts.size() > static_cast<size_t>(limits.max_pages)) __builtin_trap();
  for (size_t i = 0; i < out->page_starts.size(); ++i) {
    const size_t start = out->page_starts[i];
    if (start >= out->text.size() || (i > 0 && start <= out->page_starts[i - 1])) {
      __builtin_trap();
    }
  }
}

}  // namespace briefsearch::parse::fuzz
