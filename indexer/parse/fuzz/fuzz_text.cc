// libFuzzer target: plain text decoding (BOMs, UTF-16 sniffing, CP949 detection and conversion).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indexer/parse/fuzz/fuzz_limits.h"
#include "indexer/parse/text_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)briefsearch::parse::ExtractPlainText(bytes, briefsearch::parse::fuzz::FuzzLimits());
  return 0;
}
