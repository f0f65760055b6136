// The two zip-of-XML formats behind ExtractZipDocument, each reading its parts from an opened
// archive. Internal to indexer/parse; errors as documented in office_formats.h.
#pragma once

#include "absl/status/statusor.h"
#include "indexer/parse/extracted_text.h"
#include "indexer/parse/zip_archive.h"

namespace briefsearch::parse::internal {

// Word (OOXML): the main document part named by _rels/.rels (word/document.xml by default),
// headings from paragraph styles (word/styles.xml), the title from docProps/core.xml.
absl::StatusOr<ExtractedText> ExtractDocx(ZipArchive& zip, const ExtractLimits& limits);

// Hangul OWPML: Contents/section*.xml in the order of the Contents/content.hpf spine, the title
// from the package metadata.
absl::StatusOr<ExtractedText> ExtractHwpx(ZipArchive& zip, const ExtractLimits& limits);

}  // namespace briefsearch::parse::internal
