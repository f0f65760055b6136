// bench/relevance: scores a running server against the judged queries.
//   relevance --server ADDR [--qrels tests/testdata/relevance/qrels.tsv] [--worst N]
// Index the corpus first, e.g.:
//   briefsearch-indexer --drop-dir tests/testdata/relevance/corpus --server ADDR --once
#include <iostream>

#include "absl/strings/numbers.h"
#include "bench/relevance/relevance.h"

int main(int argc, char** argv) {
  std::string server = "127.0.0.1:7700";
  std::string qrels = "tests/testdata/relevance/qrels.tsv";
  int worst = 15;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--server") server = argv[i + 1];
    else if (flag == "--qrels") qrels = argv[i + 1];
    else if (flag == "--worst") (void)absl::SimpleAtoi(argv[i + 1], &worst);
  }
  auto queries = briefsearch::relevance::LoadQrels(qrels);
  if (!queries.ok()) {
    std::cerr << "relevance: " << queries.status() << "\n";
    return 2;
  }
  auto client = briefsearch::Client::Connect({.server = server});
  if (!client.ok() || !(*client)->WaitForReady(std::chrono::seconds(10)).ok()) {
    std::cerr << "relevance: cannot reach " << server << "\n";
    return 1;
  }
  auto report = briefsearch::relevance::Evaluate(**client, *queries);
  std::cout << briefsearch::relevance::FormatReport(report, worst);
  return 0;
}
