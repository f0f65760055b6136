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
  return run.cls == CharClass::kWord && (c == L'.' || c == L',') && IsDigit(prev) && IsDigit(next);
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
