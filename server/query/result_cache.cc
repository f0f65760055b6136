#include "server/query/result_cache.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

namespace briefsearch::query {
namespace {
// Per-entry bookkeeping (list node, map node, string headers) on top of the key (held twice: in
// the entry and in the map) and the value.
constexpr size_t kEntryOverhead = 160;
}  // namespace

ResultCache::ResultCache(size_t max_bytes) : max_bytes_(max_bytes) {}

std::string ResultCache::Key(const v1::SearchRequest& request, int32_t day) {
  std::string key;
  {
    // Deterministic, so equal requests give equal bytes whatever the client library wrote.
    google::protobuf::io::StringOutputStream stream(&key);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&out);
  }
  key.append(reinterpret_cast<const char*>(&day), sizeof(day));
  return key;
}

bool ResultCache::AdvanceLocked(int64_t generation) {
  if (generation < generation_) return false;
  if (generation > generation_) {
    lru_.clear();
    by_key_.clear();
    bytes_ = 0;
    generation_ = generation;
  }
  return true;
}

bool ResultCache::Lookup(const v1::SearchRequest& request, int64_t generation, int32_t day,
                         v1::SearchResponse* response) {
  if (max_bytes_ == 0) return false;
  const std::string key = Key(request, day);
  std::lock_guard lock(mu_);
  auto it = generation == generation_ ? by_key_.find(key) : by_key_.end();
  if (it == by_key_.end()) {
    ++misses_;
    return false;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  if (!response->ParseFromString(it->second->response)) {
    // Cannot happen for bytes we serialized; treat as a miss rather than answer wrongly.
    ++misses_;
    return false;
  }
  ++hits_;
  return true;
}

void ResultCache::Insert(const v1::SearchRequest& request, int64_t generation, int32_t day,
                         const v1::SearchResponse& response) {
  if (max_bytes_ == 0) return;
  Entry entry{Key(request, day), response.SerializeAsString()};
  const size_t size = 2 * entry.key.size() + entry.response.size() + kEntryOverhead;
  if (size > max_bytes_ / 8) return;  // one huge page (explain output) must not flush the rest
  std::lock_guard lock(mu_);
  if (!AdvanceLocked(generation)) return;
  if (auto old = by_key_.find(entry.key); old != by_key_.end()) {
    bytes_ -= 2 * old->second->key.size() + old->second->response.size() + kEntryOverhead;
    lru_.erase(old->second);
    by_key_.erase(old);
  }
  while (!lru_.empty() && bytes_ + size > max_bytes_) {
    const Entry& victim = lru_.back();
    bytes_ -= 2 * victim.key.size() + victim.response.size() + kEntryOverhead;
    by_key_.erase(victim.key);
    lru_.pop_back();
  }
  lru_.push_front(std::move(entry));
  by_key_.emplace(lru_.front().key, lru_.begin());
  bytes_ += size;
}

ResultCacheStats ResultCache::stats() const {
  std::lock_guard lock(mu_);
  return {hits_, misses_, static_cast<int64_t>(lru_.size()), static_cast<int64_t>(bytes_)};
}

}  // namespace briefsearch::query
