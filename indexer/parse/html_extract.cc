#include "indexer/parse/html_extract.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "indexer/parse/html_charset.h"
#include "indexer/parse/html_text_writer.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse {
namespace {

using internal::HtmlTextWriter;

constexpr int kParseOptions = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;

// Not text a reader of the issue would see as its content.
constexpr std::string_view kDropped[] = {
    "head",     "script", "style",  "nav",    "header",   "footer", "aside",  "noscript",
    "template", "form",   "button", "select", "textarea", "iframe", "object", "embed",
    "svg",      "math",   "canvas", "video",  "audio",    "map"};

constexpr std::string_view kBlocks[] = {
    "address", "article", "blockquote", "body",    "center",   "dd",         "details", "dialog",
    "dir",     "div",     "dl",         "dt",      "fieldset", "figcaption", "figure",  "hgroup",
    "hr",      "html",    "main",       "menu",    "ol",       "p",          "pre",     "section",
    "summary", "table",   "ul",         "caption", "legend",   "tbody",      "thead",   "tfoot"};

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(htmlParserCtxt* c) const { htmlFreeParserCtxt(c); }
};

bool IsOneOf(std::string_view name, const auto& names) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

std::string_view Name(const xmlNode* node) {
  return node->name ? reinterpret_cast<const char*>(node->name) : "";
}

int HeadingLevel(std::string_view name) {
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return name[1] - '0';
  return 0;
}

// Opening an element: what it means for the text around it. False: skip its subtree.
bool Enter(const xmlNode* node, HtmlTextWriter* w) {
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (node->content) w->Text(reinterpret_cast<const char*>(node->content));
    return false;
  }
  if (node->type != XML_ELEMENT_NODE) return false;
  const std::string_view name = Name(node);
  if (IsOneOf(name, kDropped)) return false;
  if (const int level = HeadingLevel(name); level > 0) {
    w->StartHeading(std::min(level, 3));
  } else if (name == "li") {
    w->StartListItem();
  } else if (name == "tr") {
    w->LineBreak();
  } else if (name == "td" || name == "th") {
    w->Cell();
  } else if (name == "br") {
    w->LineBreak();
  } else if (name == "pre") {
    w->Paragraph();
    w->SetPreformatted(true);
  } else if (IsOneOf(name, kBlocks)) {
    w->Paragraph();
  }
  return true;
}

void Leave(const xmlNode* node, HtmlTextWriter* w) {
  if (node->type != XML_ELEMENT_NODE) return;
  const std::string_view name = Name(node);
  if (HeadingLevel(name) > 0) {
    w->EndHeading();
  } else if (name == "pre") {
    w->SetPreformatted(false);
    w->Paragraph();
  } else if (name == "li") {
    w->EndListItem();
  } else if (name == "tr") {
    w->LineBreak();
  } else if (IsOneOf(name, kBlocks)) {
    w->Paragraph();
  }
}

// Depth-first over the tree without recursion: a hostile page may nest as deep as the parser
// lets it. Returns false when the nesting went past max_depth.
bool Walk(const xmlNode* root, int max_depth, HtmlTextWriter* w) {
  const xmlNode* node = root;
  int depth = 1;
  while (node != nullptr && !w->Full()) {
    if (depth > max_depth) return false;
    if (Enter(node, w) && node->children != nullptr) {
      node = node->children;
      ++depth;
      continue;
    }
    Leave(node, w);
    while (node != root && node->next == nullptr) {
      node = node->parent;
      --depth;
      Leave(node, w);
    }
    if (node == root) break;
    node = node->next;
  }
  return true;
}

// Text of the first element named `name` (breadth of the tree walked without recursion).
std::string FirstElementText(const xmlNode* root, std::string_view name) {
  for (const xmlNode* node = root; node != nullptr;) {
    if (node->type == XML_ELEMENT_NODE && Name(node) == name) {
      xmlChar* content = xmlNodeGetContent(node);
      std::string text = content ? internal::CollapseSpaces(reinterpret_cast<char*>(content)) : "";
      xmlFree(content);
      return text;
    }
    if (node->children != nullptr && node->type == XML_ELEMENT_NODE) {
      node = node->children;
      continue;
    }
    while (node != root && node->next == nullptr) node = node->parent;
    node = node == root ? nullptr : node->next;
  }
  return "";
}

absl::StatusOr<ExtractedText> ExtractTree(const xmlDoc* doc, const ExtractLimits& limits) {
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) return absl::InvalidArgumentError("HTML page has no elements");
  HtmlTextWriter writer(limits.max_output_bytes);
  if (!Walk(root, limits.max_nesting, &writer)) {
    return absl::ResourceExhaustedError(
        absl::StrCat("HTML nests elements deeper than ", limits.max_nesting, " levels"));
  }
  if (writer.Full()) {
    return absl::ResourceExhaustedError(
        absl::StrCat("HTML text exceeds the limit of ", limits.max_output_bytes, " bytes"));
  }
  ExtractedText out;
  out.format = "html";
  out.text = writer.Finish();
  if (internal::IsBlank(out.text)) return absl::InvalidArgumentError("HTML page has no text");
  out.title = FirstElementText(root, "title");
  if (out.title.empty()) out.title = FirstElementText(root, "h1");
  return out;
}

}  // namespace

absl::StatusOr<ExtractedText> ExtractHtml(std::string_view bytes, const ExtractLimits& limits) {
  if (bytes.size() > limits.max_input_bytes || bytes.size() > INT_MAX) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "HTML page has ", bytes.size(), " bytes, over the limit of ", limits.max_input_bytes));
  }
  absl::StatusOr<std::string> utf8 = internal::DecodeHtmlBytes(bytes);
  if (!utf8.ok()) return utf8.status();
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  std::unique_ptr<htmlParserCtxt, CtxtFree> ctxt(htmlNewParserCtxt());
  if (ctxt == nullptr) return absl::ResourceExhaustedError("out of memory parsing HTML");
  std::unique_ptr<xmlDoc, DocFree> doc(htmlCtxtReadMemory(
      ctxt.get(), utf8->data(), static_cast<int>(utf8->size()), nullptr, "UTF-8", kParseOptions));
  // libxml2 gives up (keeping what it read) past its own depth and node size limits.
  if (ctxt->disableSAX && ctxt->errNo == XML_ERR_INTERNAL_ERROR) {
    return absl::ResourceExhaustedError(
        "HTML nests elements deeper than 256 levels (or holds a text node over 10 MB)");
  }
  if (doc == nullptr) return absl::InvalidArgumentError("HTML page could not be parsed");
  return ExtractTree(doc.get(), limits);
}

}  // namespace briefsearch::parse
