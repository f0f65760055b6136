#include "indexer/parse/publisher_detect.h"

#include <string>

#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

// How many non-blank lines at each end count as masthead/footer zone.
constexpr size_t kZoneLines = 30;

struct Cue {
  std::string_view text;  // in CueForm: no blanks, no '/', ASCII lower case
  int weight;
};

constexpr Cue kKostecCues[] = {
    {"한중과학기술협력센터", 3},
    {"kostec", 3},
    {"korea-chinascience&technologycooperationcenter", 2},
    {"중국과학기술정책주간동향", 3},
    {"kostec.re.kr", 1},
    {"정책동향", 1},
    {"단신동향", 1},
};

constexpr Cue kKicCues[] = {
    {"주간중국창업", 3},          {"kic중국", 3},    {"글로벌혁신센터", 2}, {"kicchina", 2},
    {"koreainnovationcenter", 1}, {"weekly뉴스", 1}, {"china창업", 1},
};

constexpr Cue kKiepCues[] = {
    {"대외경제정책연구원", 3}, {"kiep", 2},     {"kiep.go.kr", 1},
    {"보도자료", 2},           {"배포일시", 2}, {"배포부서", 1},
};

// A KIEP file must be a press release: KIEP's name alone is cited in many briefs. The form's labels
// start their lines ("배포일시 2018년 ..."); "보도자료" stands alone as the form's title.
constexpr std::string_view kPressLabels[] = {"배포일시", "보도일시", "보도시기", "배포부서"};
constexpr std::string_view kPressTitle = "보도자료";

struct Zones {
  std::string edges;           // head and tail lines, CueForm
  std::string all;             // every line, CueForm
  bool press_release = false;  // a head line is a press-release label or title
};

bool IsPressLabel(std::string_view form) {
  if (form == kPressTitle) return true;
  for (std::string_view label : kPressLabels) {
    if (form.starts_with(label)) return true;
  }
  return false;
}

Zones BuildZones(const std::vector<std::string_view>& lines) {
  std::vector<std::string> forms;
  for (std::string_view line : lines) {
    if (!IsBlank(line)) forms.push_back(CueForm(line));
  }
  Zones z;
  for (size_t i = 0; i < forms.size(); ++i) {
    if (i < kZoneLines) z.press_release = z.press_release || IsPressLabel(forms[i]);
    const bool edge = i < kZoneLines || i + kZoneLines >= forms.size();
    if (edge) z.edges.append(forms[i]).push_back('\n');
    z.all.append(forms[i]).push_back('\n');
  }
  return z;
}

template <size_t N>
int Score(const Zones& z, const Cue (&cues)[N]) {
  int score = 0;
  for (const Cue& cue : cues) {
    if (z.edges.find(cue.text) != std::string::npos) {
      score += cue.weight;
    } else if (z.all.find(cue.text) != std::string::npos) {
      score += 1;
    }
  }
  return score;
}

}  // namespace

PublisherScores ScorePublishers(const std::vector<std::string_view>& lines) {
  const Zones z = BuildZones(lines);
  PublisherScores s;
  s.kostec = Score(z, kKostecCues);
  s.kic = Score(z, kKicCues);
  s.kiep = z.press_release ? Score(z, kKiepCues) : 0;
  return s;
}

Publisher DetectPublisher(const std::vector<std::string_view>& lines) {
  const PublisherScores s = ScorePublishers(lines);
  struct Candidate {
    Publisher publisher;
    int score;
  };
  const Candidate candidates[] = {
      {Publisher::kKostec, s.kostec}, {Publisher::kKic, s.kic}, {Publisher::kKiep, s.kiep}};
  Candidate best{Publisher::kOther, 0};
  bool tied = false;
  for (const Candidate& c : candidates) {
    if (c.score > best.score) {
      best = c;
      tied = false;
    } else if (c.score == best.score) {
      tied = true;
    }
  }
  if (best.score < kMinPublisherScore || tied) return Publisher::kOther;
  return best.publisher;
}

}  // namespace briefsearch::parse::internal
