// Sample issues in every format this helper's extractors read, made from our own text at test
// time: the unit tests check them, and the fuzz corpus generator seeds from them.
#pragma once

#include <string>

namespace briefsearch::parse::testing {

// A five-page KOSTEC-like 주간동향 PDF: cover, CONTENTS repeating the titles, two parts with three
// articles (one running onto the last page), running header and page numbers on pages 2-5, and
// the closing masthead with the date. Justified and ragged paragraphs break lines inside words.
// `utf8` in another charset through ICU ("windows-949-2000", "UTF-16LE" ...); "" when it fails.
std::string Encode(const std::string& utf8, const char* charset);

std::string KostecLikePdf();

// Two pages of one article with a running header "한중 기술협력 브리프 제12호" and footers
// "- 1 -", "- 2 -".
std::string TwoPagePdf();

// One page set in two columns, each with two paragraphs.
std::string TwoColumnPdf();

// A KIC-like newsletter page in HTML, with navigation, script and footer to drop.
std::string KicLikeHtml();

// The text of a small plain issue, and that text encoded as CP949 and UTF-16 (LE with BOM).
std::string PlainIssueUtf8();
std::string PlainIssueCp949();
std::string PlainIssueUtf16Le();

}  // namespace briefsearch::parse::testing
