// Which run a normalised character belongs to. The tokenizer splits text into runs of one class.
#pragma once

namespace briefsearch::analysis {

enum class CharClass {
  kSpace,   // whitespace, punctuation, symbols: separate tokens
  kHangul,  // syllables and jamo: bigrammed
  kHan,     // CJK ideographs, kana: bigrammed
  kWord,    // letters and digits of other scripts, combining marks: kept whole
};

CharClass ClassifyChar(char32_t cp);

}  // namespace briefsearch::analysis
