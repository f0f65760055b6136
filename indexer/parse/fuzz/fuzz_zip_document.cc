// libFuzzer target: HWPX and DOCX extraction. A zip input goes in as it is (libzip and its
// limits). Anything else is taken as the main XML part and packed into a stored archive first:
// libzip checks each entry's CRC, so mutations inside a real archive's XML almost never reach
// the XML walkers, and this way they do. Parts that name OWPML namespaces become an HWPX
// section, the rest a DOCX document.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "indexer/parse/fuzz/fuzz_check.h"
#include "indexer/parse/fuzz/fuzz_limits.h"
#include "indexer/parse/office_formats.h"
#include "tests/indexer/parse/office_samples.h"

namespace {

std::string PackXml(std::string_view xml) {
  namespace t = briefsearch::parse::testing;
  const bool hwpx =
      xml.find("hwpml") != std::string_view::npos || xml.find("owpml") != std::string_view::npos;
  if (hwpx) {
    return t::MakeZip({{"mimetype", "application/hwp+zip", true},
                       {"Contents/section0.xml", std::string(xml), true}});
  }
  return t::MakeZip(
      {{"[Content_Types].xml", "<Types/>", true}, {"word/document.xml", std::string(xml), true}});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace parse = briefsearch::parse;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const parse::ExtractLimits limits = parse::fuzz::FuzzLimits();
  if (bytes.starts_with("PK")) {
    parse::fuzz::CheckExtracted(parse::ExtractZipDocument(bytes, limits), limits);
  } else {
    parse::fuzz::CheckExtracted(parse::ExtractZipDocument(PackXml(bytes), limits), limits);
  }
  return 0;
}
