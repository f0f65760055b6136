// The driver every C++ peer harness shares (bench/FORMAT.md): flags, timed indexing of
// articles.jsonl, the warm pass that records exact hit counts, RunClosedLoop per thread count, and
// the one-line result object. A peer supplies only a PeerEngine: how to index and how to search.
//
//   peer-X --corpus DIR --index-dir DIR [--threads 1,8] [--seconds 10] [--tier 10k] [peer flags]
#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace briefsearch::bench::peers {

// One line of articles.jsonl.
struct PeerArticle {
  std::string issue_id, publisher, issue_title, issue_number, published;
  std::string article_id, section, title, body;
  int ordinal = 0;
};

// One line of queries.jsonl: the structured form, so each peer builds its own query.
struct PeerQuery {
  std::string id, query_class;
  std::vector<std::string> words;
  bool phrase = false;        // the words stand together, in order
  std::string publisher;      // empty: any
  std::string after, before;  // inclusive YYYY-MM-DD bounds; empty: open
};

// An engine under test. Index calls come from one thread, in this order: Add()* FinishIndex().
// Then OpenForSearch(threads) once, and Search() from up to `threads` threads at once, each
// passing its own `thread` index (0-based), so per-thread handles need no locking.
class PeerEngine {
 public:
  virtual ~PeerEngine() = default;
  virtual absl::Status Add(const PeerArticle& article) = 0;
  // Flushes and closes the writer; the index on disk is complete afterwards.
  virtual absl::Status FinishIndex() = 0;
  virtual absl::Status OpenForSearch(int max_threads) = 0;
  // Retrieves the top 10 (ids, scores and stored titles). Returns the number of matching articles:
  // exact when `exact_count`, else whatever the engine reports by default for a top-10 search
  // (the timed loop passes false, so no engine pays for a count its users would not ask for).
  virtual absl::StatusOr<int64_t> Search(int thread, const PeerQuery& query, bool exact_count) = 0;
};

absl::StatusOr<std::vector<PeerQuery>> ReadPeerQueries(const std::string& queries_jsonl);
// Calls `on_article` for each line of articles.jsonl in order; `text_bytes` gets title+body bytes.
absl::Status ForEachPeerArticle(const std::string& articles_jsonl,
                                const std::function<absl::Status(const PeerArticle&)>& on_article,
                                int64_t* text_bytes);

struct PeerFlags {
  std::string corpus, index_dir, threads = "1,8", tier;
  double seconds = 10;
};

// Parses the common flags plus `extra` (the peer's own, bound to its variables), then calls
// `make` and runs the benchmark; prints the result object. Returns the process exit code.
int RunPeerMain(int argc, char** argv, const std::string& program,
                const boost::program_options::options_description& extra,
                const std::function<absl::StatusOr<std::unique_ptr<PeerEngine>>(
                    const PeerFlags& flags, std::string* engine_name)>& make);

}  // namespace briefsearch::bench::peers
