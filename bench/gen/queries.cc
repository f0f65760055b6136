#include "bench/gen/queries.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "bench/gen/civil_date.h"
#include "bench/gen/issue_maker.h"

namespace briefsearch::gen {
namespace {

constexpr std::string_view kSampleClasses[] = {
    "two_words", "three_words", "phrase", "chinese", "mixed_en", "publisher_filter", "date_filter"};

template <typename T>
const T& Pick(Rng& rng, const std::vector<T>& v) {
  return v[rng.Below(v.size())];
}

}  // namespace

QueryMaterial::QueryMaterial(const Vocabulary& vocabulary, uint64_t seed, size_t reservoir)
    : v_(vocabulary), rng_(seed), df_(vocabulary.size()), reservoir_size_(reservoir) {}

void QueryMaterial::AddArticle(const char* publisher, int64_t published, WordLog* log) {
  std::sort(log->ids.begin(), log->ids.end());
  log->ids.erase(std::unique(log->ids.begin(), log->ids.end()), log->ids.end());
  for (uint32_t id : log->ids) ++df_[id];
  ++articles_;
  size_t slot = reservoir_.size();
  if (reservoir_.size() >= reservoir_size_) {
    slot = rng_.Below(uint64_t(articles_));
    if (slot >= reservoir_size_) return;
  } else {
    reservoir_.emplace_back();
  }
  Sample& s = reservoir_[slot];
  s = Sample{publisher, published, {}, {}, {}, std::move(log->bigrams)};
  for (uint32_t id : log->ids) {
    switch (v_.entry(id).kind) {
      case WordKind::kKorean:
        s.korean.push_back(id);
        break;
      case WordKind::kHanSimplified:
      case WordKind::kHanTraditional:
        s.han.push_back(id);
        break;
      case WordKind::kEnglish:
        s.english.push_back(id);
        break;
    }
  }
}

// Korean words with lo <= df <= hi; when fewer than `want`, those nearest to the band by rank in
// document-frequency order make up the number.
std::vector<uint32_t> QueryMaterial::ByDocumentFrequency(int64_t lo, int64_t hi, size_t want) {
  std::vector<std::pair<uint32_t, uint32_t>> by_df;  // (df, id)
  for (uint32_t id : v_.korean()) {
    if (df_[id] > 0) by_df.emplace_back(df_[id], id);
  }
  std::sort(by_df.begin(), by_df.end());
  const auto first = std::lower_bound(by_df.begin(), by_df.end(), std::make_pair(uint32_t(lo), 0u));
  const auto last =
      std::upper_bound(by_df.begin(), by_df.end(), std::make_pair(uint32_t(hi), UINT32_MAX));
  size_t b = size_t(first - by_df.begin()), e = size_t(last - by_df.begin());
  while (e - b < want && (b > 0 || e < by_df.size())) {
    if (e < by_df.size()) ++e;
    if (e - b < want && b > 0) --b;
  }
  std::vector<uint32_t> out;
  for (size_t i = b; i < e; ++i) out.push_back(by_df[i].second);
  return out;
}

void QueryMaterial::OneWord(const std::string& cls, int64_t lo, int64_t hi, int per_class,
                            std::vector<Query>* out) {
  std::vector<uint32_t> pool = ByDocumentFrequency(lo, hi, size_t(per_class));
  // Partial Fisher-Yates: distinct words while the pool lasts.
  for (int i = 0; i < per_class && !pool.empty(); ++i) {
    const size_t k = size_t(i) % pool.size();
    if (size_t(i) < pool.size()) std::swap(pool[k], pool[k + rng_.Below(pool.size() - k)]);
    Query q;
    q.query_class = cls;
    q.words = {v_.entry(pool[k]).text};
    q.query = q.words[0];
    out->push_back(std::move(q));
  }
}

std::optional<Query> QueryMaterial::FromSample(const std::string& cls, const Sample& s) {
  Query q;
  q.query_class = cls;
  auto korean = [&](size_t n) {
    if (s.korean.size() < n) return false;
    std::vector<uint32_t> ids = s.korean;
    for (size_t i = 0; i < n; ++i) {
      std::swap(ids[i], ids[i + rng_.Below(ids.size() - i)]);
      q.words.push_back(v_.entry(ids[i]).text);
    }
    return true;
  };
  if (cls == "two_words" || cls == "three_words") {
    if (!korean(cls == "two_words" ? 2 : 3)) return std::nullopt;
  } else if (cls == "phrase") {
    if (s.bigrams.empty()) return std::nullopt;
    const auto [a, b] = Pick(rng_, s.bigrams);
    q.words = {v_.entry(a).text, v_.entry(b).text};
    q.phrase = true;
    q.query = absl::StrCat("\"", q.words[0], " ", q.words[1], "\"");
    return q;
  } else if (cls == "chinese") {
    if (s.han.empty()) return std::nullopt;
    q.words = {v_.entry(Pick(rng_, s.han)).text};
  } else if (cls == "mixed_en") {
    if (s.english.empty()) return std::nullopt;
    q.words = {v_.entry(Pick(rng_, s.english)).text};
    if (!korean(1)) return std::nullopt;
  } else if (cls == "publisher_filter") {
    if (!korean(1)) return std::nullopt;
    q.publisher = s.publisher;
  } else if (cls == "date_filter") {
    if (!korean(1)) return std::nullopt;
    // A window of 3 months to 2 years around the article's date, clipped to the corpus' span.
    const int64_t before_days = rng_.Between(0, 365), length = rng_.Between(90, 730);
    const int64_t after = std::max(IssueMaker::kFirstDay, s.published - before_days);
    const int64_t before = std::max(s.published, after + length);
    q.after = IsoDate(after);
    q.before = IsoDate(before);
  }
  q.query = absl::StrJoin(q.words, " ");
  return q;
}

std::vector<Query> QueryMaterial::MakeQueries(int per_class) {
  std::vector<Query> out;
  const int64_t n = std::max<int64_t>(articles_, 1);
  OneWord("one_rare", 1, std::max<int64_t>(2, n / 5000), per_class, &out);
  OneWord("one_medium", std::max<int64_t>(3, n / 1000), std::max<int64_t>(5, n / 100), per_class,
          &out);
  OneWord("one_common", std::max<int64_t>(5, n / 10), n, per_class, &out);
  for (std::string_view cls : kSampleClasses) {
    std::set<std::string> seen;
    int made = 0;
    for (int tries = 0; made < per_class && tries < 50 * per_class && !reservoir_.empty();
         ++tries) {
      std::optional<Query> q = FromSample(std::string(cls), Pick(rng_, reservoir_));
      if (!q) continue;
      const std::string key = absl::StrCat(q->query, "|", q->publisher, "|", q->after);
      if (!seen.insert(key).second && tries < 20 * per_class) continue;
      out.push_back(std::move(*q));
      ++made;
    }
  }
  for (size_t i = 0; i < out.size(); ++i) out[i].id = absl::StrFormat("q%04d", i + 1);
  return out;
}

std::string QueryJson(const Query& q) {
  nlohmann::ordered_json j;
  auto opt = [](const std::string& s) {
    return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s);
  };
  j["id"] = q.id;
  j["class"] = q.query_class;
  j["query"] = q.query;
  j["words"] = q.words;
  j["phrase"] = q.phrase;
  j["publisher"] = opt(q.publisher);
  j["after"] = opt(q.after);
  j["before"] = opt(q.before);
  return j.dump();
}

}  // namespace briefsearch::gen
