// Character normalisation shared by indexing and querying: NFKC case folding (full-width ＧＰＵ ->
// gpu, Ⅻ -> xii), interpunct unification, with a map back to source offsets so highlights land on
// the original text.
//
// Thread-safety: stateless after construction; one instance may be shared by all threads.
#pragma once

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

 private:
  // Appends the NFKC casefold of one code point. Fast paths cover ASCII, Hangul syllables and the
  // main Han block, which NFKC_Casefold leaves unchanged (apart from ASCII case).
  void AppendFolded(char32_t cp, std::wstring* out) const;

  const void* nfkc_cf_;  // const icu::Normalizer2*, owned by ICU
};

}  // namespace briefsearch::analysis
