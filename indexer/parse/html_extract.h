// HTML -> text through libxml2's HTML parser (no network, errors tolerated as browsers do).
//
// The page's <title> (else its first <h1>) becomes ExtractedText.title. The body's text is kept
// in document order with <script>, <style>, <nav>, <header>, <footer>, <aside>, forms and
// embedded objects dropped. Block elements become paragraphs (blank line between), <li> a
// "- " line, table rows lines with cells separated by tabs, <br> a line break; <h1> and <h2> become
// Markdown "# " and "## " lines (h3-h6 "### ") so the layout parsers and the generic splitter see
// headings. Entities are decoded by the parser; the charset comes from html_charset.
//
// Errors: INVALID_ARGUMENT for undecodable bytes or a page without text; RESOURCE_EXHAUSTED over
// limits.max_input_bytes, max_output_bytes, or elements nested deeper than limits.max_nesting
// (libxml2 itself stops at 256 levels; that is reported the same way, never silently cut).
//
// Thread-safety: safe from any thread (libxml2 is initialised once).
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "indexer/parse/extracted_text.h"

namespace briefsearch::parse {

absl::StatusOr<ExtractedText> ExtractHtml(std::string_view bytes, const ExtractLimits& limits);

}  // namespace briefsearch::parse
