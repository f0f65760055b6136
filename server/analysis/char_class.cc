#include "server/analysis/char_class.h"

#include <unicode/uchar.h>

namespace briefsearch::analysis {

CharClass ClassifyChar(char32_t cp) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
      return CharClass::kWord;
    }
    return CharClass::kSpace;
  }
  if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
      (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
      (cp >= 0xD7B0 && cp <= 0xD7FF)) {
    return CharClass::kHangul;
  }
  if (IsHanClass(cp)) return CharClass::kHan;
  const auto c = static_cast<UChar32>(cp);
  if (u_isalnum(c)) return CharClass::kWord;
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK) return CharClass::kWord;
  return CharClass::kSpace;
}

}  // namespace briefsearch::analysis
