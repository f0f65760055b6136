// Tests for common/utf8.h: validation, repair, NFC, wide conversion and truncation.
#include "common/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace briefsearch {
namespace {

using namespace std::string_literals;

struct ValidityCase {
  const char* what;
  std::string bytes;
  bool valid;
};

class IsValidUtf8Test : public testing::TestWithParam<ValidityCase> {};

TEST_P(IsValidUtf8Test, Classifies) {
  EXPECT_EQ(IsValidUtf8(GetParam().bytes), GetParam().valid) << GetParam().what;
}

INSTANTIATE_TEST_SUITE_P(
    Table, IsValidUtf8Test,
    testing::Values(ValidityCase{"empty", "", true}, ValidityCase{"ascii", "GPU 2023", true},
                    ValidityCase{"hangul", "반도체", true}, ValidityCase{"han", "王喜文", true},
                    ValidityCase{"4-byte emoji U+1F600", "\xF0\x9F\x98\x80", true},
                    ValidityCase{"highest code point U+10FFFF", "\xF4\x8F\xBF\xBF", true},
                    ValidityCase{"embedded NUL is well-formed", "a\0b"s, true},
                    ValidityCase{"U+FFFE noncharacter is well-formed UTF-8", "\xEF\xBF\xBE", true},
                    ValidityCase{"overlong 2-byte '/'", "\xC0\xAF", false},
                    ValidityCase{"overlong 2-byte C1 lead", "\xC1\xBF", false},
                    ValidityCase{"overlong 3-byte U+007F", "\xE0\x81\xBF", false},
                    ValidityCase{"overlong 3-byte U+07FF", "\xE0\x9F\xBF", false},
                    ValidityCase{"overlong 4-byte U+FFFF", "\xF0\x8F\xBF\xBF", false},
                    ValidityCase{"surrogate U+D800", "\xED\xA0\x80", false},
                    ValidityCase{"surrogate U+DFFF", "\xED\xBF\xBF", false},
                    ValidityCase{"above U+10FFFF", "\xF4\x90\x80\x80", false},
                    ValidityCase{"F5 lead byte", "\xF5\x80\x80\x80", false},
                    ValidityCase{"FF byte", "a\xFF", false},
                    ValidityCase{"lone continuation byte", "\x80", false},
                    ValidityCase{"truncated 3-byte at end", "반\xEB\xB0", false},
                    ValidityCase{"truncated 4-byte at end", "\xF0\x9F\x98", false},
                    ValidityCase{"lead byte followed by ASCII",
                                 "\xEB"
                                 "a",
                                 false}));

TEST(RepairUtf8Test, ValidTextIsUnchanged) {
  EXPECT_EQ(RepairUtf8("중국 반도체 GPU"), "중국 반도체 GPU");
}

TEST(RepairUtf8Test, InvalidBytesBecomeReplacementCharacters) {
  // Each byte that does not start a well-formed sequence becomes one U+FFFD.
  EXPECT_EQ(RepairUtf8("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(RepairUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(IsValidUtf8(RepairUtf8("\xC0\xAF x \xF4\x90\x80\x80 \xE0")));
}

TEST(RepairUtf8Test, TruncatedSequenceKeepsFollowingText) {
  const std::string repaired = RepairUtf8(
      "반\xEB\xB0"
      "도체");
  EXPECT_TRUE(IsValidUtf8(repaired));
  EXPECT_EQ(repaired.substr(0, 3), "반");
  EXPECT_EQ(repaired.substr(repaired.size() - 6), "도체");
  EXPECT_NE(repaired.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(RepairUtf8Test, DropsNulBytes) { EXPECT_EQ(RepairUtf8("a\0b\0"s), "ab"); }

TEST(NfcUtf8Test, ComposesDecomposedHangul) {
  // 한 as macOS file names spell it: U+1112 U+1161 U+11AB.
  const std::string decomposed = "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB";
  EXPECT_EQ(NfcUtf8(decomposed), "\xED\x95\x9C");  // U+D55C
  EXPECT_EQ(NfcUtf8(decomposed + "국"), "한국");
}

TEST(NfcUtf8Test, ComposesLatinAccent) {
  EXPECT_EQ(NfcUtf8("cafe\xCC\x81"), "caf\xC3\xA9");  // e + U+0301 -> U+00E9
}

TEST(NfcUtf8Test, LeavesNormalizedTextAndCompatibilityFormsAlone) {
  EXPECT_EQ(NfcUtf8("반도체 GPU"), "반도체 GPU");
  // NFC, not NFKC: full-width letters stay full-width here (the analyzer folds them).
  EXPECT_EQ(NfcUtf8("ＧＰＵ"), "ＧＰＵ");
  EXPECT_EQ(NfcUtf8(""), "");
}

TEST(WideTest, RoundTripsAllPlanes) {
  for (const std::string s :
       {"", "abc", "반도체", "王喜文", "Москва", "\xF0\x9F\x98\x80 end", "\xF4\x8F\xBF\xBF"}) {
    EXPECT_EQ(WideToUtf8(Utf8ToWide(s)), s) << s;
  }
}

TEST(WideTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(Utf8ToWide("반도체"), std::wstring(L"\uBC18\uB3C4\uCCB4"));
  EXPECT_EQ(Utf8ToWide("\xF0\x9F\x98\x80").size(), 1u);
}

TEST(WideTest, InvalidInputIsRepairedNotDropped) {
  // Lucene++'s own conversion would return "" for all of this.
  EXPECT_EQ(Utf8ToWide("a\xFF"
                       "b"),
            std::wstring(L"a\uFFFDb"));
  EXPECT_EQ(Utf8ToWide("a\0b"s), std::wstring(L"ab"));
}

TEST(WideTest, AgreesWithRepairOnArbitraryBytes) {
  // Utf8ToWide decodes three-byte sequences on a fast path: whatever the bytes (overlongs,
  // encoded surrogates, truncated sequences, NULs), it must repair them as RepairUtf8 does.
  EXPECT_EQ(Utf8ToWide("\xED\xA0\x80"), std::wstring(3, L'\uFFFD')) << "encoded surrogate";
  EXPECT_EQ(Utf8ToWide("\xE0\x80\x80"), std::wstring(3, L'\uFFFD')) << "overlong";
  EXPECT_EQ(Utf8ToWide("a\xE4\xB8"), std::wstring(L"a\uFFFD\uFFFD")) << "truncated at the end";
  const unsigned char alphabet[] = {0x00, 'a', 0x7F, 0x80, 0xBF, 0xC2, 0xDF, 0xE0, 0xE4, 0xED,
                                    0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F, 0xB8, 0x8F};
  uint32_t seed = 12345;
  for (int round = 0; round < 20000; ++round) {
    std::string bytes;
    for (int k = 0; k < 12; ++k) {
      seed = seed * 1103515245u + 12345u;
      bytes.push_back(static_cast<char>(alphabet[(seed >> 16) % sizeof(alphabet)]));
    }
    ASSERT_EQ(WideToUtf8(Utf8ToWide(bytes)), RepairUtf8(bytes)) << testing::PrintToString(bytes);
  }
}

TEST(WideTest, InvalidWideCharactersBecomeReplacement) {
  std::wstring w = L"a";
  w.push_back(static_cast<wchar_t>(0xD800));  // lone surrogate
  w.push_back(static_cast<wchar_t>(0x110000));
  EXPECT_EQ(WideToUtf8(w), "a\xEF\xBF\xBD\xEF\xBF\xBD");
}

struct TruncateCase {
  const char* what;
  std::string text;
  size_t max_bytes;
  std::string expected;
};

class TruncateUtf8Test : public testing::TestWithParam<TruncateCase> {};

TEST_P(TruncateUtf8Test, CutsAtCodePointBoundary) {
  const TruncateCase& c = GetParam();
  const std::string_view out = TruncateUtf8(c.text, c.max_bytes);
  EXPECT_EQ(out, c.expected) << c.what;
  EXPECT_TRUE(IsValidUtf8(out)) << c.what;
}

INSTANTIATE_TEST_SUITE_P(
    Table, TruncateUtf8Test,
    testing::Values(TruncateCase{"short text untouched", "abc", 10, "abc"},
                    TruncateCase{"exact fit", "반도", 6, "반도"},
                    TruncateCase{"ascii cut", "abcdef", 3, "abc"},
                    TruncateCase{"inside second syllable", "반도체", 5, "반"},
                    TruncateCase{"one byte short of a syllable", "반도체", 8, "반도"},
                    TruncateCase{"inside first syllable", "반도체", 2, ""},
                    TruncateCase{"zero", "abc", 0, ""},
                    TruncateCase{"inside a 4-byte sequence", "a\xF0\x9F\x98\x80", 4, "a"}));

}  // namespace
}  // namespace briefsearch
