// Which publisher wrote an issue, from its text alone. Internal to indexer/parse.
//
// Every publisher has several cues (its name, masthead, site, layout words). A cue found in the
// head or the tail of the file, where mastheads and footers live, scores its full weight; found
// only in the body (an article citing another publisher) it scores 1. The best score wins when it
// reaches kMinPublisherScore and is not tied; anything else is OTHER.
#pragma once

#include <string_view>
#include <vector>

#include "indexer/parse/parsed_issue.h"

namespace briefsearch::parse::internal {

inline constexpr int kMinPublisherScore = 5;

struct PublisherScores {
  int kostec = 0;
  int kic = 0;
  int kiep = 0;  // 0 unless a head line is a press-release label ("보도자료" alone, "배포일시 ...")
};

PublisherScores ScorePublishers(const std::vector<std::string_view>& lines);
Publisher DetectPublisher(const std::vector<std::string_view>& lines);

}  // namespace briefsearch::parse::internal
