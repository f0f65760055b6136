// libFuzzer target: HTML extraction (charset sniffing, libxml2, the tree walk).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indexer/parse/fuzz/fuzz_limits.h"
#include "indexer/parse/html_extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)briefsearch::parse::ExtractHtml(bytes, briefsearch::parse::fuzz::FuzzLimits());
  return 0;
}
