#include "bench/gen/corpus.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/gen/civil_date.h"
#include "bench/gen/issue_maker.h"
#include "bench/gen/layouts.h"
#include "bench/gen/queries.h"

namespace briefsearch::gen {
namespace {

// A FILE* with a large buffer; the corpus is written in big sequential chunks.
class OutFile {
 public:
  explicit OutFile(const std::string& path) : f_(std::fopen(path.c_str(), "wb")) {
    if (f_ != nullptr) std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
  }
  ~OutFile() {
    if (f_ != nullptr) std::fclose(f_);
  }
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;
  bool ok() const { return f_ != nullptr && !failed_; }
  void Write(std::string_view s) {
    if (f_ != nullptr && std::fwrite(s.data(), 1, s.size(), f_) != s.size()) failed_ = true;
    bytes_ += int64_t(s.size());
  }
  bool Close() {
    const bool closed = f_ != nullptr && std::fclose(f_) == 0;
    f_ = nullptr;
    return closed && !failed_;
  }
  int64_t bytes() const { return bytes_; }

 private:
  std::FILE* f_;
  bool failed_ = false;
  int64_t bytes_ = 0;
};

// JSON string escaping for UTF-8 text (no \u escapes beyond control characters).
void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\r':
        out->append("\\r");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppend(out, "\\u00", absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void AppendField(const char* key, std::string_view value, std::string* out) {
  absl::StrAppend(out, out->empty() || out->back() == '\n' ? "{\"" : ",\"", key, "\":");
  AppendJsonString(value, out);
}

void AppendArticleLines(const GenIssue& issue, std::string* out) {
  const std::string published = IsoDate(issue.published);
  for (size_t i = 0; i < issue.articles.size(); ++i) {
    const GenArticle& a = issue.articles[i];
    AppendField("issue_id", issue.issue_id, out);
    AppendField("publisher", PublisherName(issue.publisher), out);
    AppendField("issue_title", issue.title, out);
    AppendField("issue_number", issue.issue_number, out);
    AppendField("published", published, out);
    AppendField("article_id", absl::StrFormat("%s-%02d", issue.issue_id, i + 1), out);
    absl::StrAppend(out, ",\"ordinal\":", i + 1);
    AppendField("section", a.section, out);
    AppendField("title", a.title, out);
    AppendField("body", BodyText(a), out);
    out->append("}\n");
  }
}

// UTF-8 bytes of the title and the articles.jsonl body, without building the body.
int64_t TextBytes(const GenArticle& a) {
  int64_t n = int64_t(a.title.size()) - 1;  // no "\n" before the body's first line
  for (const Block& b : a.blocks) {
    for (const std::string& line : b.lines) n += int64_t(line.size()) + 1;
  }
  return n;
}

struct Tally {
  int64_t issues = 0, articles = 0, text_bytes = 0;
};

}  // namespace

absl::StatusOr<nlohmann::ordered_json> WriteCorpus(const CorpusOptions& options,
                                                   const Vocabulary& vocabulary) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir(options.out_dir), drop = dir / "drop";
  fs::create_directories(options.write_drop ? drop : dir, ec);
  if (ec)
    return absl::InternalError(absl::StrCat("cannot create ", drop.string(), ": ", ec.message()));
  OutFile articles((dir / "articles.jsonl").string());
  if (!articles.ok()) return absl::InternalError(absl::StrCat("cannot write in ", dir.string()));

  const Prose prose(vocabulary);
  IssueMaker maker(prose, Rng::Derive(options.seed, 1), options.articles);
  QueryMaterial material(vocabulary, Rng::Derive(options.seed, 2));
  Rng layout_rng(Rng::Derive(options.seed, 3));
  GenIssue issue;
  std::vector<WordLog> logs;
  std::string lines, file;
  Tally total, by_publisher[3];
  int64_t drop_bytes = 0;
  for (int64_t left = options.articles; left > 0;) {
    maker.Next(left, &issue, &logs);
    left -= int64_t(issue.articles.size());
    lines.clear();
    AppendArticleLines(issue, &lines);
    articles.Write(lines);
    for (size_t i = 0; i < issue.articles.size(); ++i) {
      material.AddArticle(PublisherName(issue.publisher), issue.published, &logs[i]);
    }
    int64_t text_bytes = 0;
    for (const GenArticle& a : issue.articles) text_bytes += TextBytes(a);
    for (Tally* t : {&total, &by_publisher[int(issue.publisher)]}) {
      ++t->issues;
      t->articles += int64_t(issue.articles.size());
      t->text_bytes += text_bytes;
    }
    if (!options.write_drop) continue;
    file.clear();
    RenderIssue(issue, layout_rng, &file);
    OutFile out((drop / (issue.issue_id + ".txt")).string());
    out.Write(file);
    if (!out.Close())
      return absl::InternalError(absl::StrCat("cannot write ", issue.issue_id, ".txt"));
    drop_bytes += int64_t(file.size());
  }
  if (!articles.Close()) return absl::InternalError("cannot write articles.jsonl");

  OutFile queries((dir / "queries.jsonl").string());
  const std::vector<Query> made = material.MakeQueries(options.queries_per_class);
  for (const Query& q : made) queries.Write(QueryJson(q) + "\n");
  if (!queries.Close()) return absl::InternalError("cannot write queries.jsonl");

  nlohmann::ordered_json m;
  m["generator"] = "briefsearch-gen";
  m["version"] = kGeneratorVersion;
  m["seed"] = options.seed;
  m["articles"] = total.articles;
  m["issues"] = total.issues;
  m["text_bytes"] = total.text_bytes;
  nlohmann::ordered_json pubs = nlohmann::ordered_json::object();
  for (GenPublisher p : {GenPublisher::kKostec, GenPublisher::kKic, GenPublisher::kKiep}) {
    const Tally& t = by_publisher[int(p)];
    pubs[PublisherName(p)] = {
        {"issues", t.issues}, {"articles", t.articles}, {"text_bytes", t.text_bytes}};
  }
  m["by_publisher"] = pubs;
  m["first_date"] = IsoDate(IssueMaker::kFirstDay);
  m["queries"] = made.size();
  m["queries_per_class"] = options.queries_per_class;
  m["vocabulary"] = {{"korean_learned", vocabulary.learned_korean()},
                     {"korean_synthetic", vocabulary.korean().size() - vocabulary.learned_korean()},
                     {"han_terms", vocabulary.han_terms().size()},
                     {"english", vocabulary.english().size()}};
  m["bytes"] = {
      {"articles_jsonl", articles.bytes()},
      {"queries_jsonl", queries.bytes()},
      {"drop", options.write_drop ? nlohmann::ordered_json(drop_bytes) : nlohmann::ordered_json()}};
  OutFile manifest((dir / "manifest.json").string());
  manifest.Write(m.dump(2) + "\n");
  if (!manifest.Close()) return absl::InternalError("cannot write manifest.json");
  return m;
}

}  // namespace briefsearch::gen
