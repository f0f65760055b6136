#include "server/analysis/tokenizer.h"

#include "server/analysis/char_class.h"

namespace briefsearch::analysis {
namespace {

// A maximal stretch of one CharClass in the normalised text. For CJK runs `chars` holds the
// indexes of the characters that make it up (interpuncts between syllables are skipped, so 한·중
// is the run 한중).
struct Run {
  CharClass cls;
  std::vector<size_t> chars;
};

bool JoinsDigits(wchar_t c) { return c == L'.' || c == L','; }
bool IsDigit(wchar_t c) { return c >= L'0' && c <= L'9'; }

class RunSplitter {
 public:
  explicit RunSplitter(const std::wstring& text) : text_(text) {}

  std::vector<Run> Split() {
    std::vector<Run> runs;
    for (size_t i = 0; i < text_.size(); ++i) {
      const wchar_t c = text_[i];
      CharClass cls = ClassifyChar(static_cast<char32_t>(c));
      if (cls == CharClass::kSpace && !runs.empty() && Continues(runs.back(), i)) {
        continue;  // an interpunct or a digit separator inside a run: skip, keep the run open
      }
      if (cls == CharClass::kSpace) {
        open_ = false;
        continue;
      }
      if (!open_ || runs.back().cls != cls) {
        runs.push_back(Run{cls, {}});
        open_ = true;
      }
      runs.back().chars.push_back(i);
    }
    return runs;
  }

 private:
  // True when the separator at `i` sits inside `run`: an interpunct between two characters of the
  // same CJK class, or '.'/',' between digits (10.3, 50,000).
  bool Continues(const Run& run, size_t i) const {
    if (!open_ || i + 1 >= text_.size() || run.chars.back() + 1 != i) return false;
    const wchar_t prev = text_[i - 1];
    const wchar_t next = text_[i + 1];
    const wchar_t c = text_[i];
    if (c == kInterpunct && (run.cls == CharClass::kHangul || run.cls == CharClass::kHan)) {
      return ClassifyChar(static_cast<char32_t>(next)) == run.cls;
    }
    return run.cls == CharClass::kWord && JoinsDigits(c) && IsDigit(prev) && IsDigit(next);
  }

  const std::wstring& text_;
  bool open_ = false;
};

void EmitWord(const NormalizedText& n, const Run& run, int32_t* position, TokenList* out) {
  Token t;
  t.kind = TokenKind::kWord;
  for (size_t idx = run.chars.front(); idx <= run.chars.back(); ++idx) {
    // Digit group commas are dropped so that 50,000 and 50000 are the same token.
    if (n.text[idx] == L',') continue;
    t.text.push_back(n.text[idx]);
  }
  t.position = (*position)++;
  t.start = n.source_start[run.chars.front()];
  t.end = n.source_end[run.chars.back()];
  out->push_back(std::move(t));
}

void EmitCjk(const NormalizedText& n, const Run& run, const TokenizerOptions& options,
             int32_t* position, TokenList* out) {
  const auto& c = run.chars;
  auto unigram = [&](size_t k, int32_t pos) {
    out->push_back(Token{std::wstring(1, n.text[c[k]]), pos, n.source_start[c[k]],
                         n.source_end[c[k]], TokenKind::kUnigram});
  };
  if (c.size() == 1) {
    unigram(0, (*position)++);
    return;
  }
  for (size_t k = 0; k + 1 < c.size(); ++k) {
    std::wstring text{n.text[c[k]], n.text[c[k + 1]]};
    out->push_back(Token{std::move(text), (*position)++, n.source_start[c[k]],
                         n.source_end[c[k + 1]], TokenKind::kBigram});
  }
  if (options.final_unigram) unigram(c.size() - 1, *position - 1);
}

}  // namespace

TokenList Tokenize(const NormalizedText& normalized, const TokenizerOptions& options) {
  TokenList out;
  int32_t position = 0;
  for (const Run& run : RunSplitter(normalized.text).Split()) {
    if (run.cls == CharClass::kWord) {
      EmitWord(normalized, run, &position, &out);
    } else {
      EmitCjk(normalized, run, options, &position, &out);
    }
  }
  return out;
}

}  // namespace briefsearch::analysis
