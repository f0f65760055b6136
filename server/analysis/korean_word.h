// Korean word normalisation for the word field: a space-delimited Hangul word loses its particles
// (조사: 일본의 -> 일본, 기업들은 -> 기업) and the endings of nominal verbs and the copula
// (추진했다 -> 추진, 강화하기 -> 강화, 정책이다 -> 정책), so that the word field matches a query
// word exactly whatever particle either side carried.
//
// Rules, not a dictionary: a table of suffixes, each with the phonological condition under which it
// attaches (은/이/을/과 only after a final consonant, 는/가/를/와 only after a vowel, 로 after a
// vowel or ㄹ) and a minimum stem length, tried longest first, up to three layers (기업들에게는).
// Nouns whose own last syllables look like a particle (연구결과, 집적회로, 한반도, 인프라) are
// protected by a list. Native verbs and adjectives (있다, 밝혔다, 빠르게) are left as they are:
// their stems are irregular and rarely query words. Precision is favoured over recall: when in
// doubt, keep the word.
//
// Thread-safety: a pure function over immutable tables; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace briefsearch::analysis {

// Returns the stem of one Hangul word (all characters Hangul syllables U+AC00..U+D7A3), or the word
// unchanged: a word with any other character, a word of one syllable, a word the rules do not
// recognise. A one-syllable particle standing alone (을, 는, 의: the Hangul half of "AI를") returns
// empty; multi-syllable particles standing alone (으로, 에게) are kept.
std::wstring StemKoreanWord(std::wstring_view word);

}  // namespace briefsearch::analysis
