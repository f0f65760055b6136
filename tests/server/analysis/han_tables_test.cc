// Tests for server/analysis/han_tables.h: Traditional -> Simplified folding and Korean readings of
// Han characters, from the tables generated at build time out of OpenCC and Unihan.
#include "server/analysis/han_tables.h"

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <string>

#include "common/utf8.h"

namespace briefsearch::analysis {
namespace {

std::string Utf8(char32_t c) { return WideToUtf8(std::wstring(1, static_cast<wchar_t>(c))); }

struct CharCase {
  char32_t from;
  char32_t expected;
};

TEST(FoldHanTest, TraditionalFoldsToSimplified) {
  const CharCase cases[] = {
      {U'國', U'国'}, {U'際', U'际'}, {U'華', U'华'}, {U'為', U'为'}, {U'爲', U'为'},
      {U'經', U'经'}, {U'電', U'电'}, {U'體', U'体'}, {U'學', U'学'}, {U'臺', U'台'},
      {U'灣', U'湾'}, {U'裡', U'里'}, {U'說', U'说'}, {U'説', U'说'},
  };
  for (const CharCase& c : cases) {
    EXPECT_EQ(Utf8(FoldHan(c.from)), Utf8(c.expected)) << Utf8(c.from);
  }
}

TEST(FoldHanTest, AmbiguousCharactersTakeOpenccsFirstChoice) {
  const CharCase cases[] = {
      {U'乾', U'干'},  // TSCharacters: 乾 -> 干 乾
      {U'於', U'于'},  // 於 -> 于 於
      {U'餘', U'余'},  // 餘 -> 余 馀
      {U'麵', U'面'},  // 麵 -> 面 麺
      {U'徵', U'征'},  // 徵 -> 征 徵
      {U'髮', U'发'},  // 髮 -> 发
      {U'發', U'发'},  // 發 -> 发
      {U'覆', U'覆'},  // 覆 -> 覆 复: the first choice is itself
      {U'薴', U'苎'},  // 薴 -> 苧 -> 苎: chains are followed, so folding is idempotent
  };
  for (const CharCase& c : cases) {
    EXPECT_EQ(Utf8(FoldHan(c.from)), Utf8(c.expected)) << Utf8(c.from);
  }
}

TEST(FoldHanTest, CompatibilityIdeographsFoldToTheirUnifiedForm) {
  EXPECT_EQ(FoldHan(0xF901), U'更');
  EXPECT_EQ(FoldHan(0xF900), U'岂');       // -> 豈 U+8C48 -> t2s 岂
  EXPECT_EQ(FoldHan(0xF914), U'乐');       // KS X 1001's 樂 read 낙 -> 樂 -> 乐
  EXPECT_EQ(FoldHan(0x2F800), U'\u4E3D');  // supplementary compatibility block
  EXPECT_EQ(FoldHan(0xFA0E), 0xFA0Eu);     // a unified ideograph inside the compatibility block
}

TEST(FoldHanTest, LeavesEverythingElseAlone) {
  for (const char32_t c : {U'国', U'学', U'人', U'a', U'A', U'한', U'\u3000', U'ー', U'，'}) {
    EXPECT_EQ(FoldHan(c), c) << Utf8(c);
  }
}

TEST(FoldHanTest, IsIdempotentAndReadingsAreSyllables) {
  for (char32_t c = 0; c < 0x40000; ++c) {
    const char32_t folded = FoldHan(c);
    ASSERT_EQ(FoldHan(folded), folded) << std::hex << static_cast<uint32_t>(c);
    if (const auto reading = HangulReading(c)) {
      ASSERT_GE(*reading, U'가') << std::hex << static_cast<uint32_t>(c);
      ASSERT_LE(*reading, U'힣') << std::hex << static_cast<uint32_t>(c);
    }
  }
}

TEST(HangulReadingTest, Characters) {
  const CharCase cases[] = {
      {U'學', U'학'}, {U'学', U'학'},
      {U'樂', U'락'},  // kHangul 낙:0 락:0E 악:0N 요:0N: the educational (E) reading, not the first
      {U'北', U'북'},  // 배:0N 북:0E
      {U'量', U'량'},  // dictionary form; 양 only word-initially
      {U'国', U'국'},  // no kHangul of its own: read as 國
      {U'际', U'제'}, {U'术', U'술'},
      {U'发', U'발'},  // s2t 發 髮, both 발
      {U'体', U'체'},  // Unihan's own reading of 体 is 분; in Chinese text it is 體
      {U'台', U'대'},  // s2t first choice 臺 (台湾 대만)
      {U'值', U'치'},  // via the Z-variant 値 that KS X 1001 encodes
      {U'研', U'연'},  // via 硏
      {U'尚', U'상'},  // via 尙 (kKoreanGlyphTwins)
      {U'圳', U'천'},  // kSupplementalReadings (深圳 심천)
  };
  for (const CharCase& c : cases) {
    const auto reading = HangulReading(c.from);
    ASSERT_TRUE(reading.has_value()) << Utf8(c.from);
    EXPECT_EQ(Utf8(*reading), Utf8(c.expected)) << Utf8(c.from);
  }
}

TEST(HangulReadingTest, NothingForCharactersWithoutAReading) {
  for (const char32_t c : {U'你', U'吗', U'a', U'한', U'\u3000', U'，'}) {
    EXPECT_FALSE(HangulReading(c).has_value()) << Utf8(c);
  }
}

struct WordCase {
  const char* what;
  std::wstring han;
  std::wstring expected;
};

TEST(HangulReadingTest, Words) {
  const WordCase cases[] = {
      {"simplified", L"人工智能", L"인공지능"},
      {"simplified", L"科学技术", L"과학기술"},
      {"traditional", L"科學技術", L"과학기술"},
      {"体 read as 體", L"半导体", L"반도체"},
      {"国 via 國, 际 via 際", L"国际合作", L"국제합작"},
      // Lucene Nori, TestKoreanTokenizer#testReading (lucene/analysis/nori/src/test/org/apache/
      // lucene/analysis/ko/TestKoreanTokenizer.java): 喜悲哀歡 -> 희비애환, 五朔居廬 -> 오삭거려.
      {"Nori reading test", L"喜悲哀歡", L"희비애환"},
      {"Nori reading test", L"五朔居廬", L"오삭거려"},
      {"路 keeps ㄹ inside a word", L"集成电路", L"집성전로"},
      {"北 is 북 (E), not 배", L"北京", L"북경"},
      {"圳 from the supplement", L"深圳", L"심천"},
      {"word-initial 량 -> 양", L"量子计算", L"양자계산"},
      {"word-initial 락 -> 낙", L"樂園", L"낙원"},
      {"word-initial 녀 -> 여", L"女子", L"여자"},
      {"word-initial 로 -> 노", L"老人", L"노인"},
      {"word-initial 리 -> 이, 률 after a vowel -> 율", L"利率", L"이율"},
      {"률 after a vowel -> 율", L"比率", L"비율"},
      {"률 after ㄴ -> 율", L"百分率", L"백분율"},
      {"률 after ㅇ stays", L"成功率", L"성공률"},
      {"렬 after ㄴ -> 열", L"先烈", L"선열"},
      {"台 via 臺", L"台湾", L"대만"},
      {"广 via 廣", L"广东", L"광동"},
      {"one character", L"國", L"국"},
  };
  for (const WordCase& c : cases) {
    EXPECT_EQ(WideToUtf8(HangulReading(c.han)), WideToUtf8(c.expected))
        << c.what << ": " << WideToUtf8(c.han);
  }
}

TEST(HangulReadingTest, EmptyWhenAnyCharacterHasNoReading) {
  EXPECT_EQ(HangulReading(std::wstring_view(L"国你")), L"");
  EXPECT_EQ(HangulReading(std::wstring_view(L"国a")), L"");
  EXPECT_EQ(HangulReading(std::wstring_view(L"")), L"");
}

TEST(WordInitialFormTest, AppliesTheInitialSoundRule) {
  const CharCase cases[] = {
      {U'라', U'나'}, {U'량', U'양'}, {U'력', U'역'}, {U'례', U'예'}, {U'뢰', U'뇌'},
      {U'루', U'누'}, {U'리', U'이'}, {U'녀', U'여'}, {U'뇨', U'요'}, {U'니', U'이'},
      {U'나', U'나'}, {U'국', U'국'}, {U'a', U'a'},
  };
  for (const CharCase& c : cases) {
    EXPECT_EQ(Utf8(WordInitialForm(c.from)), Utf8(c.expected)) << Utf8(c.from);
  }
}

// Prints the cost of one lookup; no assertion, timings vary by machine.
TEST(HanTablesTest, LookupCost) {
  const std::wstring text = L"国际合作半導體科學技術人工智能量子计算深圳北京한국어 GPU 2024年";
  constexpr int kRounds = 20000;
  uint64_t sink = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < kRounds; ++round) {
    for (const wchar_t ch : text) {
      sink += FoldHan(static_cast<char32_t>(ch));
      sink += HangulReading(static_cast<char32_t>(ch)).value_or(0);
    }
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const double lookups = 2.0 * kRounds * static_cast<double>(text.size());
  std::cout << "han_tables: " << std::chrono::duration<double, std::nano>(elapsed).count() / lookups
            << " ns/lookup (checksum " << sink << ")\n";
}

}  // namespace
}  // namespace briefsearch::analysis
