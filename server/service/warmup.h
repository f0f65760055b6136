// Exercises every query, lookup and snippet path once before serving. Lucene++ 3.0.8 creates some
// shared objects lazily and races when several threads do it first (upstream #181): doing it here,
// on one thread, then once on each search worker, makes the first real queries safe and fast.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "server/common/thread_pool.h"
#include "server/index/index_manager.h"
#include "server/query/search_engine.h"

namespace briefsearch::service {

absl::Status WarmUp(index::IndexManager* index, const query::SearchEngine* engine, ThreadPool* pool);

// The word every warm-up query requires: one of the first terms of the article bodies' words
// field that is found in 1 to 100 articles ("warmup" when the index has none), so that the
// queries reach scoring and snippets while reading little.
std::string WarmUpWord(const index::IndexSnapshot& snapshot);

}  // namespace briefsearch::service
