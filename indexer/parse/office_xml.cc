#include "indexer/parse/office_xml.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace briefsearch::parse::internal {
namespace {

// The extractors walk the tree recursively, a few small frames per level: bounded whatever
// ExtractLimits says.
constexpr int kMaxWalkDepth = 1024;

std::string_view LocalPart(std::string_view qualified) {
  const size_t colon = qualified.rfind(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

// pugixml's traversal is iterative, so measuring the depth cannot itself run out of stack.
class DepthCheck : public pugi::xml_tree_walker {
 public:
  explicit DepthCheck(int max_depth) : max_depth_(max_depth) {}
  bool for_each(pugi::xml_node&) override {
    if (depth() < max_depth_) return true;
    too_deep_ = true;
    return false;
  }
  bool too_deep() const { return too_deep_; }

 private:
  int max_depth_;
  bool too_deep_ = false;
};

}  // namespace

absl::Status ParseXml(std::string_view xml, int max_nesting, std::string_view what,
                      pugi::xml_document* doc) {
  const pugi::xml_parse_result result =
      doc->load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (result.status == pugi::status_out_of_memory) {
    return absl::ResourceExhaustedError(absl::StrCat("out of memory parsing ", std::string(what)));
  }
  if (!result) {
    return absl::InvalidArgumentError(absl::StrCat("malformed XML in ", std::string(what),
                                                   " at byte ", result.offset, ": ",
                                                   result.description()));
  }
  const int limit = std::min(max_nesting, kMaxWalkDepth);
  DepthCheck check(limit);
  doc->traverse(check);
  if (check.too_deep()) {
    return absl::ResourceExhaustedError(
        absl::StrCat("XML in ", std::string(what), " is nested deeper than ", limit, " levels"));
  }
  return absl::OkStatus();
}

std::string_view LocalName(const pugi::xml_node& node) { return LocalPart(node.name()); }

pugi::xml_node ChildByLocalName(const pugi::xml_node& node, std::string_view local_name) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == local_name) return child;
  }
  return {};
}

pugi::xml_node DescendantByLocalName(const pugi::xml_node& node, std::string_view local_name) {
  return node.find_node([local_name](const pugi::xml_node& n) {
    return n.type() == pugi::node_element && LocalName(n) == local_name;
  });
}

pugi::xml_attribute AttributeByLocalName(const pugi::xml_node& node, std::string_view local_name) {
  for (pugi::xml_attribute attr : node.attributes()) {
    if (LocalPart(attr.name()) == local_name) return attr;
  }
  return {};
}

}  // namespace briefsearch::parse::internal
