// libFuzzer target: HWP 5 extraction (libgsf's OLE reader, FileHeader, deflate, the records).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indexer/parse/fuzz/fuzz_check.h"
#include "indexer/parse/fuzz/fuzz_limits.h"
#include "indexer/parse/office_formats.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace parse = briefsearch::parse;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const parse::ExtractLimits limits = parse::fuzz::FuzzLimits();
  parse::fuzz::CheckExtracted(parse::ExtractHwp(bytes, limits), limits);
  return 0;
}
