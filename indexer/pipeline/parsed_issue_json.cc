#include "indexer/pipeline/parsed_issue_json.h"

#include "nlohmann/json.hpp"

namespace briefsearch::pipeline {
namespace {

void FillFromJson(const nlohmann::json& j, parse::ParsedIssue* out) {
  parse::ParsedIssue& issue = *out;
  const std::string publisher = j.value("publisher", "OTHER");
  for (auto p : {parse::Publisher::kKostec, parse::Publisher::kKic, parse::Publisher::kKiep}) {
    if (publisher == parse::PublisherName(p)) issue.publisher = p;
  }
  issue.issue_number = j.value("issue_number", "");
  issue.published = j.value("published", "");
  issue.title = j.value("title", "");
  issue.format = j.value("format", "");
  for (const auto& a : j["articles"]) {
    parse::ParsedArticle article;
    article.title = a.value("title", "");
    article.section = a.value("section", "");
    article.body = a.value("body", "");
    if (a.contains("links")) article.links = a["links"].get<std::vector<std::string>>();
    if (a.contains("pages") && a["pages"].size() == 2) {
      article.page_start = a["pages"][0].get<int>();
      article.page_end = a["pages"][1].get<int>();
    }
    issue.articles.push_back(std::move(article));
  }
}

}  // namespace

std::string ParsedIssueToJson(const parse::ParsedIssue& issue) {
  nlohmann::ordered_json articles = nlohmann::ordered_json::array();
  for (const parse::ParsedArticle& a : issue.articles) {
    articles.push_back({{"title", a.title},
                        {"section", a.section},
                        {"pages", {a.page_start, a.page_end}},
                        {"body", a.body},
                        {"links", a.links}});
  }
  nlohmann::ordered_json out{{"publisher", parse::PublisherName(issue.publisher)},
                             {"issue_number", issue.issue_number},
                             {"published", issue.published},
                             {"title", issue.title},
                             {"format", issue.format},
                             {"articles", articles}};
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

absl::StatusOr<parse::ParsedIssue> ParsedIssueFromJson(const std::string& json) {
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j.contains("articles")) {
    return absl::InternalError("parser output is not the expected JSON");
  }
  parse::ParsedIssue issue;
  try {
    FillFromJson(j, &issue);
  } catch (const std::exception& e) {
    return absl::InternalError(std::string("parser output does not fit: ") + e.what());
  }
  return issue;
}

}  // namespace briefsearch::pipeline
