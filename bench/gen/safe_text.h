// What generated prose must never contain, so that the indexer's parsers read a drop file exactly
// as the generator wrote it (indexer/parse: publisher_detect, issue_meta, layout_*).
//
// The parsers look for publisher names, date labels ("발행일", "작성일" ...), "주간" mastheads and
// the KIC subscription footer ("구독") anywhere in a file, with blanks removed; a generated word or
// two adjacent words spelling one of them would move an issue's date, number or end. Words holding
// one are left out of the vocabulary, and prose checks each join of two tokens.
#pragma once

#include <string>
#include <string_view>

namespace briefsearch::gen {

// True when `text` with blanks removed and ASCII lower-cased contains a forbidden cue.
bool HasForbiddenCue(std::string_view text);

// Up to `bytes` bytes (whole code points) at the end of `text`, blanks removed, ASCII lower-cased.
std::string TailForm(std::string_view text, size_t bytes);

// Whether this Hangul syllable has a final consonant (받침), and whether that is ㄹ: particles
// follow it (반도체를 / 산업을, 서울로 / 산업으로).
bool HasFinalConsonant(std::string_view word);
bool HasFinalRieul(std::string_view word);

}  // namespace briefsearch::gen

namespace briefsearch::gen {

// False when writing `right` after `left` (with or without a blank between) would spell a
// forbidden cue across the join. Both parts are assumed free of cues on their own.
bool SafeJoin(std::string_view left, std::string_view right);

}  // namespace briefsearch::gen
