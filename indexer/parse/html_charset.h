// The character set of an HTML page, and its bytes as UTF-8. Internal to indexer/parse.
//
// Order, as browsers do it less the network: a byte order mark; else a <meta charset=...> or
// <meta http-equiv="Content-Type" content="...; charset=..."> in the first 4 KiB; else the plain
// text rules of DecodeToUtf8 (UTF-8, clearly Korean CP949, or an error). A declared EUC-KR is
// read as CP949, its superset, which is what such pages really hold. A declared UTF-8 that is not
// valid falls back to the plain text rules, so a mislabelled CP949 page still reads.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace briefsearch::parse::internal {

// The charset label a <meta> tag declares, lower-cased; empty when none.
std::string DeclaredHtmlCharset(std::string_view bytes);

// INVALID_ARGUMENT: "HTML declares charset \"x\": <why>", or DecodeToUtf8's reasons.
absl::StatusOr<std::string> DecodeHtmlBytes(std::string_view bytes);

}  // namespace briefsearch::parse::internal
