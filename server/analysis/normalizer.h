// Character normalisation shared by indexing and querying: NFKC case folding (full-width ＧＰＵ ->
// gpu, Ⅻ -> xii), interpunct unification, with a map back to source offsets so highlights land on
// the original text.
//
// Thread-safety: stateless after construction; one instance may be shared by all threads.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace briefsearch::analysis {

// U+00B7 stands for every interpunct after normalisation (· ㆍ ・ ‧ ･ ∙ ⋅).
inline constexpr wchar_t kInterpunct = L'\u00B7';

struct NormalizedText {
  std::wstring text;
  // source_start[i], source_end[i]: the source code points output character i came from.
  std::vector<int32_t> source_start;
  std::vector<int32_t> source_end;
};

class Normalizer {
 public:
  Normalizer();

  // Normalises `source` code point by code point. `source` should already be NFC (the server stores
  // NFC text), so that decomposed Hangul arrives as syllables.
  NormalizedText Normalize(std::wstring_view source) const;

  // What a plain substring search can find in `source` (UTF-8) exactly as analysis would. `hangul`: no
  // code point folds to a syllable (circled ㉮ -> 가) or to nothing (soft hyphen, zero-width space,
  // which join what stands around them), so runs of syllables stand in the normalised text exactly
  // where they stand in `source`. `latin`: likewise no non-ASCII code point folds to ASCII letters
  // or digits (full-width Ｇ, Ⅻ, ﬁ) or to nothing, so the normalised text's ASCII letters and digits
  // are those of `source`, lowercased.
  struct PlainSearch {
    bool hangul = true;
    bool latin = true;
  };
  PlainSearch PlainSearchFinds(std::string_view source) const;

 private:
  // Appends the NFKC casefold of one code point. Fast paths cover ASCII, Hangul syllables and the
  // main Han block, which NFKC_Casefold leaves unchanged (apart from ASCII case).
  void AppendFolded(char32_t cp, std::wstring* out) const;

  // How AppendFolded(cp) breaks a plain search (bits: 1 makes or joins syllables, 2 makes or joins
  // ASCII letters/digits); cached for the BMP with bit 4 set once known. Racing threads compute
  // the same answer.
  uint8_t FoldRisk(char32_t cp) const;

  const void* nfkc_cf_;  // const icu::Normalizer2*, owned by ICU
  mutable std::array<std::atomic<uint8_t>, 0x10000> fold_risk_{};
};

}  // namespace briefsearch::analysis
