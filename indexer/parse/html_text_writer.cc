#include "indexer/parse/html_text_writer.h"

#include <algorithm>

namespace briefsearch::parse::internal {
namespace {

bool IsHtmlSpace(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

void TrimTrailingBlanks(std::string* s) {
  while (!s->empty() && (s->back() == ' ' || s->back() == '\t')) s->pop_back();
}

}  // namespace

void HtmlTextWriter::Request(Break b) { pending_ = std::max(pending_, b); }

void HtmlTextWriter::Paragraph() { Request(heading_ > 0 ? kSpace : kParagraph); }

void HtmlTextWriter::LineBreak() { Request(heading_ > 0 ? kSpace : kLine); }

void HtmlTextWriter::Cell() { Request(kTab); }

void HtmlTextWriter::StartListItem() {
  LineBreak();
  prefix_ = "- ";
}

void HtmlTextWriter::EndListItem() {
  prefix_.clear();
  LineBreak();
}

void HtmlTextWriter::StartHeading(int level) {
  Paragraph();
  if (heading_++ == 0) prefix_ = std::string(static_cast<size_t>(level), '#') + " ";
}

void HtmlTextWriter::EndHeading() {
  if (heading_ > 0 && --heading_ == 0) prefix_.clear();
  Paragraph();
}

void HtmlTextWriter::SetPreformatted(bool on) { pre_ = std::max(0, pre_ + (on ? 1 : -1)); }

void HtmlTextWriter::Flush() {
  if (!out_.empty()) {
    const char last = out_.back();
    switch (pending_) {
      case kNone:
        break;
      case kSpace:
        if (!IsHtmlSpace(last)) out_.push_back(' ');
        break;
      case kTab:
        if (last != '\n') {
          TrimTrailingBlanks(&out_);
          out_.push_back('\t');
        }
        break;
      case kLine:
        TrimTrailingBlanks(&out_);
        if (!out_.empty() && out_.back() != '\n') out_.push_back('\n');
        break;
      case kParagraph:
        TrimTrailingBlanks(&out_);
        if (!out_.empty() && !out_.ends_with("\n")) out_.push_back('\n');
        if (!out_.empty() && !out_.ends_with("\n\n")) out_.push_back('\n');
        break;
    }
  }
  pending_ = kNone;
  out_.append(prefix_);
  prefix_.clear();
}

void HtmlTextWriter::Text(std::string_view text) {
  if (pre_ > 0) {
    if (text.empty()) return;
    Flush();
    out_.append(text);
    return;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (IsHtmlSpace(ch)) {
      Request(kSpace);
    } else if (ch == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      Request(kSpace);  // &nbsp;
      ++i;
    } else {
      if (pending_ != kNone || !prefix_.empty()) Flush();
      out_.push_back(ch);
    }
  }
}

std::string HtmlTextWriter::Finish() {
  TrimTrailingBlanks(&out_);
  while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ' || out_.back() == '\t')) {
    out_.pop_back();
  }
  return std::move(out_);
}

}  // namespace briefsearch::parse::internal
