// XML helpers shared by the HWPX and DOCX extractors: parsing with a nesting bound, and matching
// elements by local name, so that any namespace prefix a producer picks ("hp:", "w:", none) reads
// the same. Internal to indexer/parse.
#pragma once

#include <pugixml.hpp>
#include <string_view>

#include "absl/status/status.h"

namespace briefsearch::parse::internal {

// Parses `xml` (any encoding pugixml detects) into *doc, keeping whitespace-only text (a DOCX
// <w:t xml:space="preserve"> </w:t> is a real blank). Rejects documents nested deeper than
// `max_nesting`, so that the recursive walks of the extractors have a bounded depth. pugixml
// expands no DTD entities. `what` names the part in error messages.
// Errors: INVALID_ARGUMENT (malformed), RESOURCE_EXHAUSTED (too deep, out of memory).
absl::Status ParseXml(std::string_view xml, int max_nesting, std::string_view what,
                      pugi::xml_document* doc);

// "hp:t" -> "t"; "t" -> "t".
std::string_view LocalName(const pugi::xml_node& node);

// First child element / descendant element with this local name; empty node when none.
pugi::xml_node ChildByLocalName(const pugi::xml_node& node, std::string_view local_name);
pugi::xml_node DescendantByLocalName(const pugi::xml_node& node, std::string_view local_name);

// Attribute by local name ("w:val" and "val" both match "val"); empty attribute when none.
pugi::xml_attribute AttributeByLocalName(const pugi::xml_node& node, std::string_view local_name);

}  // namespace briefsearch::parse::internal
