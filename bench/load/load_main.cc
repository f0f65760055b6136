// bs-load: an async gRPC load generator for briefsearchd. Prints bench/FORMAT.md's result object
// with engine "briefsearchd-grpc": closed-loop "runs" at each --concurrency, then "open_loop" runs
// with Poisson arrivals at fractions of the best closed-loop rate (latency from the intended start,
// so stalls are not hidden), and "hits" per query id from an untimed warm pass (they must equal
// briefsearch-inproc's on the same corpus). With --mixed-ingest DIR it also searches while
// upserting DIR/articles.jsonl and reports latency and server RSS under that mixed load.
//
//   bs-load --server ADDR --corpus DIR [--concurrency 1,2,4,8,16] [--seconds 10]
//           [--open-fractions 0.5,0.8] [--client-threads 2] [--server-pid PID] [--data-dir DIR]
//           [--mixed-ingest DIR [--mixed-concurrency 4] [--feed-concurrency 2]]
#include <algorithm>
#include <atomic>
#include <boost/program_options.hpp>
#include <iostream>
#include <optional>
#include <thread>

#include "absl/strings/str_split.h"
#include "bench/common/flags.h"
#include "bench/common/corpus_reader.h"
#include "bench/common/measure.h"
#include "bench/load/feeder.h"
#include "bench/load/load_loops.h"
#include "bench/load/server_calls.h"

namespace bs = briefsearch;
namespace po = boost::program_options;

namespace {

struct Flags {
  std::string server, corpus, data_dir, tier, mixed_ingest;
  std::string concurrency = "1,2,4,8,16", open_fractions = "0.5,0.8";
  double seconds = 10;
  int client_threads = 2, server_pid = 0, mixed_concurrency = 4, feed_concurrency = 2;
  uint64_t seed = 1;
  int64_t track_total_hits = 0;
};

// Nullopt to go on, else the exit code.
std::optional<int> ParseFlags(int argc, char** argv, Flags* f) {
  po::options_description desc("bs-load");
  desc.add_options()("help", "this text")("server", po::value(&f->server)->required(),
                                          "briefsearchd address")(
      "corpus", po::value(&f->corpus)->required(), "directory with queries.jsonl")(
      "concurrency", po::value(&f->concurrency)->default_value(f->concurrency),
      "closed-loop levels: calls kept in flight")(
      "seconds", po::value(&f->seconds)->default_value(f->seconds), "seconds per run")(
      "open-fractions", po::value(&f->open_fractions)->default_value(f->open_fractions),
      "open-loop rates as fractions of the best closed-loop qps (empty: none)")(
      "client-threads", po::value(&f->client_threads)->default_value(f->client_threads),
      "client threads polling completion queues")(
      "server-pid", po::value(&f->server_pid)->default_value(0), "for the server's RSS")(
      "data-dir", po::value(&f->data_dir)->default_value(""), "the server's data dir")(
      "tier", po::value(&f->tier)->default_value(""), "label for the report")(
      "mixed-ingest", po::value(&f->mixed_ingest)->default_value(""),
      "corpus dir whose articles.jsonl is upserted during a mixed search run")(
      "mixed-concurrency", po::value(&f->mixed_concurrency)->default_value(f->mixed_concurrency),
      "searches in flight during the mixed run")(
      "feed-concurrency", po::value(&f->feed_concurrency)->default_value(f->feed_concurrency),
      "upsert threads during the mixed run")("seed", po::value(&f->seed)->default_value(1),
                                             "seed of the open-loop arrivals")(
      "track-total-hits", po::value(&f->track_total_hits)->default_value(0),
      "SearchRequest.track_total_hits of the timed searches (the hit counts recorded first are "
      "exact)");
  return bs::bench::ParseFlags(argc, argv, desc, "bs-load");
}

std::vector<double> NumberList(const std::string& list) {
  std::vector<double> out;
  for (auto part : absl::StrSplit(list, ',', absl::SkipWhitespace())) {
    out.push_back(std::stod(std::string(part)));
  }
  return out;
}

std::function<bool()> For(double seconds) {
  const auto until =
      bs::bench::Clock::now() + std::chrono::duration_cast<bs::bench::Clock::duration>(
                                    std::chrono::duration<double>(seconds));
  return [until] { return bs::bench::Clock::now() >= until; };
}

// Searches at `flags.mixed_concurrency` while Feed upserts the mixed corpus; samples server RSS.
nlohmann::ordered_json MixedRun(const Flags& flags, const std::shared_ptr<grpc::Channel>& channel,
                                bs::bench::AsyncSearcher& searcher,
                                const std::vector<bs::bench::LoadQuery>& queries) {
  auto issues = bs::bench::LoadIssues(flags.mixed_ingest + "/articles.jsonl", nullptr);
  if (!issues.ok()) return {{"error", issues.status().ToString()}};
  std::atomic<bool> fed{false};
  std::atomic<int64_t> max_rss{-1};
  nlohmann::ordered_json feed;
  std::thread feeder([&] {
    feed = bs::bench::Feed(channel, *issues, {.concurrency = flags.feed_concurrency});
    fed = true;
  });
  std::thread sampler([&] {
    while (!fed && flags.server_pid > 0) {
      max_rss = std::max(max_rss.load(), bs::bench::CurrentRssKb(flags.server_pid));
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  nlohmann::ordered_json search = bs::bench::RunAsyncClosedLoop(
      searcher, queries, flags.mixed_concurrency, [&] { return fed.load(); });
  feeder.join();
  sampler.join();
  return {{"search", search}, {"feed", feed}, {"server_rss_kb_max", max_rss.load()}};
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (auto code = ParseFlags(argc, argv, &flags)) return *code;
  auto named = bs::bench::ReadQueries(flags.corpus + "/queries.jsonl");
  if (!named.ok() || named->empty()) {
    std::cerr << "bs-load: " << (named.ok() ? "no queries" : named.status().ToString()) << "\n";
    return 1;
  }
  std::vector<bs::bench::LoadQuery> queries;
  std::vector<bs::v1::SearchRequest> requests;
  for (const auto& q : *named) {
    bs::v1::SearchRequest timed = q.request;
    timed.set_track_total_hits(flags.track_total_hits);
    queries.push_back({q.query_class, timed});
    requests.push_back(q.request);
  }
  auto channel = bs::bench::ConnectChannel(flags.server);
  if (!channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(10))) {
    std::cerr << "bs-load: cannot connect to " << flags.server << "\n";
    return 1;
  }
  bs::bench::AsyncSearcher searcher(channel, flags.client_threads);
  nlohmann::ordered_json out;
  out["engine"] = "briefsearchd-grpc";
  out["tier"] = flags.tier;
  out["track_total_hits"] = flags.track_total_hits;
  nlohmann::ordered_json hits = nlohmann::ordered_json::object();
  int64_t warm_errors = 0;
  const auto warm = bs::bench::SearchEachOnce(searcher, requests, 4);
  for (size_t i = 0; i < warm.size(); ++i) {
    hits[(*named)[i].id] = warm[i].total_hits;
    warm_errors += warm[i].code != grpc::StatusCode::OK;
  }
  if (flags.track_total_hits > 0) {
    // The timed requests once too: a search that skips reads per-window bounds of its terms,
    // computed by the first search that needs them (index/window_maxima.h), as a warm server has.
    std::vector<bs::v1::SearchRequest> timed;
    for (const auto& q : queries) timed.push_back(q.request);
    for (const auto& r : bs::bench::SearchEachOnce(searcher, timed, 4)) {
      warm_errors += r.code != grpc::StatusCode::OK;
    }
  }
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  double saturation = 0;
  for (double c : NumberList(flags.concurrency)) {
    if (c < 1) continue;
    runs.push_back(bs::bench::RunAsyncClosedLoop(searcher, queries, int(c), For(flags.seconds)));
    saturation = std::max(saturation, runs.back()["qps"].get<double>());
  }
  nlohmann::ordered_json open = nlohmann::ordered_json::array();
  for (double fraction : NumberList(flags.open_fractions)) {
    if (saturation <= 0 || fraction <= 0) continue;
    nlohmann::ordered_json run = {{"fraction", fraction}};
    run.update(bs::bench::RunOpenLoop(searcher, queries, fraction * saturation, flags.seconds,
                                      flags.seed));
    open.push_back(run);
  }
  if (!flags.mixed_ingest.empty()) out["mixed"] = MixedRun(flags, channel, searcher, queries);
  const nlohmann::ordered_json server =
      bs::bench::ServerFigures(channel, flags.server_pid, flags.data_dir);
  out["articles"] = server.value("stats_articles", int64_t{-1});
  out["index_bytes"] = server.value("index_bytes", server.value("stats_index_bytes", int64_t{-1}));
  out["peak_rss_kb"] = server.value("server_peak_rss_kb", int64_t{-1});
  out["server"] = server;
  out["saturation_qps"] = saturation;
  out["warm_errors"] = warm_errors;
  out["runs"] = runs;
  out["open_loop"] = open;
  out["hits"] = hits;
  std::cout << out.dump() << std::endl;
  return warm_errors == 0 ? 0 : 1;
}
