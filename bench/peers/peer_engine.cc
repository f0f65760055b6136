#include "bench/peers/peer_engine.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bench/common/closed_loop.h"
#include "bench/common/flags.h"
#include "bench/common/measure.h"

namespace briefsearch::bench::peers {
namespace {

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point from) {
  return std::chrono::duration<double>(Clock::now() - from).count();
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() || !it->is_string() ? std::string() : it->get<std::string>();
}

// Calls `on_line` with each non-empty line of a JSON-lines file, parsed.
absl::Status ForEachJsonLine(const std::string& path,
                             const std::function<absl::Status(const nlohmann::json&)>& on_line) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::string line;
  for (int64_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", line_no, ": not a JSON object"));
    }
    if (absl::Status s = on_line(j); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status Index(const PeerFlags& flags, PeerEngine& engine, nlohmann::ordered_json& out) {
  int64_t articles = 0, text_bytes = 0;
  const auto t0 = Clock::now();
  absl::Status s = ForEachPeerArticle(
      flags.corpus + "/articles.jsonl",
      [&](const PeerArticle& a) {
        ++articles;
        return engine.Add(a);
      },
      &text_bytes);
  if (s.ok()) s = engine.FinishIndex();
  if (!s.ok()) return s;
  const double took = Seconds(t0);
  out["articles"] = articles;
  out["index_seconds"] = took;
  out["articles_per_second"] = articles / took;
  out["mb_per_second"] = text_bytes / 1e6 / took;
  out["index_bytes"] = DirectoryBytes(flags.index_dir);
  out["text_bytes"] = text_bytes;
  return absl::OkStatus();
}

absl::Status Measure(const PeerFlags& flags, PeerEngine& engine, nlohmann::ordered_json& out) {
  auto queries = ReadPeerQueries(flags.corpus + "/queries.jsonl");
  if (!queries.ok()) return queries.status();
  if (queries->empty()) return absl::InvalidArgumentError("no queries");
  int max_threads = 1;
  std::vector<int> thread_counts;
  for (auto part : absl::StrSplit(flags.threads, ',', absl::SkipEmpty())) {
    int n = 0;
    if (!absl::SimpleAtoi(part, &n) || n <= 0) {
      return absl::InvalidArgumentError(absl::StrCat("bad --threads entry: ", part));
    }
    thread_counts.push_back(n);
    max_threads = std::max(max_threads, n);
  }
  const auto open_start = Clock::now();
  if (absl::Status s = engine.OpenForSearch(max_threads); !s.ok()) return s;
  if (auto first = engine.Search(0, queries->front(), false); !first.ok()) return first.status();
  out["open_seconds"] = Seconds(open_start);
  // The untimed warm pass also records the exact hit counts.
  nlohmann::ordered_json hits = nlohmann::ordered_json::object();
  for (const PeerQuery& q : *queries) {
    auto n = engine.Search(0, q, /*exact_count=*/true);
    if (!n.ok()) std::cerr << "query " << q.id << ": " << n.status() << "\n";
    hits[q.id] = n.ok() ? *n : int64_t{-1};
  }
  std::vector<std::string> classes;
  for (const PeerQuery& q : *queries) classes.push_back(q.query_class);
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (int n : thread_counts) {
    runs.push_back(RunClosedLoop(classes, n, flags.seconds, [&](int thread, size_t q) {
      return engine.Search(thread, (*queries)[q], false).status();
    }));
  }
  out["runs"] = runs;
  out["peak_rss_kb"] = PeakRssKb();
  out["hits"] = hits;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<PeerQuery>> ReadPeerQueries(const std::string& queries_jsonl) {
  std::vector<PeerQuery> out;
  absl::Status s = ForEachJsonLine(queries_jsonl, [&](const nlohmann::json& j) {
    PeerQuery q;
    q.id = Str(j, "id");
    q.query_class = Str(j, "class");
    if (auto w = j.find("words"); w != j.end() && w->is_array()) {
      for (const auto& word : *w) {
        if (word.is_string()) q.words.push_back(word.get<std::string>());
      }
    }
    if (q.words.empty()) return absl::InvalidArgumentError(absl::StrCat(q.id, ": no words"));
    q.phrase = j.value("phrase", false);
    q.publisher = Str(j, "publisher");
    q.after = Str(j, "after");
    q.before = Str(j, "before");
    out.push_back(std::move(q));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::Status ForEachPeerArticle(const std::string& articles_jsonl,
                                const std::function<absl::Status(const PeerArticle&)>& on_article,
                                int64_t* text_bytes) {
  return ForEachJsonLine(articles_jsonl, [&](const nlohmann::json& j) {
    PeerArticle a;
    a.issue_id = Str(j, "issue_id");
    a.publisher = Str(j, "publisher");
    a.issue_title = Str(j, "issue_title");
    a.issue_number = Str(j, "issue_number");
    a.published = Str(j, "published");
    a.article_id = Str(j, "article_id");
    a.section = Str(j, "section");
    a.title = Str(j, "title");
    a.body = Str(j, "body");
    a.ordinal = j.value("ordinal", 0);
    if (text_bytes != nullptr) *text_bytes += a.title.size() + a.body.size();
    return on_article(a);
  });
}

int RunPeerMain(int argc, char** argv, const std::string& program,
                const po::options_description& extra,
                const std::function<absl::StatusOr<std::unique_ptr<PeerEngine>>(
                    const PeerFlags& flags, std::string* engine_name)>& make) {
  PeerFlags flags;
  po::options_description desc(program);
  desc.add_options()("help", "this text")("corpus", po::value(&flags.corpus)->required(),
                                          "directory with articles.jsonl and queries.jsonl")(
      "index-dir", po::value(&flags.index_dir)->required(), "index directory (replaced)")(
      "threads", po::value(&flags.threads)->default_value("1,8"), "closed-loop thread counts")(
      "seconds", po::value(&flags.seconds)->default_value(10), "seconds per run")(
      "tier", po::value(&flags.tier)->default_value(""), "label for the report");
  desc.add(extra);
  if (auto code = ParseFlags(argc, argv, desc, program)) return *code;
  auto fail = [&](const absl::Status& s) {
    std::cerr << program << ": " << s << "\n";
    return 1;
  };
  std::filesystem::remove_all(flags.index_dir);
  std::string name = program;
  auto engine = make(flags, &name);
  if (!engine.ok()) return fail(engine.status());
  nlohmann::ordered_json out;
  out["engine"] = name;
  out["tier"] = flags.tier;
  if (absl::Status s = Index(flags, **engine, out); !s.ok()) return fail(s);
  if (absl::Status s = Measure(flags, **engine, out); !s.ok()) return fail(s);
  std::cout << out.dump() << std::endl;
  return 0;
}

}  // namespace briefsearch::bench::peers
