// Per-character lookups for Han ideographs: Traditional -> Simplified folding, so that either
// script finds the other, and the Korean (Sino-Korean, 漢字音) reading, so that 半导体 can match
// 반도체. The tables are generated at build time from OpenCC's character dictionaries and the
// Unihan database (server/analysis/tools/gen_han_tables.cc) and compiled in: no files are read at
// run time.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace briefsearch::analysis {

// Folds a Han character to the form shared by both scripts: a CJK compatibility ideograph to its
// unified form (as NFC/NFKC would), then Traditional to Simplified by OpenCC t2s at character level
// (國 -> 国, 體 -> 体). Where OpenCC offers several simplified forms it is OpenCC's first choice
// (乾 -> 干, not 乾; 於 -> 于), so the fold merges a few distinct traditional characters.
// Idempotent: FoldHan(FoldHan(c)) == FoldHan(c). Every other code point is returned unchanged.
char32_t FoldHan(char32_t c);

// The Korean reading of a Han character, one Hangul syllable, in dictionary form: 樂 -> 락,
// 量 -> 량 (the word-initial forms 낙, 양 come from HangulReading(std::wstring_view)). Taken from
// Unihan kHangul; where a character has several readings, the one marked for education (E) wins
// (北 -> 북, although 배 is listed first). A simplified character reads as the traditional
// character OpenCC writes for it (国 -> 國 -> 국, 体 -> 體 -> 체, 台 -> 臺 -> 대, 发 -> 發 -> 발).
// std::nullopt for characters with no known reading (你, 吗) and for anything not Han.
std::optional<char32_t> HangulReading(char32_t c);

// The reading of a run of Han characters read as one word: each character's HangulReading, with
// the Korean spelling rules for Sino-Korean words (한글 맞춤법 제10-12항) applied: the first
// syllable takes its word-initial form (두음법칙: 量子 -> 양자, 樂園 -> 낙원, 女子 -> 여자), and
// 렬/률 after a vowel or ㄴ become 열/율 (比率 -> 비율, but 成功率 -> 성공률). Words made of two
// words (新女性 신여성) are not recognised and get the plain reading of their later parts.
// Returns an empty string if any character has no reading, or if `han_run` is empty.
std::wstring HangulReading(std::wstring_view han_run);

// The word-initial form of a Hangul syllable (두음법칙): 라 -> 나, 량 -> 양, 녀 -> 여. Other
// syllables and non-syllables are returned unchanged.
char32_t WordInitialForm(char32_t syllable);

}  // namespace briefsearch::analysis
