#include "server/query/query_planner.h"

#include "common/utf8.h"
#include "server/index/schema.h"

namespace briefsearch::query {
namespace {

using Lucene::BooleanClause;
using Lucene::newLucene;
namespace field = index::field;

// The query for one field from analysed tokens.
Lucene::QueryPtr FieldQuery(const wchar_t* name, const analysis::TokenList& tokens) {
  if (tokens.size() == 1) {
    const auto term = newLucene<Lucene::Term>(name, tokens[0].text);
    if (tokens[0].kind == analysis::TokenKind::kUnigram) return newLucene<Lucene::PrefixQuery>(term);
    return newLucene<Lucene::TermQuery>(term);
  }
  auto phrase = newLucene<Lucene::PhraseQuery>();
  for (const analysis::Token& t : tokens) {
    phrase->add(newLucene<Lucene::Term>(name, t.text), t.position);
  }
  return phrase;
}

void AddHighlights(const analysis::TokenList& tokens, HighlightTerms* h) {
  for (const analysis::Token& t : tokens) {
    if (tokens.size() == 1 && t.kind == analysis::TokenKind::kUnigram) {
      h->prefixes.insert(t.text);
    } else {
      h->terms.insert(t.text);
    }
  }
}

}  // namespace

Lucene::QueryPtr Planner::PlanText(const QueryNode& node, bool negated, Plan* plan) const {
  const analysis::TokenList tokens =
      analyzer_->Analyze(Utf8ToWide(node.text), analysis::Side::kQuery);
  if (tokens.empty()) {
    ++plan->dropped_words;
    return nullptr;
  }
  if (!negated && (node.field == TextField::kAny || node.field == TextField::kBody)) {
    AddHighlights(tokens, &plan->highlight);
  }
  switch (node.field) {
    case TextField::kTitle: return FieldQuery(field::kTitle, tokens);
    case TextField::kSection: return FieldQuery(field::kSection, tokens);
    case TextField::kBody: return FieldQuery(field::kBody, tokens);
    case TextField::kAny: break;
  }
  auto any = newLucene<Lucene::BooleanQuery>();
  Lucene::QueryPtr title = FieldQuery(field::kTitle, tokens);
  title->setBoost(options_.title_boost);
  any->add(title, BooleanClause::SHOULD);
  any->add(FieldQuery(field::kBody, tokens), BooleanClause::SHOULD);
  return any;
}

Lucene::QueryPtr Planner::PlanNode(const QueryNode& node, bool negated, Plan* plan) const {
  switch (node.kind) {
    case NodeKind::kWord:
    case NodeKind::kPhrase:
      return PlanText(node, negated, plan);
    case NodeKind::kPublisher:
      return newLucene<Lucene::TermQuery>(
          newLucene<Lucene::Term>(field::kPublisher, Utf8ToWide(node.text)));
    case NodeKind::kAfter:
    case NodeKind::kBefore: {
      const bool after = node.kind == NodeKind::kAfter;
      const std::wstring date = Utf8ToWide(node.text);
      return newLucene<Lucene::TermRangeQuery>(field::kPublished, after ? date : L"0000-00-00",
                                               after ? L"9999-99-99" : date, true, true);
    }
    case NodeKind::kNot:
      return PlanNode(node.children[0], !negated, plan);
    case NodeKind::kAnd:
    case NodeKind::kOr:
      break;
  }
  auto bq = newLucene<Lucene::BooleanQuery>();
  int clauses = 0;
  for (const QueryNode& child : node.children) {
    const bool child_negated = child.kind == NodeKind::kNot;
    Lucene::QueryPtr q = PlanNode(child, negated, plan);
    if (q == nullptr) continue;
    BooleanClause::Occur occur = node.kind == NodeKind::kOr ? BooleanClause::SHOULD
                                                            : BooleanClause::MUST;
    if (child_negated) occur = BooleanClause::MUST_NOT;
    bq->add(q, occur);
    ++clauses;
  }
  return clauses == 0 ? nullptr : bq;
}

absl::StatusOr<Plan> Planner::MakePlan(const QueryNode& root) const {
  Plan plan;
  plan.query = PlanNode(root, false, &plan);
  // A query whose positive parts all analysed away would match nothing, or (with only MUST_NOT
  // clauses left) everything: refuse it with a reason instead.
  bool has_positive = false;
  if (auto bq = boost::dynamic_pointer_cast<Lucene::BooleanQuery>(plan.query)) {
    for (const auto& clause : bq->getClauses()) {
      if (!clause->isProhibited()) has_positive = true;
    }
  } else {
    has_positive = plan.query != nullptr;
  }
  if (!has_positive) {
    return absl::InvalidArgumentError(
        "query has no searchable terms (only punctuation or symbols are left after analysis)");
  }
  return plan;
}

}  // namespace briefsearch::query
