// The words a generated corpus is made of, learned from the project's own sample briefs
// (examples/briefs) and stretched with synthetic Korean words so that a million articles still have
// a long tail of rare words.
//
// Every word is an Entry with a stable id (its index): prose records which ids an article uses,
// and queries are drawn from those ids by document frequency. Korean words are ranked (learned
// words first, by their frequency in the samples, then synthetic ones) and drawn Zipf-like by rank.
//
// Thread-safety: immutable after Build; share freely.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/gen/random.h"

namespace briefsearch::gen {

enum class WordKind : uint8_t { kKorean, kHanSimplified, kHanTraditional, kEnglish };

struct Entry {
  std::string text;
  WordKind kind;
};

// A Chinese term as the briefs write it: 왕시원(王喜文). `reading` is a Korean entry id, or -1 when
// the samples gave none (the prose then puts the term after an ordinary word: 엔젤
// 모펀드(天使母基金)). `traditional` is -1 when OpenCC's Traditional form is the Simplified one.
struct HanTerm {
  int32_t reading = -1;
  int32_t simplified = -1;
  int32_t traditional = -1;
};

struct VocabularyOptions {
  std::string samples_dir;            // examples/briefs: *.txt, *.md in UTF-8
  int64_t synthetic_words = 400'000;  // Korean words built from the samples' syllables
  double zipf_exponent = 1.0;         // weight of rank r is 1 / r^s
  uint64_t seed = 1;
};

class Vocabulary {
 public:
  static absl::StatusOr<Vocabulary> Build(const VocabularyOptions& options);

  const Entry& entry(uint32_t id) const { return entries_[id]; }
  size_t size() const { return entries_.size(); }
  // Korean words in rank order (ids), and how many of them came from the samples.
  const std::vector<uint32_t>& korean() const { return korean_; }
  size_t learned_korean() const { return learned_korean_; }
  const std::vector<HanTerm>& han_terms() const { return han_terms_; }
  const std::vector<uint32_t>& english() const { return english_; }

  // A Korean word id, Zipf-distributed over the ranks.
  uint32_t DrawKorean(Rng& rng) const { return zipf_->Draw(rng); }

 private:
  uint32_t Add(std::string text, WordKind kind);

  std::vector<Entry> entries_;
  std::vector<uint32_t> korean_;
  size_t learned_korean_ = 0;
  std::vector<HanTerm> han_terms_;
  std::vector<uint32_t> english_;
  std::shared_ptr<const AliasTable> zipf_;
};

}  // namespace briefsearch::gen
