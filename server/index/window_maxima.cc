#include "server/index/window_maxima.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace briefsearch::index {
namespace {

// Headroom of a table's average length over the index's when it is computed.
constexpr double kAverageHeadroom = 1.05;

// Bytes of a key: the segment core's address, the BM25 constants but the average, and the term.
std::string KeyOf(const void* segment, const Lucene::TermPtr& term, const NormParams& norm) {
  std::string key(sizeof(segment) + 2 * sizeof(double), '\0');
  char* p = key.data();
  std::memcpy(p, &segment, sizeof(segment));
  std::memcpy(p + sizeof(segment), &norm.fixed, sizeof(double));
  std::memcpy(p + sizeof(segment) + sizeof(double), &norm.missing_norm, sizeof(double));
  const std::wstring field = term->field(), text = term->text();
  key.append(reinterpret_cast<const char*>(field.data()), field.size() * sizeof(wchar_t));
  key.push_back('\0');
  key.append(reinterpret_cast<const char*>(text.data()), text.size() * sizeof(wchar_t));
  return key;
}

// The least q with q / 255 >= ratio (ratio < 1: BM25's tf / (tf + norm) with norm > 0).
uint8_t RoundUp(double ratio) {
  double q = std::ceil(ratio * WindowTable::kSteps);
  if (q / WindowTable::kSteps < ratio) q += 1;  // the product rounded down
  return static_cast<uint8_t>(std::clamp(q, 1.0, WindowTable::kSteps));
}

}  // namespace

WindowTable ComputeWindowTable(const Lucene::IndexReaderPtr& segment, const Lucene::TermPtr& term,
                               const Lucene::Collection<int32_t>& lengths, const NormParams& norm) {
  WindowTable table;
  Lucene::TermDocsPtr docs = segment->termDocs(term);
  if (!docs) return table;
  const int32_t* length_data = lengths.size() > 0 ? &lengths[0] : nullptr;
  const int32_t length_count = lengths.size();
  constexpr int32_t kBatch = 256;
  auto doc_batch = Lucene::Collection<int32_t>::newInstance(kBatch);
  auto freq_batch = Lucene::Collection<int32_t>::newInstance(kBatch);
  for (;;) {
    const int32_t n = docs->read(doc_batch, freq_batch);
    if (n <= 0) break;
    for (int32_t i = 0; i < n; ++i) {
      const int32_t doc = doc_batch[i];
      const double tf = freq_batch[i];
      // As Bm25Postings::Score computes the norm.
      const double doc_norm =
          doc < length_count ? norm.fixed + norm.per_length * length_data[doc] : norm.missing_norm;
      const uint8_t q = RoundUp(tf / (tf + doc_norm));
      const auto window = static_cast<size_t>(WindowOf(doc));
      if (table.quantized.size() <= window) table.quantized.resize(window + 1, 0);
      table.quantized[window] = std::max(table.quantized[window], q);
    }
  }
  table.quantized.shrink_to_fit();
  return table;
}

WindowMaximaCache& WindowMaximaCache::Global() {
  static WindowMaximaCache* cache = new WindowMaximaCache(size_t{128} << 20);
  return *cache;
}

std::shared_ptr<const WindowTable> WindowMaximaCache::Get(const Lucene::IndexReaderPtr& segment,
                                                          const Lucene::TermPtr& term,
                                                          const Lucene::Collection<int32_t>& lengths,
                                                          const NormParams& norm) {
  const Lucene::LuceneObjectPtr core = segment->getFieldCacheKey();
  const std::string key = KeyOf(core.get(), term, norm);
  {
    std::lock_guard lock(mu_);
    auto it = by_key_.find(key);
    if (it != by_key_.end()) {
      // per_length = k1 * b / average: a table made for a larger average bounds this one.
      if (!it->second->segment.expired() && it->second->per_length <= norm.per_length) {
        lru_.splice(lru_.begin(), lru_, it->second);
        return it->second->table;
      }
      EraseLocked(it);  // its segment closed (the address reused), or its average passed
    }
  }
  // Computed outside the lock: two searches may both compute a table; the second insert wins.
  NormParams headroom = norm;
  headroom.per_length = norm.per_length / kAverageHeadroom;
  auto table =
      std::make_shared<const WindowTable>(ComputeWindowTable(segment, term, lengths, headroom));
  const size_t bytes = key.size() + table->quantized.size() + 128;
  std::lock_guard lock(mu_);
  ++computed_;
  if (bytes > max_bytes_) return table;
  if (auto it = by_key_.find(key); it != by_key_.end()) EraseLocked(it);  // another search's
  lru_.push_front({key, core, headroom.per_length, table, bytes});
  by_key_[key] = lru_.begin();
  bytes_ += bytes;
  while (bytes_ > max_bytes_ && !lru_.empty()) EraseLocked(by_key_.find(lru_.back().key));
  return table;
}

void WindowMaximaCache::EraseLocked(ByKey::iterator it) {
  bytes_ -= it->second->bytes;
  lru_.erase(it->second);
  by_key_.erase(it);
}

int64_t WindowMaximaCache::computed() const {
  std::lock_guard lock(mu_);
  return computed_;
}

}  // namespace briefsearch::index
