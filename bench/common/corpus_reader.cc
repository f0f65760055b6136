#include "bench/common/corpus_reader.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

namespace briefsearch::bench {
namespace {

v1::Publisher PublisherOf(const std::string& name) {
  v1::Publisher p = v1::OTHER;
  return v1::Publisher_Parse(name, &p) ? p : v1::OTHER;
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() || it->is_null() ? std::string() : it->get<std::string>();
}

}  // namespace

absl::Status ForEachIssue(const std::string& articles_jsonl,
                          const std::function<absl::Status(const v1::Issue&)>& on_issue,
                          int64_t* text_bytes) {
  std::ifstream in(articles_jsonl);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", articles_jsonl));
  v1::Issue issue;
  std::string line;
  int64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      return absl::InvalidArgumentError(absl::StrCat(articles_jsonl, ":", line_no, ": not JSON"));
    }
    const std::string issue_id = Str(j, "issue_id");
    if (issue.issue_id() != issue_id) {
      if (!issue.issue_id().empty()) {
        if (absl::Status s = on_issue(issue); !s.ok()) return s;
      }
      issue.Clear();
      issue.set_issue_id(issue_id);
      issue.set_publisher(PublisherOf(Str(j, "publisher")));
      issue.set_issue_number(Str(j, "issue_number"));
      issue.set_published(Str(j, "published"));
      issue.set_title(Str(j, "issue_title"));
      issue.set_format("jsonl");
    }
    v1::Article* a = issue.add_articles();
    a->set_title(Str(j, "title"));
    a->set_section(Str(j, "section"));
    a->set_body(Str(j, "body"));
    a->set_ordinal(issue.articles_size());
    if (text_bytes != nullptr) *text_bytes += a->title().size() + a->body().size();
  }
  if (!issue.issue_id().empty()) return on_issue(issue);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<NamedQuery>> ReadQueries(const std::string& queries_jsonl) {
  std::ifstream in(queries_jsonl);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", queries_jsonl));
  std::vector<NamedQuery> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return absl::InvalidArgumentError(absl::StrCat(queries_jsonl, ": a line is not JSON"));
    }
    NamedQuery q;
    q.id = Str(j, "id");
    q.query_class = Str(j, "class");
    q.request.set_query(Str(j, "query"));
    q.request.set_limit(10);
    if (std::string p = Str(j, "publisher"); !p.empty()) q.request.add_publishers(PublisherOf(p));
    q.request.set_published_from(Str(j, "after"));
    q.request.set_published_to(Str(j, "before"));
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace briefsearch::bench
