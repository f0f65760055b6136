// DOCX: the paragraphs of the main document part in document order, table cells and text boxes
// included, each <w:p> its own paragraph. Headings become Markdown-style lines ("# ", "## ") so
// that the layout parsers split on them as they do on Markdown: a document that uses the Title
// style gets "# " for it and "## " for Heading 1, "### " for Heading 2 ...; one without gets "# "
// for Heading 1. Page starts come from Word's rendered page breaks and hard page breaks.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "indexer/parse/office_xml.h"
#include "indexer/parse/paragraph_writer.h"
#include "indexer/parse/text_util.h"
#include "indexer/parse/zip_formats.h"

namespace briefsearch::parse::internal {
namespace {

constexpr std::string_view kDefaultMainPart = "word/document.xml";
constexpr std::string_view kCorePropertiesPart = "docProps/core.xml";
constexpr std::string_view kStylesPart = "word/styles.xml";
constexpr int kTitleLevel = 100;  // outline levels are 1..9; the Title style sits above them
constexpr int kMaxHeadingMarks = 6;

// Elements whose content is not part of the visible text: properties, deleted or moved-away
// revisions, field codes, and the VML fallback that repeats a text box's content.
bool IsSkipped(std::string_view name) {
  static constexpr std::string_view kSkipped[] = {
      "pPr",      "rPr", "sectPr",   "tblPr",     "trPr",    "tcPr",
      "Fallback", "del", "moveFrom", "instrText", "delText", "delInstrText"};
  return std::find(std::begin(kSkipped), std::end(kSkipped), name) != std::end(kSkipped);
}

// "Heading 2", "heading2" -> 2, "Title" -> kTitleLevel, else 0.
int LevelFromStyleName(std::string_view name) {
  const std::string form = AsciiLower(RemoveSpaces(name));
  if (form == "title") return kTitleLevel;
  if (form.size() == 8 && form.starts_with("heading") && form[7] >= '1' && form[7] <= '9') {
    return form[7] - '0';
  }
  return 0;
}

// <w:outlineLvl w:val="0"/> is heading level 1; 9 means body text.
int LevelFromOutline(const pugi::xml_node& ppr) {
  const pugi::xml_node outline = ChildByLocalName(ppr, "outlineLvl");
  if (!outline) return 0;
  const int v = AttributeByLocalName(outline, "val").as_int(9);
  return v >= 0 && v < 9 ? v + 1 : 0;
}

using StyleLevels = std::unordered_map<std::string, int>;

// Paragraph style id -> heading level, from the style's name (ids are localised: a Korean Word
// names Heading 1's id "1") or its outline level.
StyleLevels ReadStyleLevels(const pugi::xml_document& styles) {
  StyleLevels levels;
  for (pugi::xml_node style : styles.document_element().children()) {
    if (LocalName(style) != "style") continue;
    if (std::string_view(AttributeByLocalName(style, "type").value()) != "paragraph") continue;
    const pugi::xml_node name = ChildByLocalName(style, "name");
    int level = LevelFromStyleName(AttributeByLocalName(name, "val").value());
    if (level == 0) level = LevelFromOutline(ChildByLocalName(style, "pPr"));
    if (level != 0) levels[AttributeByLocalName(style, "styleId").value()] = level;
  }
  return levels;
}

int StyleLevel(const StyleLevels& styles, std::string_view style_id) {
  const auto it = styles.find(std::string(style_id));
  return it != styles.end() ? it->second : LevelFromStyleName(style_id);
}

int ParagraphLevel(const StyleLevels& styles, const pugi::xml_node& p) {
  const pugi::xml_node ppr = ChildByLocalName(p, "pPr");
  if (const int outline = LevelFromOutline(ppr); outline != 0) return outline;
  const pugi::xml_node style = ChildByLocalName(ppr, "pStyle");
  return style ? StyleLevel(styles, AttributeByLocalName(style, "val").value()) : 0;
}

struct ParagraphText {
  std::string text;
  std::vector<pugi::xml_node> deferred;  // text boxes anchored here, read after the paragraph
  std::vector<size_t> page_marks;        // offsets in `text` where a page break fell
};

class DocxWalker {
 public:
  DocxWalker(const StyleLevels& styles, bool has_title, ParagraphWriter* out)
      : styles_(styles), has_title_(has_title), out_(out) {}

  // Body, table, row, cell, content control, text box content: anything that holds paragraphs.
  void Block(const pugi::xml_node& node) {
    for (pugi::xml_node child : node.children()) {
      if (out_->full()) return;
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = LocalName(child);
      if (name == "p") {
        Paragraph(child);
      } else if (!IsSkipped(name)) {
        Block(child);
      }
    }
  }

 private:
  void Paragraph(const pugi::xml_node& p);
  void Inline(const pugi::xml_node& node, ParagraphText* para);
  std::string HeadingPrefix(const pugi::xml_node& p) const;

  const StyleLevels& styles_;
  bool has_title_;
  ParagraphWriter* out_;
};

void DocxWalker::Inline(const pugi::xml_node& node, ParagraphText* para) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = LocalName(child);
    if (name == "t") {
      for (pugi::xml_node text : child.children()) {
        if (text.type() == pugi::node_pcdata || text.type() == pugi::node_cdata) {
          para->text += text.value();
        }
      }
    } else if (name == "tab" || name == "ptab") {
      para->text += '\t';
    } else if (name == "br" || name == "cr") {
      if (std::string_view(AttributeByLocalName(child, "type").value()) == "page") {
        para->page_marks.push_back(para->text.size());
      }
      para->text += '\n';
    } else if (name == "lastRenderedPageBreak") {
      para->page_marks.push_back(para->text.size());
    } else if (name == "noBreakHyphen") {
      para->text += '-';
    } else if (name == "txbxContent" || name == "p") {
      para->deferred.push_back(child);
    } else if (!IsSkipped(name)) {
      Inline(child, para);
    }
  }
}

std::string DocxWalker::HeadingPrefix(const pugi::xml_node& p) const {
  const int level = ParagraphLevel(styles_, p);
  if (level == 0) return "";
  const int marks =
      level == kTitleLevel ? 1 : std::min(level + (has_title_ ? 1 : 0), kMaxHeadingMarks);
  return std::string(static_cast<size_t>(marks), '#') + " ";
}

void DocxWalker::Paragraph(const pugi::xml_node& p) {
  ParagraphText para;
  Inline(p, &para);
  // A break after all of the paragraph's text starts the next paragraph's page; any other break
  // (before the text, or inside it) puts this paragraph on the new page (see BreakPage).
  bool page_before = false;
  bool page_after = false;
  for (const size_t mark : para.page_marks) {
    const bool text_before = !IsBlank(std::string_view(para.text).substr(0, mark));
    const bool text_after = !IsBlank(std::string_view(para.text).substr(mark));
    (text_before && !text_after ? page_after : page_before) = true;
  }
  if (page_before) out_->BreakPage();
  std::string prefix = HeadingPrefix(p);
  if (!prefix.empty() && !IsBlank(para.text)) {
    std::replace(para.text.begin(), para.text.end(), '\n', ' ');  // a heading is one line
    para.text = prefix + std::string(TrimLeft(para.text));
  }
  out_->AddParagraph(para.text);
  for (const pugi::xml_node& box : para.deferred) {
    if (LocalName(box) == "p") {
      Paragraph(box);
    } else {
      Block(box);
    }
  }
  if (page_after) out_->BreakPage();
}

// True when some paragraph uses the Title style, which moves the headings one level down.
bool UsesTitleStyle(const pugi::xml_node& body, const StyleLevels& styles) {
  return body.find_node([&styles](const pugi::xml_node& n) {
    return LocalName(n) == "pStyle" &&
           StyleLevel(styles, AttributeByLocalName(n, "val").value()) == kTitleLevel;
  });
}

// An optional part: a missing one is empty; a damaged or oversized one is an error all the same,
// since the archive as a whole is then not to be trusted.
absl::StatusOr<std::string> ReadOptional(ZipArchive& zip, std::string_view name) {
  absl::StatusOr<std::string> part = zip.Read(name);
  if (absl::IsNotFound(part.status())) return std::string();
  return part;
}

// The main document part, from the package relationships; word/document.xml without them.
absl::StatusOr<std::string> MainPartName(ZipArchive& zip, int max_nesting) {
  ASSIGN_OR_RETURN(const std::string rels, ReadOptional(zip, "_rels/.rels"));
  pugi::xml_document doc;
  if (rels.empty() || !ParseXml(rels, max_nesting, "_rels/.rels", &doc).ok()) {
    return std::string(kDefaultMainPart);
  }
  for (pugi::xml_node rel : doc.document_element().children()) {
    const std::string_view type = AttributeByLocalName(rel, "Type").value();
    if (!type.ends_with("/officeDocument")) continue;
    std::string_view target = AttributeByLocalName(rel, "Target").value();
    while (target.starts_with('/')) target.remove_prefix(1);
    if (!target.empty() && IsPlainEntryName(target)) return std::string(target);
  }
  return std::string(kDefaultMainPart);
}

absl::StatusOr<std::string> ReadTitle(ZipArchive& zip, int max_nesting) {
  ASSIGN_OR_RETURN(const std::string core, ReadOptional(zip, kCorePropertiesPart));
  pugi::xml_document doc;
  if (core.empty()) return std::string();
  RETURN_IF_ERROR(ParseXml(core, max_nesting, kCorePropertiesPart, &doc));
  return std::string(ChildByLocalName(doc.document_element(), "title").child_value());
}

}  // namespace

absl::StatusOr<ExtractedText> ExtractDocx(ZipArchive& zip, const ExtractLimits& limits) {
  ASSIGN_OR_RETURN(const std::string main_name, MainPartName(zip, limits.max_nesting));
  absl::StatusOr<std::string> main = zip.Read(main_name);
  if (absl::IsNotFound(main.status())) {
    return absl::InvalidArgumentError("zip archive is an Office package without a Word document");
  }
  if (!main.ok()) return main.status();
  pugi::xml_document doc;
  RETURN_IF_ERROR(ParseXml(*main, limits.max_nesting, main_name, &doc));
  const pugi::xml_node body = ChildByLocalName(doc.document_element(), "body");
  if (LocalName(doc.document_element()) != "document" || !body) {
    return absl::UnimplementedError(absl::StrCat("zip document's main part ", main_name,
                                                 " is not a Word document (no w:document/w:body)"));
  }
  ASSIGN_OR_RETURN(const std::string styles_xml, ReadOptional(zip, kStylesPart));
  StyleLevels styles;
  if (!styles_xml.empty()) {
    pugi::xml_document styles_doc;
    RETURN_IF_ERROR(ParseXml(styles_xml, limits.max_nesting, kStylesPart, &styles_doc));
    styles = ReadStyleLevels(styles_doc);
  }
  ASSIGN_OR_RETURN(const std::string title, ReadTitle(zip, limits.max_nesting));
  ParagraphWriter out(limits.max_output_bytes, limits.max_pages);
  DocxWalker(styles, UsesTitleStyle(body, styles), &out).Block(body);
  return std::move(out).Finish("docx", title);
}

}  // namespace briefsearch::parse::internal
