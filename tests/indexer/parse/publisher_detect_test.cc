// Publisher detection scores several cues; a publisher cited in an article does not win.
#include "indexer/parse/publisher_detect.h"

#include <gtest/gtest.h>

#include <string>

#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

Publisher Detect(const std::string& text) { return DetectPublisher(SplitLines(text)); }

std::string Filler(int lines) {
  std::string out;
  for (int i = 0; i < lines; ++i) out += "중국의 산업 정책과 기업 동향을 다루는 본문 줄입니다.\n";
  return out;
}

TEST(PublisherDetectTest, KostecFromMastheadAndName) {
  EXPECT_EQ(
      Detect("중국 과학기술 정책 주/간/동/향\n\nCONTENTS\n\n한중과학기술협력센터\n\nKOSTEC\n"),
      Publisher::kKostec);
}

TEST(PublisherDetectTest, KicFromMastheadAndPublisherBlock) {
  EXPECT_EQ(Detect("# 주간 중국 창업 제 289 호\n\n발행처: 글로벌혁신센터(KIC 중국)\n"),
            Publisher::kKic);
  // Blank-free and full-width spellings score alike.
  EXPECT_EQ(Detect("# 주간중국창업 제289호\n\n발행처: ＫＩＣ중국\n"), Publisher::kKic);
}

TEST(PublisherDetectTest, KiepNeedsAPressRelease) {
  EXPECT_EQ(Detect(" 보도자료\n배포일시 2018년 10월 30일(화)\n담 당 자 대외경제정책연구원\n"),
            Publisher::kKiep);
  // A report that only names KIEP is no KIEP press release.
  EXPECT_EQ(Detect("세미나 참가 메모\n\n대외경제정책연구원(KIEP) 세미나에 다녀왔다.\n"),
            Publisher::kOther);
}

TEST(PublisherDetectTest, SingleMentionInBodyIsNotEnough) {
  const std::string memo =
      "출장 메모\n\n" + Filler(40) +
      "현지에서 KIC 중국 관계자와 한중과학기술협력센터 주간동향을 논의했다.\n" + Filler(40);
  const PublisherScores s = ScorePublishers(SplitLines(memo));
  EXPECT_LT(s.kic, kMinPublisherScore);
  EXPECT_LT(s.kostec, kMinPublisherScore);
  EXPECT_EQ(Detect(memo), Publisher::kOther);
}

TEST(PublisherDetectTest, ArticleCitingAnotherPublisherKeepsItsOwn) {
  const std::string kic = "# 주간 중국 창업 제 301 호\n\n발행처: 글로벌혁신센터(KIC 중국)\n\n" +
                          Filler(40) + "대외경제정책연구원 보도자료에 따르면\n" + Filler(40) +
                          "# 주간 중국 창업\n";
  EXPECT_EQ(Detect(kic), Publisher::kKic);
}

TEST(PublisherDetectTest, UnknownTextIsOther) {
  EXPECT_EQ(Detect("회의록\n\n1. 안건\n2. 결정 사항\n"), Publisher::kOther);
  EXPECT_EQ(Detect(""), Publisher::kOther);
}

}  // namespace
}  // namespace briefsearch::parse::internal
