// briefsearch-inproc: the same analysis chain, index manager and search engine as briefsearchd,
// called in-process with no gRPC and no parsing. Its ingestion rate and query throughput are the
// ceiling the server is measured against (bench/FORMAT.md result object on stdout).
//
//   briefsearch-inproc --corpus DIR --data-dir DIR [--threads 1,8] [--seconds 10] [--reuse]
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "absl/strings/str_split.h"
#include "bench/common/closed_loop.h"
#include "bench/common/corpus_reader.h"
#include "bench/common/flags.h"
#include "bench/common/measure.h"
#include "server/analysis/analyzer.h"
#include "server/common/malloc_tuning.h"
#include "server/index/index_manager.h"
#include "server/index/issue_validation.h"
#include "server/query/search_engine.h"
#include "server/query/split_search.h"

namespace bs = briefsearch;
namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  bs::TuneMallocForServer();  // as briefsearchd does, so the ceiling is measured the same way
  std::string corpus, data_dir, threads_list = "1,8", tier;
  double seconds = 10;
  bool reuse = false;
  int feed_threads = 8;
  int force_merge = 0;
  bs::query::PlannerOptions planner_options;
  std::string top_ids_path, query_times_path;
  int split_threads = bs::query::DefaultSplitThreads();
  int64_t track_total_hits = 0;
  po::options_description desc("briefsearch-inproc");
  desc.add_options()("help", "this text")(
      "corpus", po::value(&corpus)->required(), "directory with articles.jsonl and queries.jsonl")(
      "data-dir", po::value(&data_dir)->required(), "index directory (created)")(
      "threads", po::value(&threads_list)->default_value("1,8"), "closed-loop thread counts")(
      "seconds", po::value(&seconds)->default_value(10), "seconds per run")(
      "tier", po::value(&tier)->default_value(""), "label for the report")(
      "reuse", po::bool_switch(&reuse), "search an index already built in --data-dir")(
      "feed-threads", po::value(&feed_threads)->default_value(8),
      "threads upserting at once while indexing (as bs-feed --concurrency)")(
      "force-merge", po::value(&force_merge)->default_value(0),
      "merge the index to at most this many segments before searching (0: leave it as built)")(
      "gram-fallback-below",
      po::value(&planner_options.gram_fallback_below)
          ->default_value(planner_options.gram_fallback_below),
      "as briefsearchd --gram-fallback-below")(
      "top-ids", po::value(&top_ids_path),
      "write each query's first page of article ids here (JSON object), to compare rankings")(
      "split-threads", po::value(&split_threads)->default_value(split_threads),
      "as briefsearchd --split-threads (a search running alone is scored in two halves)")(
      "track-total-hits", po::value(&track_total_hits)->default_value(0),
      "SearchRequest.track_total_hits of the timed searches and of --top-ids (the hit counts "
      "recorded are exact)")(
      "use-boolean-query", po::bool_switch(&planner_options.use_boolean_query),
      "plan words and AND groups as Lucene BooleanQuery (as before WordQuery and AndQuery)")(
      "query-times", po::value(&query_times_path),
      "write each query's fastest of three single-thread runs here (JSON lines: id, class, query, "
      "us, hits), to find what the percentiles are made of");
  if (auto code = bs::bench::ParseFlags(argc, argv, desc, "briefsearch-inproc")) return *code;
  if (feed_threads < 1) {
    std::cerr << "briefsearch-inproc: --feed-threads must be at least 1\n";
    return 2;
  }
  auto fail = [](const absl::Status& s) {
    std::cerr << "briefsearch-inproc: " << s << "\n";
    return 1;
  };

  bs::analysis::Analyzer analyzer;
  // Every checksum checked at open, as briefsearchd did before checking big files in the
  // background: no background reads under the query timings, and open_seconds stays comparable.
  bs::index::IndexOptions options{.data_dir = data_dir,
                                  .commit_after_ops = 1 << 30,
                                  .verify_sync_max_mb = int64_t{1} << 40};
  nlohmann::ordered_json out;
  out["engine"] = "briefsearch-inproc";
  out["tier"] = tier;
  int64_t articles = 0, text_bytes = 0;
  if (!reuse) {
    std::filesystem::remove_all(data_dir);
    auto index = bs::index::IndexManager::Open(options, &analyzer);
    if (!index.ok()) return fail(index.status());
    const auto t0 = Clock::now();
    // `feed_threads` writers upsert at once, as bs-feed's concurrent gRPC calls do, so both paths
    // get the same group commit (one log fsync and reader reopen per group of writes).
    std::mutex mu;
    std::condition_variable cv;
    std::deque<bs::v1::Issue> queue;
    bool done = false;
    absl::Status first_error;
    std::vector<std::thread> writers;
    for (int t = 0; t < feed_threads; ++t) {
      writers.emplace_back([&] {
        for (;;) {
          bs::v1::Issue issue;
          {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return done || !queue.empty(); });
            if (queue.empty()) return;
            issue = std::move(queue.front());
            queue.pop_front();
          }
          cv.notify_all();
          // As the server's UpsertIssue does: NFC, article ids and ordinals.
          absl::Status st = bs::index::ValidateAndNormalizeIssue(&issue);
          if (st.ok()) st = (*index)->Upsert(issue).status();
          if (!st.ok()) {
            std::lock_guard lock(mu);
            if (first_error.ok()) first_error = st;
          }
        }
      });
    }
    absl::Status s = bs::bench::ForEachIssue(
        corpus + "/articles.jsonl",
        [&](const bs::v1::Issue& issue) {
          articles += issue.articles_size();
          std::unique_lock lock(mu);
          cv.wait(lock, [&] { return queue.size() < 64; });
          queue.push_back(issue);
          cv.notify_all();
          return first_error;
        },
        &text_bytes);
    {
      std::lock_guard lock(mu);
      done = true;
    }
    cv.notify_all();
    for (auto& w : writers) w.join();
    if (s.ok()) s = first_error;
    if (!s.ok()) return fail(s);
    if (s = (*index)->Commit(); !s.ok()) return fail(s);
    const double took = bs::bench::SecondsSince(t0);
    out["index_seconds"] = took;
    out["articles_per_second"] = articles / took;
    out["mb_per_second"] = text_bytes / 1e6 / took;
    if (s = (*index)->Close(); !s.ok()) return fail(s);
  }
  auto open_start = Clock::now();
  auto index = bs::index::IndexManager::Open(options, &analyzer);
  if (!index.ok()) return fail(index.status());
  if (force_merge > 0) {
    const auto merge_start = Clock::now();
    if (absl::Status s = (*index)->ForceMerge(force_merge); absl::IsFailedPrecondition(s)) {
      out["force_merge_skipped"] = std::string(s.message());  // too big for one segment
    } else if (!s.ok()) {
      return fail(s);
    }
    out["force_merge_segments"] = force_merge;
    out["force_merge_seconds"] = bs::bench::SecondsSince(merge_start);
    open_start += Clock::now() - merge_start;  // open_seconds leaves the merge out
  }
  auto queries = bs::bench::ReadQueries(corpus + "/queries.jsonl");
  if (!queries.ok()) return fail(queries.status());
  const std::unique_ptr<bs::ThreadPool> split_pool = bs::query::MakeSplitPool(split_threads);
  out["split_threads"] = split_threads;
  out["track_total_hits"] = track_total_hits;
  bs::query::SearchEngine engine(&analyzer, bs::query::SearchLimits(), planner_options,
                                 split_pool.get());
  nlohmann::ordered_json hits = nlohmann::ordered_json::object();
  nlohmann::ordered_json top_ids = nlohmann::ordered_json::object();
  {
    bs::v1::SearchResponse first;
    (void)engine.Search(*(*index)->Snapshot(), queries->front().request, &first);
    out["open_seconds"] = bs::bench::SecondsSince(open_start);
  }
  for (auto& q : *queries) {  // the untimed warm pass also records the hit counts
    bs::v1::SearchResponse response;
    absl::Status s = engine.Search(*(*index)->Snapshot(), q.request, &response);
    hits[q.id] = s.ok() ? int64_t(response.total_hits()) : -1;
    q.request.set_track_total_hits(track_total_hits);  // what is timed from here on
    if (track_total_hits > 0) {
      response.Clear();
      (void)engine.Search(*(*index)->Snapshot(), q.request, &response);
    }
    if (!top_ids_path.empty()) {
      nlohmann::ordered_json ids = nlohmann::ordered_json::array();
      for (const auto& h : response.hits()) ids.push_back(h.id());
      top_ids[q.id] = std::move(ids);
    }
  }
  if (!top_ids_path.empty()) {
    std::ofstream f(top_ids_path);
    f << top_ids.dump() << "\n";
    if (!f) return fail(absl::InternalError("cannot write " + top_ids_path));
  }
  if (!query_times_path.empty()) {
    std::ofstream f(query_times_path);
    for (const auto& q : *queries) {
      int64_t best_us = INT64_MAX;
      bs::v1::SearchResponse response;
      for (int run = 0; run < 3; ++run) {
        const auto t = Clock::now();
        (void)engine.Search(*(*index)->Snapshot(), q.request, &response);
        best_us = std::min<int64_t>(best_us, std::chrono::duration_cast<std::chrono::microseconds>(
                                                 Clock::now() - t).count());
      }
      f << nlohmann::ordered_json{{"id", q.id}, {"class", q.query_class},
                                  {"query", q.request.query()}, {"us", best_us},
                                  {"hits", response.total_hits()}}.dump()
        << "\n";
    }
    if (!f) return fail(absl::InternalError("cannot write " + query_times_path));
  }
  if (articles == 0) {
    bs::v1::StatsResponse stats;
    (void)engine.CountDocuments(*(*index)->Snapshot(), &stats);
    articles = stats.articles();
  }
  out["articles"] = articles;
  out["index_bytes"] = bs::bench::DirectoryBytes(data_dir + "/index");
  out["text_bytes"] = text_bytes;
  std::vector<std::string> classes;
  for (const auto& q : *queries) classes.push_back(q.query_class);
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (auto part : absl::StrSplit(threads_list, ',', absl::SkipWhitespace())) {
    int n = std::stoi(std::string(part));
    if (n <= 0) continue;
    runs.push_back(bs::bench::RunClosedLoop(classes, n, seconds, [&](int, size_t q) {
      bs::v1::SearchResponse response;
      return engine.Search(*(*index)->Snapshot(), (*queries)[q].request, &response);
    }));
  }
  out["runs"] = runs;
  out["peak_rss_kb"] = bs::bench::PeakRssKb();
  out["hits"] = hits;
  std::cout << out.dump() << std::endl;
  return 0;
}
