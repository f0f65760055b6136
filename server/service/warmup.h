// Exercises every query, lookup and snippet path once before serving. Lucene++ 3.0.8 creates some
// shared objects lazily and races when several threads do it first (upstream #181): doing it here,
// on one thread, then once on each search worker, makes the first real queries safe and fast.
#pragma once

#include "absl/status/status.h"
#include "server/common/thread_pool.h"
#include "server/index/index_manager.h"
#include "server/query/search_engine.h"

namespace briefsearch::service {

absl::Status WarmUp(index::IndexManager* index, const query::SearchEngine* engine, ThreadPool* pool);

}  // namespace briefsearch::service
