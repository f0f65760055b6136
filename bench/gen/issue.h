// One generated issue as plain data: what articles.jsonl holds and what layouts.cc renders into a
// drop file. The layout decides how blocks look on the page; their text is the same in both.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace briefsearch::gen {

enum class GenPublisher { kKostec, kKic, kKiep };

// A run of body lines the layout keeps together (a paragraph, a list, a sub-heading); blocks are
// separated by blank lines in the drop file, and every line is one "\n"-separated line of the
// articles.jsonl body.
struct Block {
  std::vector<std::string> lines;
  bool heading = false;  // a sub-heading ("1) 주요 내용"): KIC writes it as "### 1) 주요 내용"
};

struct GenArticle {
  std::string title;
  std::string section;
  std::vector<Block> blocks;
  std::string link;  // a reference URL: only in the drop file (the parser moves it out of the body)
  int page = 0;      // KIC's 목록 page
};

struct GenIssue {
  GenPublisher publisher;
  std::string issue_id;
  std::string issue_number;  // "" for KIEP press releases
  int64_t published = 0;     // day number (civil_date.h)
  std::string title;
  std::vector<GenArticle> articles;
};

const char* PublisherName(GenPublisher p);

// The articles.jsonl body: every line of every block, joined by "\n".
std::string BodyText(const GenArticle& article);

}  // namespace briefsearch::gen
