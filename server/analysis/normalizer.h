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
  //
  // Han (`han_checked` when known; documents indexed before it was recorded lack it): `han_any`,
  // the text has Han characters (ideographs, kana); `han_stable`, analysis reads each of them as
  // written: NFKC leaves it as it is (a compatibility ideograph or a half-width kana would not
  // be), nothing else folds to one or to nothing (a soft hyphen joins what stands around it), and
  // no interpunct stands next to one (中·美 is one run). Then the runs of Han characters, their
  // Simplified folds and their Hangul readings can be worked out from the text as it is.
  struct PlainSearch {
    bool hangul = true;
    bool latin = true;
    bool han_checked = false;
    bool han_any = false;
    bool han_stable = true;
    // With han_checked: where the runs of Han characters are, as [start, end) byte pairs (a
    // snippet reads them without decoding the rest); empty with han_any when there were more than
    // kMaxHanRuns.
    std::vector<uint32_t> han_runs;
    static constexpr size_t kMaxHanRuns = 256;
  };
  PlainSearch PlainSearchFinds(std::string_view source) const;

  // The Han part of PlainSearchFinds alone (han_checked set), for texts indexed before it was
  // recorded: a text without a byte that can start a Han character (or anything folding to one)
  // is answered without decoding it.
  PlainSearch ScanHan(std::string_view source, PlainSearch known) const;

 private:
  // Appends the NFKC casefold of one code point. Fast paths cover ASCII, Hangul syllables and the
  // main Han block, which NFKC_Casefold leaves unchanged (apart from ASCII case).
  void AppendFolded(char32_t cp, std::wstring* out) const;

  // PlainSearchFinds and ScanHan: `result` with what `source` rules out (Hangul and Latin only
  // when `latin_hangul`).
  PlainSearch Scan(std::string_view source, bool latin_hangul, PlainSearch result) const;

  // How AppendFolded(cp) breaks a plain search (bits: 1 makes or joins syllables, 2 makes or joins
  // ASCII letters/digits, 8 makes, changes or joins Han characters); cached for the BMP with bit 4
  // set once known. Racing threads compute the same answer.
  uint8_t FoldRisk(char32_t cp) const;

  const void* nfkc_cf_;  // const icu::Normalizer2*, owned by ICU
  mutable std::array<std::atomic<uint8_t>, 0x10000> fold_risk_{};
};

}  // namespace briefsearch::analysis
