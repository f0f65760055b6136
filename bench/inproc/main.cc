// briefsearch-inproc: the same analysis chain, index manager and search engine as briefsearchd,
// called in-process with no gRPC and no parsing. Its ingestion rate and query throughput are the
// ceiling the server is measured against (bench/FORMAT.md result object on stdout).
//
//   briefsearch-inproc --corpus DIR --data-dir DIR [--threads 1,8] [--seconds 10] [--reuse]
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "absl/strings/str_split.h"
#include "bench/inproc/corpus_reader.h"
#include "server/analysis/analyzer.h"
#include "server/index/index_manager.h"
#include "server/query/search_engine.h"

namespace bs = briefsearch;
namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

namespace {

int64_t PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int64_t DirBytes(const std::string& dir) {
  int64_t total = 0;
  std::error_code ec;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (e.is_regular_file(ec)) total += e.file_size(ec);
  }
  return total;
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double Seconds(Clock::time_point from) {
  return std::chrono::duration<double>(Clock::now() - from).count();
}

nlohmann::ordered_json Percentiles(std::vector<int64_t> us) {
  nlohmann::ordered_json j;
  if (us.empty()) return j;
  std::sort(us.begin(), us.end());
  auto at = [&](double p) { return us[std::min(us.size() - 1, size_t(p * us.size()))]; };
  j["p50"] = at(0.5);
  j["p90"] = at(0.9);
  j["p99"] = at(0.99);
  j["p999"] = at(0.999);
  return j;
}

struct Sample {
  int query;
  int64_t micros;
};

// `threads` workers each run the queries round-robin (from different offsets) until `seconds` pass.
nlohmann::ordered_json ClosedLoop(const bs::index::IndexManager& index,
                                  const bs::query::SearchEngine& engine,
                                  const std::vector<bs::bench::NamedQuery>& queries, int threads,
                                  double seconds) {
  std::vector<std::vector<Sample>> samples(threads);
  std::vector<double> cpu_seconds(threads);
  std::atomic<int64_t> errors{0};
  const auto start = Clock::now();
  const auto until = start + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(seconds));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      size_t i = t * queries.size() / threads;
      while (Clock::now() < until) {
        const auto& q = queries[i % queries.size()];
        auto snapshot = index.Snapshot();
        bs::v1::SearchResponse response;
        const auto t0 = Clock::now();
        if (!engine.Search(*snapshot, q.request, &response).ok()) ++errors;
        samples[t].push_back({int(i % queries.size()),
                              std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0)
                                  .count()});
        ++i;
      }
      cpu_seconds[t] = ThreadCpuSeconds();
    });
  }
  for (auto& th : pool) th.join();
  const double took = Seconds(start);
  std::vector<int64_t> all;
  std::map<std::string, std::vector<int64_t>> by_class;
  for (const auto& s : samples) {
    for (const Sample& x : s) {
      all.push_back(x.micros);
      by_class[queries[x.query].query_class].push_back(x.micros);
    }
  }
  nlohmann::ordered_json run;
  run["threads"] = threads;
  run["seconds"] = took;
  run["queries_run"] = all.size();
  run["qps"] = all.size() / took;
  run["errors"] = errors.load();
  double cpu = 0;
  for (double c : cpu_seconds) cpu += c;
  // CPU time per query: steadier than wall-clock figures when other work shares the machine.
  run["cpu_us_per_query"] = all.empty() ? 0 : cpu * 1e6 / all.size();
  run["latency_us"] = Percentiles(all);
  nlohmann::ordered_json classes = nlohmann::ordered_json::object();
  for (auto& [name, us] : by_class) {
    nlohmann::ordered_json c = Percentiles(us);
    c["qps"] = us.size() / took;
    classes[name] = c;
  }
  run["by_class"] = classes;
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus, data_dir, threads_list = "1,8", tier;
  double seconds = 10;
  bool reuse = false;
  po::options_description desc("briefsearch-inproc");
  desc.add_options()("help", "this text")(
      "corpus", po::value(&corpus)->required(), "directory with articles.jsonl and queries.jsonl")(
      "data-dir", po::value(&data_dir)->required(), "index directory (created)")(
      "threads", po::value(&threads_list)->default_value("1,8"), "closed-loop thread counts")(
      "seconds", po::value(&seconds)->default_value(10), "seconds per run")(
      "tier", po::value(&tier)->default_value(""), "label for the report")(
      "reuse", po::bool_switch(&reuse), "search an index already built in --data-dir");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "briefsearch-inproc: " << e.what() << "\n";
    return 2;
  }
  auto fail = [](const absl::Status& s) {
    std::cerr << "briefsearch-inproc: " << s << "\n";
    return 1;
  };

  bs::analysis::Analyzer analyzer;
  bs::index::IndexOptions options{.data_dir = data_dir, .commit_after_ops = 1 << 30};
  nlohmann::ordered_json out;
  out["engine"] = "briefsearch-inproc";
  out["tier"] = tier;
  int64_t articles = 0, text_bytes = 0;
  if (!reuse) {
    std::filesystem::remove_all(data_dir);
    auto index = bs::index::IndexManager::Open(options, &analyzer);
    if (!index.ok()) return fail(index.status());
    const auto t0 = Clock::now();
    absl::Status s = bs::bench::ForEachIssue(
        corpus + "/articles.jsonl",
        [&](const bs::v1::Issue& issue) {
          articles += issue.articles_size();
          return (*index)->Upsert(issue).status();
        },
        &text_bytes);
    if (!s.ok()) return fail(s);
    if (s = (*index)->Commit(); !s.ok()) return fail(s);
    const double took = Seconds(t0);
    out["index_seconds"] = took;
    out["articles_per_second"] = articles / took;
    out["mb_per_second"] = text_bytes / 1e6 / took;
    if (s = (*index)->Close(); !s.ok()) return fail(s);
  }
  const auto open_start = Clock::now();
  auto index = bs::index::IndexManager::Open(options, &analyzer);
  if (!index.ok()) return fail(index.status());
  auto queries = bs::bench::ReadQueries(corpus + "/queries.jsonl");
  if (!queries.ok()) return fail(queries.status());
  bs::query::SearchEngine engine(&analyzer);
  nlohmann::ordered_json hits = nlohmann::ordered_json::object();
  {
    bs::v1::SearchResponse first;
    (void)engine.Search(*(*index)->Snapshot(), queries->front().request, &first);
    out["open_seconds"] = Seconds(open_start);
  }
  for (const auto& q : *queries) {  // the untimed warm pass also records the hit counts
    bs::v1::SearchResponse response;
    absl::Status s = engine.Search(*(*index)->Snapshot(), q.request, &response);
    hits[q.id] = s.ok() ? int64_t(response.total_hits()) : -1;
  }
  if (articles == 0) {
    bs::v1::StatsResponse stats;
    (void)engine.CountDocuments(*(*index)->Snapshot(), &stats);
    articles = stats.articles();
  }
  out["articles"] = articles;
  out["index_bytes"] = DirBytes(data_dir + "/index");
  out["text_bytes"] = text_bytes;
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (auto part : absl::StrSplit(threads_list, ',')) {
    int n = std::stoi(std::string(part));
    if (n > 0) runs.push_back(ClosedLoop(**index, engine, *queries, n, seconds));
  }
  out["runs"] = runs;
  out["peak_rss_kb"] = PeakRssKb();
  out["hits"] = hits;
  std::cout << out.dump() << std::endl;
  return 0;
}
