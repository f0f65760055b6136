// Collects the text of an HTML tree walk as the paragraphs and lines the layout parsers read:
// white space collapsed as a browser renders it, breaks requested by elements applied lazily so
// that empty elements leave no blank lines behind. Internal to indexer/parse (html_extract).
#pragma once

#include <string>
#include <string_view>

namespace briefsearch::parse::internal {

class HtmlTextWriter {
 public:
  explicit HtmlTextWriter(size_t max_bytes) : max_bytes_(max_bytes) {}

  void Text(std::string_view text);  // white space collapsed unless preformatted
  void Paragraph();                  // a blank line before the next text (a blank in headings)
  void LineBreak();                  // a line break before the next text (a blank in headings)
  void Cell();                       // a tab before the next text when its row has text already
  void StartListItem();              // the next text starts a line with "- "
  void EndListItem();
  void StartHeading(int level);  // a paragraph of its own, one line starting "# ", "## " ...
  void EndHeading();
  void SetPreformatted(bool on);

  // True once the text passed max_bytes; the walk should stop.
  bool Full() const { return out_.size() > max_bytes_; }
  // The text, without leading or trailing blank lines.
  std::string Finish();

 private:
  enum Break { kNone, kSpace, kTab, kLine, kParagraph };
  void Request(Break b);
  void Flush();  // applies the pending break and line prefix before text is written

  std::string out_;
  Break pending_ = kNone;
  std::string prefix_;
  int heading_ = 0;
  int pre_ = 0;
  size_t max_bytes_;
};

}  // namespace briefsearch::parse::internal
