#include "server/query/query_ast.h"

#include "absl/strings/str_cat.h"

namespace briefsearch::query {
namespace {

const char* FieldPrefix(TextField f) {
  switch (f) {
    case TextField::kTitle: return "title:";
    case TextField::kSection: return "section:";
    case TextField::kBody: return "body:";
    default: return "";
  }
}

std::string Children(const QueryNode& node) {
  std::string out;
  for (const QueryNode& c : node.children) {
    if (!out.empty()) out += " ";
    out += DebugString(c);
  }
  return out;
}

}  // namespace

std::string DebugString(const QueryNode& node) {
  switch (node.kind) {
    case NodeKind::kWord: return absl::StrCat(FieldPrefix(node.field), node.text);
    case NodeKind::kPhrase: return absl::StrCat(FieldPrefix(node.field), "\"", node.text, "\"");
    case NodeKind::kAnd: return absl::StrCat("AND(", Children(node), ")");
    case NodeKind::kOr: return absl::StrCat("OR(", Children(node), ")");
    case NodeKind::kNot: return absl::StrCat("NOT(", Children(node), ")");
    case NodeKind::kPublisher: return absl::StrCat("publisher:", node.text);
    case NodeKind::kAfter: return absl::StrCat("after:", node.text);
    case NodeKind::kBefore: return absl::StrCat("before:", node.text);
  }
  return "?";
}

}  // namespace briefsearch::query
