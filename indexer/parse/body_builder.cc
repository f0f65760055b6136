#include "indexer/parse/body_builder.h"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

constexpr std::string_view kSourceLabels[] = {"출처",     "원문",      "참고자료", "참고", "링크",
                                              "관련링크", "관련 링크", "source",   "url",  "link"};

// Bullet and box characters that open a list item in the briefs.
constexpr std::u32string_view kListMarks = U"-–•∙■□▪▫▶▷►◆◇○●◎※*☑☞➤➢✓✔△▲〈|>";

constexpr std::string_view kHtmlTags[] = {
    "ul",  "ol",  "li",    "b",     "i",     "u",  "br", "p",  "span", "div", "strong", "em",
    "sup", "sub", "table", "tbody", "thead", "tr", "td", "th", "font", "a",   "img",    "hr"};

bool IsUrlByte(char ch) {
  const auto b = static_cast<unsigned char>(ch);
  return b > 0x20 && b < 0x7F && ch != '<' && ch != '>' && ch != '"' && ch != '\'' && ch != '`';
}

bool IsWordByte(char ch) { return absl::ascii_isalnum(static_cast<unsigned char>(ch)); }

// Drops trailing punctuation, and a ')' or ']' that closes something outside the URL.
size_t TrimUrlEnd(std::string_view s, size_t begin, size_t end) {
  while (end > begin) {
    const char last = s[end - 1];
    const std::string_view url = s.substr(begin, end - begin);
    if (std::string_view(".,;:!?").find(last) != std::string_view::npos) {
      --end;
    } else if (last == ')' &&
               std::count(url.begin(), url.end(), '(') < std::count(url.begin(), url.end(), ')')) {
      --end;
    } else if (last == ']' &&
               std::count(url.begin(), url.end(), '[') < std::count(url.begin(), url.end(), ']')) {
      --end;
    } else {
      break;
    }
  }
  return end;
}

// Strips bullets and a 출처/원문/참고 label (with its colon); reports whether a label was there.
std::string_view StripMarkersAndLabel(std::string_view s, bool* had_label) {
  *had_label = false;
  for (;;) {
    s = Trim(s);
    const char32_t first = FirstCodePoint(s);
    if (first != 0 && kListMarks.find(first) != std::u32string_view::npos) {
      size_t i = 0;
      NextCodePoint(s, &i);
      s.remove_prefix(i);
      continue;
    }
    bool stripped = false;
    for (std::string_view label : kSourceLabels) {
      if (s.size() >= label.size() && AsciiLower(s.substr(0, label.size())) == label) {
        std::string_view rest = Trim(s.substr(label.size()));
        if (rest.starts_with(":"))
          rest.remove_prefix(1);
        else if (rest.starts_with("\uFF1A"))
          rest.remove_prefix(3);  // full-width colon
        else if (!rest.empty() && IsWordByte(rest.front()))
          continue;  // "Sourcebook" is no label
        s = rest;
        *had_label = stripped = true;
        break;
      }
    }
    if (!stripped) return s;
  }
}

struct LineLinks {
  std::string text;   // what stays in the body
  bool drop = false;  // the line held only a link
  std::vector<std::string> urls;
};

LineLinks TakeLinks(std::string text, const std::vector<std::string>& md_urls) {
  LineLinks r;
  bool had_label = false;
  std::string_view rest = StripMarkersAndLabel(text, &had_label);
  if (rest.starts_with("<") && rest.ends_with(">")) rest = Trim(rest.substr(1, rest.size() - 2));
  const auto urls = FindUrls(rest);
  if (urls.size() == 1 && urls[0].first == 0 && urls[0].second == rest.size()) {
    r.urls.emplace_back(rest);
    r.drop = true;
    return r;
  }
  if (!had_label) {
    r.text = std::move(text);
    return r;
  }
  // A source line: its URLs (and those of its Markdown links) are references.
  r.urls = md_urls;
  std::string kept;
  size_t pos = 0;
  for (const auto& [b, e] : FindUrls(text)) {
    r.urls.emplace_back(text.substr(b, e - b));
    kept.append(text, pos, b - pos);
    pos = e;
  }
  kept.append(text, pos);
  // "<>" left where a wrapped URL was.
  for (size_t at; (at = kept.find("<>")) != std::string::npos;) kept.erase(at, 2);
  bool label_again = false;
  r.drop = !r.urls.empty() && StripMarkersAndLabel(kept, &label_again).empty();
  r.text = std::move(kept);
  return r;
}

bool IsHtmlTagAt(std::string_view s, size_t i, size_t* end) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '/') ++j;
  size_t k = j;
  while (k < s.size() && absl::ascii_isalpha(static_cast<unsigned char>(s[k]))) ++k;
  const std::string name = AsciiLower(s.substr(j, k - j));
  if (std::find(std::begin(kHtmlTags), std::end(kHtmlTags), name) == std::end(kHtmlTags)) {
    return false;
  }
  if (k >= s.size() || (s[k] != ' ' && s[k] != '>' && s[k] != '/')) return false;
  const size_t close = s.find('>', k);
  if (close == std::string_view::npos) return false;
  *end = close + 1;
  return true;
}

// "[text](url)" at s[i]; appends the text to *out, the URL to *urls.
bool TakeMarkdownLink(std::string_view s, size_t i, size_t* end, std::string* out,
                      std::vector<std::string>* urls) {
  const size_t mid = s.find("](", i);
  if (mid == std::string_view::npos || s.substr(i + 1, mid - i - 1).find('[') != s.npos) {
    return false;
  }
  const size_t close = s.find(')', mid + 2);
  if (close == std::string_view::npos) return false;
  const std::string_view text = s.substr(i + 1, mid - i - 1);
  const std::string_view url = s.substr(mid + 2, close - mid - 2);
  if (url.empty() || url.find(' ') != std::string_view::npos) return false;
  out->append(text.empty() ? url : text);
  if (urls != nullptr) urls->emplace_back(url);
  *end = close + 1;
  return true;
}

bool IsAutolinkAt(std::string_view s, size_t i, size_t* end) {
  const std::string_view rest = s.substr(i + 1);
  if (!rest.starts_with("http://") && !rest.starts_with("https://") &&
      !rest.starts_with("mailto:")) {
    return false;
  }
  const size_t close = s.find('>', i);
  if (close == std::string_view::npos) return false;
  *end = close;
  return true;
}

void FlushParagraph(std::string* current, std::vector<std::string>* paragraphs) {
  if (!current->empty()) paragraphs->push_back(std::move(*current));
  current->clear();
}

void AddLinks(std::vector<std::string>&& urls, std::vector<std::string>* links) {
  for (std::string& url : urls) {
    if (std::find(links->begin(), links->end(), url) == links->end()) {
      links->push_back(std::move(url));
    }
  }
}

}  // namespace

std::vector<std::pair<size_t, size_t>> FindUrls(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < s.size(); ++i) {
    const std::string_view rest = s.substr(i);
    const bool starts =
        rest.starts_with("https://") || rest.starts_with("http://") || rest.starts_with("www.");
    if (!starts || (i > 0 && (IsWordByte(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '/'))) {
      continue;
    }
    size_t end = i;
    while (end < s.size() && IsUrlByte(s[end])) ++end;
    end = TrimUrlEnd(s, i, end);
    if (end > i + 7) out.emplace_back(i, end);
    i = end;
  }
  return out;
}

bool StartsListItem(std::string_view t) {
  const char32_t first = FirstCodePoint(t);
  if (first == 0) return false;
  if (kListMarks.find(first) != std::u32string_view::npos) return true;
  if (first >= 0x2460 && first <= 0x2473) return true;  // ① .. ⑳
  // "1) ", "2. ", "i. ", "iv. ". Not "가. ": a wrapped line may start with "다. " (a sentence end).
  size_t i = 0;
  while (i < t.size() && i < 3 && absl::ascii_isdigit(static_cast<unsigned char>(t[i]))) ++i;
  if (i == 0) {
    while (i < t.size() && i < 4 && std::string_view("ivx").find(t[i]) != t.npos) ++i;
  }
  if (i == 0 || i + 1 >= t.size()) return false;
  return (t[i] == ')' || t[i] == '.') && t[i + 1] == ' ';
}

void AppendWrapped(std::string* paragraph, bool prev_had_trailing_blank, std::string_view next) {
  next = Trim(next);
  if (next.empty()) return;
  if (paragraph->empty()) {
    paragraph->assign(next);
    return;
  }
  const char32_t last = LastCodePoint(*paragraph);
  const char32_t first = FirstCodePoint(next);
  const bool mid_word = (IsHangulSyllable(last) && IsHangulSyllable(first)) ||
                        (IsHan(last) && IsHan(first)) || last == U'\u00B7' || last == U'\u30FB';
  if (prev_had_trailing_blank || !mid_word) paragraph->push_back(' ');
  paragraph->append(next);
}

std::string CleanInlineMarkdown(std::string_view s, std::vector<std::string>* urls) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const char ch = s[i];
    size_t end = 0;
    if (ch == '\\' && i + 1 < s.size() &&
        absl::ascii_ispunct(static_cast<unsigned char>(s[i + 1]))) {
      out.push_back(s[i + 1]);
      i += 2;
    } else if ((ch == '*' || ch == '_') && i + 1 < s.size() && s[i + 1] == ch) {
      i += 2;
    } else if (ch == '!' && i + 1 < s.size() && s[i + 1] == '[' &&
               TakeMarkdownLink(s, i + 1, &end, &out, nullptr)) {
      i = end;
    } else if (ch == '[' && TakeMarkdownLink(s, i, &end, &out, urls)) {
      i = end;
    } else if (ch == '<' && IsAutolinkAt(s, i, &end)) {
      out.append(s.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if (ch == '<' && IsHtmlTagAt(s, i, &end)) {
      i = end;
    } else {
      out.push_back(ch);
      ++i;
    }
  }
  return out;
}

Body BuildBody(const std::vector<std::string_view>& lines, const BodyOptions& options) {
  Body body;
  std::vector<std::string> paragraphs;
  std::string current;
  bool prev_trailing_blank = false;
  bool force_new_line = false;
  bool prev_had_tab = false;
  for (std::string_view raw : lines) {
    if (IsBlank(raw)) {
      FlushParagraph(&current, &paragraphs);
      continue;
    }
    std::string_view content = raw;
    const bool heading = options.markdown && MarkdownHeadingLevel(raw, &content) > 0;
    std::vector<std::string> md_urls;
    std::string text =
        options.markdown ? CleanInlineMarkdown(content, &md_urls) : std::string(content);
    LineLinks taken = TakeLinks(std::move(text), md_urls);
    AddLinks(std::move(taken.urls), &body.links);
    if (taken.drop) continue;  // a link-only line is neither text nor a paragraph break
    const std::string_view t = Trim(taken.text);
    if (t.empty()) continue;
    if (heading || (options.indent_starts_paragraph && LeadingIndent(raw) >= 2)) {
      FlushParagraph(&current, &paragraphs);
    }
    const bool has_tab = t.find('\t') != std::string_view::npos;
    if (current.empty()) {
      current.assign(t);
    } else if (force_new_line || has_tab || prev_had_tab || StartsListItem(t)) {
      current.push_back('\n');
      current.append(t);
    } else {
      // Markdown wraps only at blanks (a soft break reads as one), PDF text anywhere.
      AppendWrapped(&current, prev_trailing_blank || options.markdown, t);
    }
    if (heading) FlushParagraph(&current, &paragraphs);  // a sub-heading is a paragraph of its own
    prev_trailing_blank = EndsWithBlank(raw);
    prev_had_tab = has_tab;
    // Markdown hard break: two trailing blanks or a backslash.
    force_new_line = options.markdown && (raw.ends_with("  ") || raw.ends_with("\\"));
  }
  FlushParagraph(&current, &paragraphs);
  body.text = absl::StrJoin(paragraphs, "\n\n");
  return body;
}

}  // namespace briefsearch::parse::internal
