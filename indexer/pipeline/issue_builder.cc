#include "indexer/pipeline/issue_builder.h"

namespace briefsearch::pipeline {

Issue BuildIssue(const parse::ParsedIssue& parsed, const std::string& relative_path,
                 const std::string& content_hash) {
  Issue issue;
  issue.issue_id = relative_path;
  issue.publisher = static_cast<Publisher>(static_cast<int>(parsed.publisher));
  issue.issue_number = parsed.issue_number;
  issue.published = parsed.published;
  issue.title = parsed.title;
  issue.origin = relative_path;
  issue.format = parsed.format;
  issue.content_hash = content_hash;
  for (const parse::ParsedArticle& a : parsed.articles) {
    Article out;
    out.title = a.title;
    out.section = a.section;
    out.body = a.body;
    out.links = a.links;
    out.page_start = a.page_start;
    out.page_end = a.page_end;
    issue.articles.push_back(std::move(out));
  }
  return issue;
}

}  // namespace briefsearch::pipeline
