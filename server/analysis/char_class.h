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

// ClassifyChar(cp) == CharClass::kHan, without ICU: ideographs (with extensions and compatibility
// forms), kana but the katakana middle dot, 々 and 〇.
inline bool IsHanClass(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) ||
         (cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB) || cp == 0x3005 || cp == 0x3007;
}

}  // namespace briefsearch::analysis
