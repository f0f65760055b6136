#include "server/analysis/han_tables.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace briefsearch::analysis {
namespace {

struct FoldEntry {
  char32_t from;
  char32_t to;
};

// Generated: defines kFoldTable, sorted by `from`, and kReadingTable, sorted, each entry
// code point << kReadingShift | (syllable - U+AC00).
#include "server/analysis/han_tables_data.inc"

static_assert(sizeof(wchar_t) == sizeof(char32_t), "std::wstring holds UTF-32");

constexpr uint32_t kSyllableMask = (1u << kReadingShift) - 1;

constexpr char32_t kFirstSyllable = 0xAC00;
constexpr char32_t kLastSyllable = 0xD7A3;
constexpr int kVowels = 21;
constexpr int kFinals = 28;  // including "no final consonant"
constexpr int kInitialNieun = 2;
constexpr int kInitialRieul = 5;
constexpr int kInitialIeung = 11;
constexpr int kFinalNieun = 4;

// Below U+3400 and between the unified ideographs and the compatibility block (Hangul syllables
// among them) there is nothing to look up.
bool MayBeHan(char32_t c) { return c >= 0x3400 && (c < 0xA000 || c >= 0xF900); }

// ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ: the vowels before which word-initial ㄹ and ㄴ drop to ㅇ.
bool IsIotizedVowel(int vowel) {
  return vowel == 2 || vowel == 6 || vowel == 7 || vowel == 12 || vowel == 17 || vowel == 20;
}

bool IsSyllable(char32_t c) { return c >= kFirstSyllable && c <= kLastSyllable; }

}  // namespace

char32_t FoldHan(char32_t c) {
  if (!MayBeHan(c)) return c;
  const auto* it = std::ranges::lower_bound(kFoldTable, c, {}, &FoldEntry::from);
  return it != std::end(kFoldTable) && it->from == c ? it->to : c;
}

std::optional<char32_t> HangulReading(char32_t c) {
  if (!MayBeHan(c)) return std::nullopt;
  const uint32_t key = static_cast<uint32_t>(c) << kReadingShift;
  const auto* it = std::lower_bound(std::begin(kReadingTable), std::end(kReadingTable), key);
  if (it == std::end(kReadingTable) || (*it >> kReadingShift) != c) return std::nullopt;
  return kFirstSyllable + (*it & kSyllableMask);
}

char32_t WordInitialForm(char32_t syllable) {
  if (!IsSyllable(syllable)) return syllable;
  const int index = static_cast<int>(syllable - kFirstSyllable);
  int initial = index / (kVowels * kFinals);
  const int vowel = index / kFinals % kVowels;
  const int final = index % kFinals;
  if (initial == kInitialRieul) {  // 제11항 량 -> 양, 제12항 로 -> 노
    initial = IsIotizedVowel(vowel) ? kInitialIeung : kInitialNieun;
  } else if (initial == kInitialNieun && IsIotizedVowel(vowel)) {  // 제10항 녀 -> 여
    initial = kInitialIeung;
  }
  return kFirstSyllable + (initial * kVowels + vowel) * kFinals + final;
}

std::wstring HangulReading(std::wstring_view han_run) {
  std::wstring out;
  out.reserve(han_run.size());
  for (const wchar_t ch : han_run) {
    const std::optional<char32_t> reading = HangulReading(static_cast<char32_t>(ch));
    if (!reading) return {};
    char32_t syllable = *reading;
    if (out.empty()) {
      syllable = WordInitialForm(syllable);
    } else if (syllable == U'렬' || syllable == U'률') {
      // 제11항 붙임 1: after a vowel or ㄴ, 렬/률 are written 열/율 (비율, 선열).
      const int prev_final = static_cast<int>(out.back() - kFirstSyllable) % kFinals;
      if (prev_final == 0 || prev_final == kFinalNieun) {
        syllable = syllable == U'렬' ? U'열' : U'율';
      }
    }
    out.push_back(static_cast<wchar_t>(syllable));
  }
  return out;
}

}  // namespace briefsearch::analysis
