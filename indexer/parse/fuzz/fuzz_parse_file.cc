// libFuzzer target: the whole of ParseIssueFile (format sniffing, every extractor, the layout
// parsers and page mapping). Any format can come in, so the seeds mix them all.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indexer/parse/fuzz/fuzz_limits.h"
#include "indexer/parse/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto issue =
      briefsearch::parse::ParseIssueFile(bytes, "fuzz.bin", briefsearch::parse::fuzz::FuzzLimits());
  if (issue.ok() && issue->articles.empty()) __builtin_trap();  // the promise of one article
  return 0;
}
