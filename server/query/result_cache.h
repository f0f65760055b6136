// Recent search responses, reused while the index has not changed.
//
// Analysts repeat searches (the portal's saved searches, paging back and forth, the same name
// looked up by several people), and the index changes only when an ingest is published. A
// response is therefore valid exactly as long as the snapshot generation it was computed on is
// the current one: every entry is keyed by generation, and the first insert of a newer generation
// drops everything older at once. No time-based expiry is needed for correctness; the calendar
// day is part of the key only because prefer_recent scores by age.
//
// Bounded by bytes (key + serialized response), least recently used out first.
//
// Thread-safety: all methods may be called from any number of threads at once (one mutex; a
// lookup costs a hash of the request, far below the search it saves).
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "briefsearch/v1/search.pb.h"

namespace briefsearch::query {

struct ResultCacheStats {
  int64_t hits = 0;
  int64_t misses = 0;
  int64_t entries = 0;
  int64_t bytes = 0;
};

class ResultCache {
 public:
  // max_bytes 0 disables the cache (every lookup misses, nothing is stored).
  explicit ResultCache(size_t max_bytes);

  // The response cached for `request` on snapshot `generation` and calendar day `day`, if any;
  // took_micros is left as it was when computed.
  bool Lookup(const v1::SearchRequest& request, int64_t generation, int32_t day,
              v1::SearchResponse* response);
  // Stores a successful response. Ignored when `generation` is older than the newest seen (a
  // slow search finishing after a publish must not bring back an old answer).
  void Insert(const v1::SearchRequest& request, int64_t generation, int32_t day,
              const v1::SearchResponse& response);

  ResultCacheStats stats() const;

 private:
  struct Entry {
    std::string key;
    std::string response;  // serialized: a copy-free size, and parsing is cheap
  };
  static std::string Key(const v1::SearchRequest& request, int32_t day);
  // Drops every entry when `generation` is newer than the cached one; false when it is older.
  bool AdvanceLocked(int64_t generation);

  const size_t max_bytes_;
  mutable std::mutex mu_;
  int64_t generation_ = -1;
  size_t bytes_ = 0;
  std::list<Entry> lru_;  // front: most recently used
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
  int64_t hits_ = 0;
  int64_t misses_ = 0;
};

}  // namespace briefsearch::query
