#include "server/analysis/runs.h"

namespace briefsearch::analysis {
namespace {

bool IsDigit(wchar_t c) { return c >= L'0' && c <= L'9'; }
bool IsWhite(wchar_t c) {
  return c == L' ' || c == L'\t' || c == L'\n' || c == L'\r' || c == 0x3000 || c == 0xA0;
}

// True when the separator at `i` sits inside `run`: an interpunct between two characters of the
// same CJK class, or '.'/',' between digits.
bool Continues(const std::wstring& text, const Run& run, size_t i) {
  if (i == 0 || i + 1 >= text.size() || static_cast<size_t>(run.chars.back()) + 1 != i) return false;
  const wchar_t c = text[i], prev = text[i - 1], next = text[i + 1];
  if (c == kInterpunct && (run.cls == CharClass::kHangul || run.cls == CharClass::kHan)) {
    return ClassifyChar(static_cast<char32_t>(next)) == run.cls;
  }
  if (run.cls != CharClass::kWord || !IsDigit(prev) || !IsDigit(next)) return false;
  if (c == L'.') return true;
  // A comma groups thousands only when exactly three digits follow (50,000); "1,2위" is a list.
  if (c != L',' || i + 3 >= text.size()) return false;
  return IsDigit(text[i + 1]) && IsDigit(text[i + 2]) && IsDigit(text[i + 3]) &&
         (i + 4 >= text.size() || !IsDigit(text[i + 4]));
}

// A number with two or more dots is a date or a version (2023.3.15, 1.2.3), not a decimal: its
// parts become separate words so that 2023 finds it.
void SplitDottedNumbers(const std::wstring& text, std::vector<Run>* runs) {
  std::vector<Run> out;
  for (Run& run : *runs) {
    int dots = 0;
    if (run.cls == CharClass::kWord) {
      for (int32_t i = run.chars.front(); i <= run.chars.back(); ++i) dots += text[i] == L'.';
    }
    if (dots < 2) {
      out.push_back(std::move(run));
      continue;
    }
    Run part{run.cls, {}, run.spaced_from_previous};
    for (int32_t idx : run.chars) {
      if (!part.chars.empty() && text[idx - 1] == L'.') {
        out.push_back(std::move(part));
        part = Run{run.cls, {}, false};
      }
      part.chars.push_back(idx);
    }
    out.push_back(std::move(part));
  }
  *runs = std::move(out);
}

}  // namespace

std::vector<Run> SplitRuns(const NormalizedText& normalized) {
  const std::wstring& text = normalized.text;
  std::vector<Run> runs;
  bool open = false;
  bool only_white_since_run = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const CharClass cls = ClassifyChar(static_cast<char32_t>(text[i]));
    if (cls == CharClass::kSpace) {
      if (open && Continues(text, runs.back(), i)) continue;
      if (open) only_white_since_run = true;
      if (!IsWhite(text[i])) only_white_since_run = false;
      open = false;
      continue;
    }
    if (!open || runs.back().cls != cls) {
      Run run{cls, {}, false};
      run.spaced_from_previous = !runs.empty() && !open && only_white_since_run &&
                                 runs.back().cls == cls;
      runs.push_back(std::move(run));
      open = true;
      only_white_since_run = false;
    }
    runs.back().chars.push_back(static_cast<int32_t>(i));
  }
  SplitDottedNumbers(text, &runs);
  return runs;
}

std::wstring TextOf(const NormalizedText& normalized, const Run& run) {
  std::wstring out;
  if (run.cls != CharClass::kWord) {
    for (int32_t idx : run.chars) out.push_back(normalized.text[idx]);
    return out;
  }
  for (int32_t idx = run.chars.front(); idx <= run.chars.back(); ++idx) {
    if (normalized.text[idx] != L',') out.push_back(normalized.text[idx]);
  }
  return out;
}

}  // namespace briefsearch::analysis
