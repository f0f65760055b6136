#include "server/analysis/normalizer.h"

#include <cctype>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "common/utf8.h"
#include "server/analysis/char_class.h"

namespace briefsearch::analysis {
namespace {

bool IsInterpunct(char32_t cp) {
  switch (cp) {
    case 0x00B7:  // MIDDLE DOT, the usual one in Korean text (한·중)
    case 0x318D:  // HANGUL LETTER ARAEA, typed as an interpunct on Korean keyboards (노ㆍ사)
    case 0x30FB:  // KATAKANA MIDDLE DOT
    case 0xFF65:  // HALFWIDTH KATAKANA MIDDLE DOT
    case 0x2027:  // HYPHENATION POINT
    case 0x2219:  // BULLET OPERATOR
    case 0x22C5:  // DOT OPERATOR
      return true;
    default:
      return false;
  }
}

const icu::Normalizer2* Nfkc(const void* p) { return static_cast<const icu::Normalizer2*>(p); }

}  // namespace

Normalizer::Normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) nfkc_cf_ = nullptr;
}

void Normalizer::AppendFolded(char32_t cp, std::wstring* out) const {
  if (cp < 0x80) {
    out->push_back(static_cast<wchar_t>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
    return;
  }
  if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x4E00 && cp <= 0x9FFF)) {
    out->push_back(static_cast<wchar_t>(cp));
    return;
  }
  if (IsInterpunct(cp)) {
    out->push_back(kInterpunct);
    return;
  }
  if (nfkc_cf_ == nullptr) {
    out->push_back(static_cast<wchar_t>(cp));
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = Nfkc(nfkc_cf_)->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), status);
  if (U_FAILURE(status)) {
    out->push_back(static_cast<wchar_t>(cp));
    return;
  }
  for (int32_t i = 0; i < folded.length();) {
    const UChar32 c = folded.char32At(i);
    out->push_back(static_cast<wchar_t>(c));
    i += U16_LENGTH(c);
  }
}

namespace {
constexpr uint8_t kMakesHangul = 1;
constexpr uint8_t kMakesLatin = 2;
constexpr uint8_t kKnown = 4;
constexpr uint8_t kChangesHan = 8;
}  // namespace

uint8_t Normalizer::FoldRisk(char32_t cp) const {
  const auto compute = [&]() -> uint8_t {
    std::wstring folded;
    AppendFolded(cp, &folded);
    if (folded.empty()) return kMakesHangul | kMakesLatin | kChangesHan;
    uint8_t risk = 0;
    const bool unchanged = folded.size() == 1 && static_cast<char32_t>(folded[0]) == cp;
    for (wchar_t c : folded) {
      if (c >= 0xAC00 && c <= 0xD7A3) risk |= kMakesHangul;
      if (c < 0x80 && std::isalnum(static_cast<unsigned char>(c))) risk |= kMakesLatin;
      if (!unchanged && IsHanClass(static_cast<char32_t>(c))) risk |= kChangesHan;
    }
    return risk;
  };
  if (cp >= fold_risk_.size()) return compute();
  std::atomic<uint8_t>& known = fold_risk_[cp];
  uint8_t risk = known.load(std::memory_order_relaxed);
  if ((risk & kKnown) == 0) {
    risk = compute() | kKnown;
    known.store(risk, std::memory_order_relaxed);
  }
  return risk;
}

namespace {

// Han characters and what NFKC folds to them start with these UTF-8 lead bytes: E2 BA-BF
// (radicals U+2E80-2FFF), E3 (kana, CJK symbols, enclosed ideographs, squared words), E4-E9
// (ideographs), EF (compatibility ideographs, half-width kana), F0-F4 (supplementary planes).
// A text without them has no Han and nothing that becomes Han.
bool MayHaveHan(std::string_view source) {
  for (size_t i = 0; i < source.size(); ++i) {
    const auto b = static_cast<unsigned char>(source[i]);
    if (b < 0xE2) continue;
    if (b >= 0xE3 && b != 0xEA && b != 0xEB && b != 0xEC && b != 0xED && b != 0xEE) return true;
    if (b == 0xE2 && i + 1 < source.size() && static_cast<unsigned char>(source[i + 1]) >= 0xBA) return true;
  }
  return false;
}

}  // namespace

Normalizer::PlainSearch Normalizer::PlainSearchFinds(std::string_view source) const {
  return Scan(source, /*latin_hangul=*/true, PlainSearch());
}

Normalizer::PlainSearch Normalizer::ScanHan(std::string_view source, PlainSearch known) const {
  known.han_checked = true;
  known.han_any = false;
  known.han_stable = true;
  if (!MayHaveHan(source)) return known;
  return Scan(source, /*latin_hangul=*/false, known);
}

Normalizer::PlainSearch Normalizer::Scan(std::string_view source, bool latin_hangul,
                                         PlainSearch result) const {
  result.han_checked = true;
  result.han_runs.clear();
  bool previous_han = false, previous_interpunct = false;
  for (size_t i = 0; i < source.size();) {
    if (static_cast<unsigned char>(source[i]) < 0x80) {  // ASCII: lowercased at most
      ++i;
      previous_han = previous_interpunct = false;
      continue;
    }
    char32_t cp = 0xFFFD;  // what analysis reads for an ill-formed byte
    const size_t at = i;
    const size_t n = DecodeUtf8(source, i, &cp);
    i += n == 0 ? 1 : n;
    // AppendFolded's fast paths: syllables and the main Han block stay as they are.
    if (cp >= 0xAC00 && cp <= 0xD7A3) {
      previous_han = previous_interpunct = false;
      continue;
    }
    bool han = true;
    if (cp < 0x4E00 || cp > 0x9FFF) {
      const uint8_t risk = FoldRisk(cp);
      if (latin_hangul && (risk & kMakesHangul)) result.hangul = false;
      if (latin_hangul && (risk & kMakesLatin)) result.latin = false;
      if (risk & kChangesHan) result.han_stable = false;
      han = IsHanClass(cp);
    }
    const bool interpunct = IsInterpunct(cp);
    if ((han && previous_interpunct) || (interpunct && previous_han)) result.han_stable = false;
    result.han_any = result.han_any || han;
    if (han && previous_han) {
      result.han_runs.back() = static_cast<uint32_t>(i);
    } else if (han) {
      result.han_runs.push_back(static_cast<uint32_t>(at));
      result.han_runs.push_back(static_cast<uint32_t>(i));
    }
    previous_han = han;
    previous_interpunct = interpunct;
  }
  if (result.han_runs.size() > 2 * PlainSearch::kMaxHanRuns) result.han_runs.clear();
  return result;
}

NormalizedText Normalizer::Normalize(std::wstring_view source) const {
  NormalizedText result;
  result.text.reserve(source.size());
  result.source_start.reserve(source.size());
  result.source_end.reserve(source.size());
  for (size_t i = 0; i < source.size(); ++i) {
    const size_t before = result.text.size();
    AppendFolded(static_cast<char32_t>(source[i]), &result.text);
    for (size_t k = before; k < result.text.size(); ++k) {
      result.source_start.push_back(static_cast<int32_t>(i));
      result.source_end.push_back(static_cast<int32_t>(i + 1));
    }
  }
  return result;
}

}  // namespace briefsearch::analysis
