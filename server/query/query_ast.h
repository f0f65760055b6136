// The parsed form of a query, independent of Lucene++: what the user asked for, before analysis.
#pragma once

#include <string>
#include <vector>

namespace briefsearch::query {

enum class NodeKind {
  kWord,       // a bare word: every analysed token must match (as a phrase when there are several)
  kPhrase,     // "quoted text": all tokens in order
  kAnd,        // all children (implicit between juxtaposed terms, or AND)
  kOr,         // any child
  kNot,        // exclude the one child
  kPublisher,  // publisher:KIC  (text holds the canonical upper-case name)
  kAfter,      // after:YYYY-MM-DD (inclusive)
  kBefore,     // before:YYYY-MM-DD (inclusive)
};

// Which text field a word or phrase is searched in.
enum class TextField { kAny, kTitle, kSection, kBody };

struct QueryNode {
  NodeKind kind = NodeKind::kAnd;
  TextField field = TextField::kAny;
  std::string text;  // kWord, kPhrase, kPublisher, kAfter, kBefore
  std::vector<QueryNode> children;
  int position = 0;  // 1-based character position in the query, for messages
};

// A compact, stable rendering for golden tests: AND(word:반도체 NOT(word:미국) title:"a b").
std::string DebugString(const QueryNode& node);

}  // namespace briefsearch::query
