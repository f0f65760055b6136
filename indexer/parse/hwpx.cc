// HWPX (OWPML, KS X 6101): a zip whose Contents/section*.xml hold the body as <hp:p> paragraphs
// of <hp:run>s of <hp:t> text. Tables, text boxes and notes hold their own paragraph lists inside
// a run; their paragraphs follow the paragraph that anchors them, as in the HWP 5 record order.
// Running headers and footers are left out: they repeat on every page and would cut the text.
#include <algorithm>
#include <charconv>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "indexer/parse/office_xml.h"
#include "indexer/parse/paragraph_writer.h"
#include "indexer/parse/zip_formats.h"

namespace briefsearch::parse::internal {
namespace {

constexpr std::string_view kPackagePart = "Contents/content.hpf";
constexpr std::string_view kSectionPrefix = "Contents/section";
constexpr unsigned kFirstLineOfPage = 0x1;  // <hp:lineseg flags>, as in HWP 5 PARA_LINE_SEG

bool IsSkipped(std::string_view name) {
  static constexpr std::string_view kSkipped[] = {"header", "footer",       "hiddenComment",
                                                  "secPr",  "linesegarray", "parameters"};
  return std::find(std::begin(kSkipped), std::end(kSkipped), name) != std::end(kSkipped);
}

// <hp:t> is mixed content: text with empty elements for the special characters.
void AppendT(const pugi::xml_node& t, std::string* text) {
  for (pugi::xml_node c : t.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      *text += c.value();
      continue;
    }
    const std::string_view name = LocalName(c);
    if (name == "tab") *text += '\t';
    if (name == "lineBreak") *text += '\n';
    if (name == "nbSpace" || name == "fwSpace") *text += ' ';
    if (name == "hyphen") *text += '-';
  }
}

struct ParagraphText {
  std::string text;
  std::vector<pugi::xml_node> nested;  // paragraphs of tables, text boxes, notes anchored here
};

void Collect(const pugi::xml_node& node, ParagraphText* para) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = LocalName(child);
    if (name == "t") {
      AppendT(child, &para->text);
    } else if (name == "p") {
      para->nested.push_back(child);
    } else if (!IsSkipped(name)) {
      Collect(child, para);
    }
  }
}

bool IsTrue(const pugi::xml_attribute& attr) {
  const std::string_view v = attr.value();
  return v == "1" || v == "true";
}

// An explicit page break, or a line the saved layout put first on a page.
bool StartsPage(const pugi::xml_node& p) {
  if (IsTrue(AttributeByLocalName(p, "pageBreak"))) return true;
  for (pugi::xml_node seg : ChildByLocalName(p, "linesegarray").children()) {
    const std::string_view flags = AttributeByLocalName(seg, "flags").value();
    unsigned value = 0;
    std::from_chars(flags.data(), flags.data() + flags.size(), value);
    if (value & kFirstLineOfPage) return true;
  }
  return false;
}

void Paragraph(const pugi::xml_node& p, bool top_level, ParagraphWriter* out) {
  if (out->full()) return;
  ParagraphText para;
  Collect(p, &para);
  // Only the body's own lines say where pages start; a table cell's lines start cell "pages".
  if (top_level && StartsPage(p)) out->BreakPage();
  out->AddParagraph(para.text);
  for (const pugi::xml_node& nested : para.nested) Paragraph(nested, false, out);
}

int SectionNumber(std::string_view name) {
  if (!name.starts_with(kSectionPrefix) || !name.ends_with(".xml")) return -1;
  const std::string_view digits =
      name.substr(kSectionPrefix.size(), name.size() - kSectionPrefix.size() - 4);
  int n = -1;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  return ec == std::errc() && end == digits.data() + digits.size() ? n : -1;
}

// Without a usable package file: Contents/section<N>.xml in number order.
std::vector<std::string> SectionsByName(const ZipArchive& zip) {
  std::vector<std::pair<int, std::string>> numbered;
  for (std::string& name : zip.Names()) {
    const int n = SectionNumber(name);
    if (n >= 0) numbered.emplace_back(n, std::move(name));
  }
  std::sort(numbered.begin(), numbered.end());
  std::vector<std::string> names;
  for (auto& [n, name] : numbered) names.push_back(std::move(name));
  return names;
}

struct Package {
  std::string title;
  std::vector<std::string> sections;
};

// The spine of content.hpf lists the parts in reading order; section parts are those named
// section*.xml. Hancom writes hrefs from the package root, OPF from the .hpf's folder: try both.
Package ReadPackage(const pugi::xml_document& hpf, const ZipArchive& zip) {
  Package package;
  const pugi::xml_node root = hpf.document_element();
  package.title = ChildByLocalName(ChildByLocalName(root, "metadata"), "title").child_value();
  std::unordered_map<std::string, std::string> hrefs;
  for (pugi::xml_node item : ChildByLocalName(root, "manifest").children()) {
    hrefs[AttributeByLocalName(item, "id").value()] = AttributeByLocalName(item, "href").value();
  }
  for (pugi::xml_node ref : ChildByLocalName(root, "spine").children()) {
    const auto it = hrefs.find(AttributeByLocalName(ref, "idref").value());
    if (it == hrefs.end()) continue;
    const std::string& href = it->second;
    const std::string_view file = std::string_view(href).substr(href.rfind('/') + 1);
    if (!file.starts_with("section") || !file.ends_with(".xml") || !IsPlainEntryName(href)) {
      continue;
    }
    if (zip.Contains(href)) {
      package.sections.push_back(href);
    } else if (zip.Contains("Contents/" + href)) {
      package.sections.push_back("Contents/" + href);
    }
  }
  return package;
}

absl::StatusOr<Package> FindPackage(ZipArchive& zip, int max_nesting) {
  Package package;
  absl::StatusOr<std::string> hpf = zip.Read(kPackagePart);
  if (!hpf.ok() && !absl::IsNotFound(hpf.status())) return hpf.status();
  if (hpf.ok()) {
    pugi::xml_document doc;
    RETURN_IF_ERROR(ParseXml(*hpf, max_nesting, kPackagePart, &doc));
    package = ReadPackage(doc, zip);
  }
  if (package.sections.empty()) package.sections = SectionsByName(zip);
  if (package.sections.empty()) {
    return absl::InvalidArgumentError("HWPX archive has no Contents/section*.xml");
  }
  return package;
}

}  // namespace

absl::StatusOr<ExtractedText> ExtractHwpx(ZipArchive& zip, const ExtractLimits& limits) {
  ASSIGN_OR_RETURN(const Package package, FindPackage(zip, limits.max_nesting));
  ParagraphWriter out(limits.max_output_bytes, limits.max_pages);
  for (const std::string& name : package.sections) {
    ASSIGN_OR_RETURN(const std::string xml, zip.Read(name));
    pugi::xml_document doc;
    RETURN_IF_ERROR(ParseXml(xml, limits.max_nesting, name, &doc));
    for (pugi::xml_node p : doc.document_element().children()) {
      if (LocalName(p) == "p") Paragraph(p, true, &out);
    }
    if (out.full()) break;
  }
  return std::move(out).Finish("hwpx", package.title);
}

}  // namespace briefsearch::parse::internal
