// compare-hits: how far each engine's hit counts agree with a reference engine's (by default
// briefsearch-inproc), per query class. Analyzers legitimately differ (bigrams match inside
// longer words, Nori drops particles, unicode61 keeps Chinese runs whole), so the report shows
// how many queries agree exactly and the median ratio engine/reference, not a pass/fail.
//
//   compare-hits --queries CORPUS/queries.jsonl --reference OUT/briefsearch-inproc.json OUT/*.json
//
// Prints two Markdown tables: the figures of every engine (one row per engine and thread count),
// then the agreement: one row per class, one column per engine, "agree/queries (median ratio)".
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "bench/peers/peer_engine.h"

namespace {

namespace peers = briefsearch::bench::peers;

bool ReadResult(const std::string& path, nlohmann::json* out) {
  std::ifstream in(path);
  std::string line, last;
  while (std::getline(in, line)) {
    if (!line.empty()) last = line;  // the result object is the last line of the output
  }
  *out = nlohmann::json::parse(last, nullptr, false);
  return out->is_object() && out->contains("hits");
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// "agree/queries (median ratio)" of `engine` against `ref` over the queries of one class.
std::string Cell(const nlohmann::json& ref, const nlohmann::json& engine,
                 const std::vector<std::string>& ids) {
  int agree = 0, compared = 0;
  std::vector<double> ratios;
  for (const std::string& id : ids) {
    const int64_t r = ref["hits"].value(id, int64_t{-1});
    const int64_t e = engine["hits"].value(id, int64_t{-1});
    if (r < 0 || e < 0) continue;
    ++compared;
    agree += r == e;
    if (r > 0) ratios.push_back(double(e) / double(r));
  }
  if (compared == 0) return "-";
  return absl::StrFormat("%d/%d (%.2f)", agree, compared, Median(ratios));
}

// One row per engine and closed-loop run: the figures docs/BENCHMARKS.md compares.
std::string FiguresTable(const std::vector<const nlohmann::json*>& results) {
  std::ostringstream out;
  out << "| engine | articles | index s | index MB | peak RSS MB | threads | qps | CPU us/query "
         "| p50 us | p99 us |\n|---|---|---|---|---|---|---|---|---|---|\n";
  for (const nlohmann::json* r : results) {
    for (const auto& run : r->value("runs", nlohmann::json::array())) {
      out << absl::StrFormat(
          "| %s | %d | %.1f | %.1f | %.0f | %d | %.0f | %.0f | %d | %d |\n",
          r->value("engine", "?"), r->value("articles", int64_t{0}), r->value("index_seconds", 0.0),
          r->value("index_bytes", int64_t{0}) / 1e6, r->value("peak_rss_kb", int64_t{0}) / 1024.0,
          run.value("threads", 0), run.value("qps", 0.0), run.value("cpu_us_per_query", 0.0),
          run["latency_us"].value("p50", int64_t{0}), run["latency_us"].value("p99", int64_t{0}));
    }
  }
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  std::string queries_path, reference_path;
  std::vector<std::string> engine_paths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--queries" && i + 1 < argc) {
      queries_path = argv[++i];
    } else if (a == "--reference" && i + 1 < argc) {
      reference_path = argv[++i];
    } else {
      engine_paths.push_back(a);
    }
  }
  if (queries_path.empty() || reference_path.empty() || engine_paths.empty()) {
    std::cerr << "usage: compare-hits --queries Q.jsonl --reference REF.json ENGINE.json...\n";
    return 2;
  }
  auto queries = peers::ReadPeerQueries(queries_path);
  if (!queries.ok()) {
    std::cerr << "compare-hits: " << queries.status() << "\n";
    return 1;
  }
  std::map<std::string, std::vector<std::string>> ids_by_class;
  std::vector<std::string> all_ids;
  for (const auto& q : *queries) {
    ids_by_class[q.query_class].push_back(q.id);
    all_ids.push_back(q.id);
  }
  nlohmann::json ref;
  if (!ReadResult(reference_path, &ref)) {
    std::cerr << "compare-hits: no result object in " << reference_path << "\n";
    return 1;
  }
  std::vector<nlohmann::json> engines;
  for (const std::string& p : engine_paths) {
    nlohmann::json e;
    if (!ReadResult(p, &e)) {
      std::cerr << "compare-hits: skipping " << p << " (no result object)\n";
      continue;
    }
    if (e.value("engine", "") != ref.value("engine", "")) engines.push_back(std::move(e));
  }
  std::vector<const nlohmann::json*> all = {&ref};
  for (const auto& e : engines) all.push_back(&e);
  std::cout << FiguresTable(all) << "\n";
  std::ostringstream out;
  out << "| class (vs " << ref.value("engine", "reference") << ") |";
  for (const auto& e : engines) out << " " << e.value("engine", "?") << " |";
  out << "\n|---|";
  for (size_t i = 0; i < engines.size(); ++i) out << "---|";
  out << "\n";
  for (const auto& [cls, ids] : ids_by_class) {
    out << "| " << cls << " |";
    for (const auto& e : engines) out << " " << Cell(ref, e, ids) << " |";
    out << "\n";
  }
  out << "| all |";
  for (const auto& e : engines) out << " " << Cell(ref, e, all_ids) << " |";
  std::cout << out.str() << "\n";
  return 0;
}
