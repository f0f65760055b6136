// bs-feed: upserts every issue of a corpus (bench/FORMAT.md articles.jsonl) into a running
// briefsearchd through gRPC, several calls at once, and prints one JSON object: articles/s, MB/s,
// time until the last article is searchable, server RSS and index bytes.
//
//   bs-feed --server ADDR --corpus DIR [--concurrency 4] [--batch-issues 1] [--server-pid PID]
//           [--data-dir DIR] [--tier 10k]
//
// "Searchable" is checked, not assumed: after the last acknowledgement, Stats (answered from the
// search reader) is polled until it counts the corpus's articles and the last acknowledged log
// sequence. Start the server on an empty data directory for the article count to mean anything.
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "bench/common/flags.h"
#include "bench/load/feeder.h"
#include "bench/load/server_calls.h"

namespace bs = briefsearch;
namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

namespace {

// Seconds from `start` until Stats shows `articles` and `sequence`; -1 after `timeout`.
double WaitSearchable(const std::shared_ptr<grpc::Channel>& channel, int64_t articles,
                      int64_t sequence, Clock::time_point start, std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    auto stats = bs::bench::GetStats(channel);
    if (stats.ok() && stats->articles() >= articles && stats->last_sequence() >= sequence) {
      return std::chrono::duration<double>(Clock::now() - start).count();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string server, corpus, data_dir, tier;
  bs::bench::FeedOptions options;
  int server_pid = 0;
  po::options_description desc("bs-feed");
  desc.add_options()("help", "this text")("server", po::value(&server)->required(),
                                          "briefsearchd address")(
      "corpus", po::value(&corpus)->required(), "directory with articles.jsonl")(
      "concurrency", po::value(&options.concurrency)->default_value(4), "client threads")(
      "batch-issues", po::value(&options.batch_issues)->default_value(1),
      "UpsertIssue calls each thread has in flight at once")(
      "server-pid", po::value(&server_pid)->default_value(0), "for the server's RSS")(
      "data-dir", po::value(&data_dir)->default_value(""),
      "the server's data dir, for index bytes")("tier", po::value(&tier)->default_value(""),
                                                "label for the report");
  if (auto code = bs::bench::ParseFlags(argc, argv, desc, "bs-feed")) return *code;
  int64_t text_bytes = 0;
  auto issues = bs::bench::LoadIssues(corpus + "/articles.jsonl", &text_bytes);
  if (!issues.ok()) {
    std::cerr << "bs-feed: " << issues.status() << "\n";
    return 1;
  }
  int64_t corpus_articles = 0;
  for (const auto& issue : *issues) corpus_articles += issue.articles_size();
  auto channel = bs::bench::ConnectChannel(server);
  if (!channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(10))) {
    std::cerr << "bs-feed: cannot connect to " << server << "\n";
    return 1;
  }
  const auto start = Clock::now();
  nlohmann::ordered_json fed = bs::bench::Feed(channel, *issues, options);
  const double searchable =
      WaitSearchable(channel, corpus_articles, fed["last_sequence"].get<int64_t>(), start,
                     std::chrono::seconds(120));
  nlohmann::ordered_json out;
  out["tool"] = "bs-feed";
  out["engine"] = "briefsearchd-grpc";
  out["tier"] = tier;
  out["concurrency"] = options.concurrency;
  out["batch_issues"] = options.batch_issues;
  out["corpus_articles"] = corpus_articles;
  out["text_bytes"] = text_bytes;
  out.update(fed);
  const double seconds = fed["seconds"].get<double>();
  out["mb_per_second"] = seconds > 0 ? text_bytes / 1e6 / seconds : 0.0;
  out["searchable_seconds"] = searchable;
  out.update(bs::bench::ServerFigures(channel, server_pid, data_dir));
  std::cout << out.dump() << std::endl;
  return fed["errors"].get<int64_t>() == 0 && searchable >= 0 ? 0 : 1;
}
