// Korean brief prose over a Vocabulary: sentences with particles and endings, Chinese terms in
// parentheses (왕시원(王喜文), Simplified or Traditional), English names, numbers and dates;
// titles, list items and paragraphs. Records which vocabulary entries it wrote, for document
// frequencies and query sampling.
//
// Every token join passes SafeJoin, so no cue the indexer's parsers look for appears by accident.
// Thread-safety: const methods only; each caller brings its own Rng and WordLog.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bench/gen/random.h"
#include "bench/gen/vocabulary.h"

namespace briefsearch::gen {

// What one article wrote.
struct WordLog {
  std::vector<uint32_t> ids;  // every entry written, repeats included
  // Two Korean words written literally as "a b" (a without particle): phrase query material.
  std::vector<std::pair<uint32_t, uint32_t>> bigrams;
  void Clear() {
    ids.clear();
    bigrams.clear();
  }
};

class Prose {
 public:
  explicit Prose(const Vocabulary& vocabulary) : v_(vocabulary) {}

  // "…을 확대할 계획이다." Mentions a year near `year`.
  std::string Sentence(Rng& rng, int year, WordLog* log) const;
  std::string Paragraph(Rng& rng, int year, WordLog* log) const;
  // "베이징시, 반도체 산업 육성 방안 발표": starts with a Korean word, no list mark, no digits.
  std::string Title(Rng& rng, WordLog* log) const;
  // A noun phrase for list items and headlines, without a sentence ending.
  std::string Phrase(Rng& rng, int year, WordLog* log) const;
  // A news outlet as the briefs credit it: "제일재경(第一财经)", and its short name.
  std::pair<std::string, std::string> Outlet(Rng& rng) const;

 private:
  class Writer;
  void AddToken(Rng& rng, int year, bool allow_particle, Writer* w, WordLog* log) const;
  void AddKorean(Rng& rng, bool allow_particle, Writer* w, WordLog* log) const;

  const Vocabulary& v_;
};

}  // namespace briefsearch::gen
