#include "bench/relevance/relevance.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace briefsearch::relevance {
namespace {

std::string Fold(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  icu::UnicodeString folded = U_SUCCESS(status) ? nfkc->normalize(u, status) : u;
  icu::UnicodeString out;
  for (int32_t i = 0; i < folded.length(); ++i) {
    if (!u_isUWhiteSpace(folded.charAt(i))) out.append(folded.charAt(i));
  }
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

double Dcg(const std::vector<int>& grades, size_t k) {
  double dcg = 0;
  for (size_t i = 0; i < std::min(k, grades.size()); ++i) {
    dcg += (std::pow(2.0, grades[i]) - 1) / std::log2(static_cast<double>(i) + 2);
  }
  return dcg;
}

void Add(Metrics* m, const QueryResult& r) {
  ++m->queries;
  m->ndcg10 += r.ndcg10;
  m->mrr += r.reciprocal_rank;
  const size_t top = std::min<size_t>(3, r.grades.size());
  if (std::find(r.grades.begin(), r.grades.begin() + top, 2) != r.grades.begin() + top) {
    m->success3 += 1;
  }
}

void Average(Metrics* m) {
  if (m->queries == 0) return;
  m->ndcg10 /= m->queries;
  m->mrr /= m->queries;
  m->success3 /= m->queries;
}

}  // namespace

std::string MatchKey(const std::string& file, const std::string& title) {
  return file + "\t" + Fold(title);
}

absl::StatusOr<std::vector<JudgedQuery>> LoadQrels(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError("cannot read " + path);
  std::vector<JudgedQuery> out;
  std::map<std::string, size_t> index;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    int grade = 0;
    if (f.size() < 6 || !absl::SimpleAtoi(f[5], &grade)) {
      return absl::InvalidArgumentError("bad qrels line: " + line);
    }
    auto [it, inserted] = index.try_emplace(f[0], out.size());
    if (inserted) out.push_back(JudgedQuery{f[0], f[1], f[2], {}});
    out[it->second].grades[MatchKey(f[3], f[4])] = grade;
  }
  return out;
}

Report Evaluate(Client& client, const std::vector<JudgedQuery>& queries) {
  Report report;
  for (const JudgedQuery& q : queries) {
    QueryResult r{&q, {}, 0, 0, ""};
    auto result = client.Search({.query = q.query, .limit = 10});
    if (!result.ok()) {
      r.error = std::string(result.status().message());
    } else {
      for (const SearchHit& hit : result->hits) {
        auto g = q.grades.find(MatchKey(hit.origin, hit.title));
        r.grades.push_back(g == q.grades.end() ? 0 : g->second);
      }
    }
    std::vector<int> ideal;
    for (const auto& [key, grade] : q.grades) ideal.push_back(grade);
    std::sort(ideal.rbegin(), ideal.rend());
    const double idcg = Dcg(ideal, 10);
    r.ndcg10 = idcg > 0 ? Dcg(r.grades, 10) / idcg : 0;
    for (size_t i = 0; i < r.grades.size(); ++i) {
      if (r.grades[i] == 2) {
        r.reciprocal_rank = 1.0 / static_cast<double>(i + 1);
        break;
      }
    }
    Add(&report.by_category[q.category], r);
    Add(&report.overall, r);
    report.results.push_back(std::move(r));
  }
  for (auto& [name, m] : report.by_category) Average(&m);
  Average(&report.overall);
  return report;
}

std::string FormatReport(const Report& report, int worst) {
  std::string out = absl::StrFormat("%-18s %7s %8s %6s %9s\n", "category", "queries", "nDCG@10",
                                    "MRR", "success@3");
  auto row = [&](const std::string& name, const Metrics& m) {
    absl::StrAppendFormat(&out, "%-18s %7d %8.3f %6.3f %9.3f\n", name, m.queries, m.ndcg10, m.mrr,
                          m.success3);
  };
  for (const auto& [name, m] : report.by_category) row(name, m);
  row("OVERALL", report.overall);
  std::vector<const QueryResult*> sorted;
  for (const QueryResult& r : report.results) sorted.push_back(&r);
  std::sort(sorted.begin(), sorted.end(),
            [](auto* a, auto* b) { return a->ndcg10 < b->ndcg10; });
  absl::StrAppend(&out, "\nworst queries:\n");
  for (int i = 0; i < worst && i < static_cast<int>(sorted.size()); ++i) {
    const QueryResult& r = *sorted[i];
    std::string grades;
    for (int g : r.grades) grades += std::to_string(g);
    absl::StrAppendFormat(&out, "  %s %-14s nDCG %.2f RR %.2f  %-30s  top: %s%s\n", r.query->id,
                          r.query->category, r.ndcg10, r.reciprocal_rank, r.query->query, grades,
                          r.error.empty() ? "" : "  ERROR " + r.error);
  }
  return out;
}

}  // namespace briefsearch::relevance
