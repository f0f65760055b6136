// The unit the analysis chain produces and the index and query planner consume.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace briefsearch::analysis {

enum class TokenKind : uint8_t {
  kWord,     // a Latin/Cyrillic/... word or a number, lowercased
  kBigram,   // two adjacent Hangul or Han characters
  kUnigram,  // one Hangul or Han character: a one-character run, or a run's last character
  kJoin,     // the bigram across a space between two Hangul words (spacing varies in Korean)
  kReading,  // the Hangul reading of Han characters (人工 -> 인공), at the same position
  kStem,     // words field: a whole word with particles/endings or English suffixes removed
};

const char* KindName(TokenKind kind);

struct Token {
  std::wstring text;
  // Position in the token stream. Tokens at the same position overlap (a run-final unigram sits on
  // the position of the run's last bigram; readings on their Han bigram); phrase queries use
  // positions, not array order.
  int32_t position = 0;
  // Offsets into the analysed source text, in code points (Lucene::String units), end exclusive.
  int32_t start = 0;
  int32_t end = 0;
  TokenKind kind = TokenKind::kWord;

  bool operator==(const Token&) const = default;
};

using TokenList = std::vector<Token>;

}  // namespace briefsearch::analysis
