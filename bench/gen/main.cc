// briefsearch-gen: writes a seeded synthetic corpus of China tech briefs and its query set
// (bench/FORMAT.md). Usage:
//   briefsearch-gen --articles N --seed S --out DIR [--queries-per-class 50]
//                   [--vocab-from examples/briefs] [--no-drop]
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>

#include "bench/common/flags.h"
#include "bench/gen/corpus.h"
#include "bench/gen/vocabulary.h"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  po::options_description opts("briefsearch-gen options");
  int64_t articles = 0;
  uint64_t seed = 1;
  std::string out, vocab_from;
  int per_class = 50;
  int64_t synthetic = 400'000;
  bool no_drop = false;
  opts.add_options()("help,h", "this help")("articles", po::value(&articles)->required(),
                                            "number of articles")(
      "seed", po::value(&seed)->default_value(1), "random seed: same seed, same bytes")(
      "out", po::value(&out)->required(), "output directory")(
      "queries-per-class", po::value(&per_class)->default_value(50), "queries per query class")(
      "vocab-from",
      po::value(&vocab_from)->default_value(BRIEFSEARCH_SOURCE_DIR "/examples/briefs"),
      "sample briefs to learn the vocabulary from")(
      "synthetic-words", po::value(&synthetic)->default_value(400'000),
      "synthetic Korean words added to the learned ones (the rare tail)")(
      "no-drop", po::bool_switch(&no_drop), "write no drop/ folder (articles.jsonl and queries only)");
  if (auto code = briefsearch::bench::ParseFlags(argc, argv, opts, "briefsearch-gen")) return *code;
  if (articles <= 0 || per_class < 0 || synthetic < 0) {
    std::cerr << "briefsearch-gen: --articles must be positive\n";
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<briefsearch::gen::Vocabulary> vocabulary = briefsearch::gen::Vocabulary::Build(
      {.samples_dir = vocab_from, .synthetic_words = synthetic, .seed = seed});
  if (!vocabulary.ok()) {
    std::cerr << "briefsearch-gen: " << vocabulary.status() << "\n";
    return 1;
  }
  absl::StatusOr<nlohmann::ordered_json> manifest =
      briefsearch::gen::WriteCorpus({.articles = articles,
                                     .seed = seed,
                                     .queries_per_class = per_class,
                                     .write_drop = !no_drop,
                                     .out_dir = out},
                                    *vocabulary);
  if (!manifest.ok()) {
    std::cerr << "briefsearch-gen: " << manifest.status() << "\n";
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "briefsearch-gen: " << (*manifest)["articles"] << " articles, "
            << (*manifest)["issues"] << " issues, " << (*manifest)["queries"] << " queries in "
            << seconds << " s -> " << out << "\n";
  return 0;
}
