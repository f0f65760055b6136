// Turns the raw lines of one article into its body text and reference links. Internal.
//
// Paragraphs: blank lines separate paragraphs ("\n\n" in the body). Inside a paragraph, a line
// that starts a list item (- ■ * ※ ▶ ① 1) ...), a table row (has a tab), or follows a Markdown hard
// break starts a new line ("\n"); any other line continues the previous one, because PDF extraction
// broke it at the page width (see AppendWrapped); in Markdown a soft line break reads as a blank.
//
// Links: a line that holds nothing but a URL (bare, <wrapped>, or after a 출처/원문/참고 label and
// bullets) leaves the body and its URL goes to `links`; so do URLs on a line that starts with such
// a label ("* 출처: 과기부 https://..." keeps "* 출처: 과기부" in the body). URLs inside prose
// stay. The labels' text (outlet names, reference titles) stays searchable in the body.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace briefsearch::parse::internal {

struct BodyOptions {
  bool markdown = false;  // strip heading marks, **, \escapes, [text](url), HTML tags
  bool indent_starts_paragraph = false;  // KIEP: a line indented by 2+ blanks opens a paragraph
};

struct Body {
  std::string text;
  std::vector<std::string> links;  // in order of appearance, without duplicates
};

Body BuildBody(const std::vector<std::string_view>& lines, const BodyOptions& options);

// Appends the next physical line of a wrapped paragraph to `paragraph`. Joined without a blank
// when the break fell inside a word, which the extractor shows by leaving no trailing blank
// (`prev_had_trailing_blank` false) between two Hangul syllables ("가\n능성" -> "가능성"), between
// two Han characters, or after an interpunct ("한·\n중" -> "한·중"). Otherwise one blank: the
// extractor keeps the blank at a word end ("웨스틴 \n조선호텔"), and Latin words, digits and
// punctuation are never glued together.
void AppendWrapped(std::string* paragraph, bool prev_had_trailing_blank, std::string_view next);

// Inline Markdown to plain text: "\*" -> "*", "**굵게**" -> "굵게", "[글](http://x)" -> "글",
// "<http://x>" -> "http://x", and a small set of HTML tags (<li>, <b>, <br> ...) dropped. Korean
// title brackets such as "<2021 보고서>" are left alone.
// The URLs of the [text](url) links go to *urls when given.
std::string CleanInlineMarkdown(std::string_view s, std::vector<std::string>* urls = nullptr);

// URLs (http://, https://, www.) in `s` as [begin, end) byte ranges, trailing punctuation excluded.
std::vector<std::pair<size_t, size_t>> FindUrls(std::string_view s);

// True when the line is a bullet list item or similar structural line start.
bool StartsListItem(std::string_view trimmed_line);

}  // namespace briefsearch::parse::internal
