// libFuzzer target: poppler-based PDF extraction, never a crash, hang or exception.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indexer/parse/fuzz/fuzz_limits.h"
#include "indexer/parse/pdf_extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)briefsearch::parse::ExtractPdf(bytes, briefsearch::parse::fuzz::FuzzLimits());
  return 0;
}
