// The query set (bench/FORMAT.md queries.jsonl), drawn with a fixed seed from what the corpus
// really holds: single words by their document frequency over all articles, and multi-word,
// phrase, Chinese, mixed and filtered queries from a uniform sample of articles, so that every
// query has at least one hit by construction.
//
// Thread-safety: none.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/gen/prose.h"
#include "bench/gen/random.h"
#include "bench/gen/vocabulary.h"

namespace briefsearch::gen {

struct Query {
  std::string id;
  std::string query_class;
  std::string query;  // briefsearch syntax, no filters
  std::vector<std::string> words;
  bool phrase = false;
  std::string publisher;  // "" = none
  std::string after, before;
};

// Collects, article by article, each word's document frequency and a reservoir sample of
// articles (Vitter's algorithm R), then draws the queries.
class QueryMaterial {
 public:
  QueryMaterial(const Vocabulary& vocabulary, uint64_t seed, size_t reservoir = 4096);

  // `log` is consumed (its ids sorted and deduplicated).
  void AddArticle(const char* publisher, int64_t published, WordLog* log);

  std::vector<Query> MakeQueries(int per_class);
  int64_t articles() const { return articles_; }

 private:
  struct Sample {
    const char* publisher;
    int64_t published;
    std::vector<uint32_t> korean, han, english;
    std::vector<std::pair<uint32_t, uint32_t>> bigrams;
  };
  std::vector<uint32_t> ByDocumentFrequency(int64_t lo, int64_t hi, size_t want);
  void OneWord(const std::string& cls, int64_t lo, int64_t hi, int per_class,
               std::vector<Query>* out);
  std::optional<Query> FromSample(const std::string& cls, const Sample& s);

  const Vocabulary& v_;
  Rng rng_;
  std::vector<uint32_t> df_;
  std::vector<Sample> reservoir_;
  size_t reservoir_size_;
  int64_t articles_ = 0;
};

// One JSON line per query, as FORMAT.md specifies.
std::string QueryJson(const Query& q);

}  // namespace briefsearch::gen
