#include "server/query/query_planner.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "common/utf8.h"
#include "server/index/schema.h"
#include "server/index/phrase_query.h"
#include "server/index/word_query.h"
#include "server/query/and_query.h"

namespace briefsearch::query {
namespace {

using Lucene::BooleanClause;
using Lucene::newLucene;
namespace field = index::field;

Lucene::BooleanQueryPtr Bool() { return newLucene<Lucene::BooleanQuery>(); }

Lucene::QueryPtr Boosted(Lucene::QueryPtr q, double boost) {
  q->setBoost(boost);
  return q;
}

// Grams for one field: a term, a prefix (one CJK character), or a phrase with alternatives at a
// position (a Han bigram and its Hangul reading).
Lucene::QueryPtr GramQuery(const wchar_t* name, const analysis::TokenList& grams) {
  std::map<int32_t, std::vector<std::wstring>> at;
  for (const analysis::Token& t : grams) at[t.position].push_back(t.text);
  if (at.size() == 1) {
    const auto& texts = at.begin()->second;
    const bool single_char = grams[0].kind == analysis::TokenKind::kUnigram;
    auto any = Bool();
    for (const std::wstring& text : texts) {
      auto term = newLucene<Lucene::Term>(name, text);
      if (single_char && text.size() == 1) {
        any->add(newLucene<Lucene::PrefixQuery>(term), BooleanClause::SHOULD);
      } else {
        any->add(newLucene<Lucene::TermQuery>(term), BooleanClause::SHOULD);
      }
    }
    return texts.size() == 1 ? any->getClauses()[0]->getQuery() : any;
  }
  auto phrase = newLucene<Lucene::MultiPhraseQuery>();
  for (const auto& [position, texts] : at) {
    Lucene::Collection<Lucene::TermPtr> terms = Lucene::Collection<Lucene::TermPtr>::newInstance();
    for (const std::wstring& text : texts) terms.add(newLucene<Lucene::Term>(name, text));
    phrase->add(terms, position);
  }
  return phrase;
}

}  // namespace

struct Planner::Context {
  const index::FieldAverages* averages;
  Plan* plan;
  const QueryNode* relaxed_root;  // the AND turned OR: its filters must still hold
  const DocFreqFn* doc_freq;      // never null; empty: no fallback decisions, always both matches
  // First words-field token of each planned word, for the proximity bonus (no second analysis).
  std::map<const QueryNode*, std::wstring> first_word;
  bool negative_only_group = false;
};

namespace {
bool IsFilter(const QueryNode& n) {
  return n.kind == NodeKind::kPublisher || n.kind == NodeKind::kAfter || n.kind == NodeKind::kBefore;
}
}  // namespace

Lucene::QueryPtr Planner::AsAnd(const Lucene::BooleanQueryPtr& bq) const {
  if (options_.use_boolean_query || bq->getClauses().size() < 2) return bq;
  std::vector<Lucene::QueryPtr> clauses;
  for (const auto& clause : bq->getClauses()) {
    if (clause->getOccur() != BooleanClause::MUST) return bq;
    clauses.push_back(clause->getQuery());
  }
  auto all = newLucene<AndQuery>(std::move(clauses));
  all->setBoost(bq->getBoost());
  return all;
}

Lucene::QueryPtr Planner::WordsClause(const analysis::TokenList& words, TextField f,
                                      const Context& ctx) const {
  std::map<int32_t, std::vector<const analysis::Token*>> at;
  for (const analysis::Token& t : words) at[t.position].push_back(&t);
  auto all = Bool();
  for (const auto& [position, tokens] : at) {
    std::vector<boost::shared_ptr<index::Bm25TermQuery>> any;
    for (const analysis::Token* t : tokens) {
      if (f == TextField::kAny || f == TextField::kTitle) {
        auto title = newLucene<index::Bm25TermQuery>(
            newLucene<Lucene::Term>(field::kTitleWords, t->text), field::kTitleWordsLength,
            ctx.averages->title_words, options_.bm25);
        title->setBoost(f == TextField::kAny ? options_.title_boost : 1.0);
        any.push_back(title);
      }
      if (f == TextField::kAny || f == TextField::kBody) {
        any.push_back(newLucene<index::Bm25TermQuery>(
            newLucene<Lucene::Term>(field::kBodyWords, t->text), field::kBodyWordsLength,
            ctx.averages->body_words, options_.bm25));
      }
    }
    if (options_.use_boolean_query) {  // the same scores through Lucene++'s BooleanScorer2
      auto either = Bool();
      for (const auto& q : any) either->add(q, BooleanClause::SHOULD);
      all->add(either, BooleanClause::MUST);
    } else {
      all->add(newLucene<index::WordQuery>(std::move(any)), BooleanClause::MUST);
    }
  }
  return all->getClauses().size() == 1 ? all->getClauses()[0]->getQuery() : AsAnd(all);
}

int64_t Planner::WordsDocFreq(const analysis::TokenList& words, TextField f,
                              const Context& ctx) const {
  std::map<int32_t, int64_t> at;
  for (const analysis::Token& t : words) {
    int64_t& n = at[t.position];
    if (f == TextField::kAny || f == TextField::kTitle) n += (*ctx.doc_freq)(field::kTitleWords, t.text);
    if (f == TextField::kAny || f == TextField::kBody) n += (*ctx.doc_freq)(field::kBodyWords, t.text);
  }
  int64_t rarest = at.empty() ? 0 : INT64_MAX;
  for (const auto& [position, n] : at) rarest = std::min(rarest, n);
  return rarest;
}

Lucene::QueryPtr Planner::GramsClause(const analysis::TokenList& grams, TextField f) const {
  std::vector<Lucene::QueryPtr> fields;
  switch (f) {
    case TextField::kTitle: fields = {GramQuery(field::kTitle, grams)}; break;
    case TextField::kSection: fields = {GramQuery(field::kSection, grams)}; break;
    case TextField::kBody: fields = {GramQuery(field::kBody, grams)}; break;
    case TextField::kAny:
      fields = {Boosted(GramQuery(field::kTitle, grams), options_.title_boost),
                GramQuery(field::kBody, grams)};
      break;
  }
  // Phrases go to index::GramPhraseQuery, which reads positions only where they can matter; the
  // same scores as the BooleanQuery of MultiPhraseQuery clauses.
  std::vector<Lucene::MultiPhraseQueryPtr> phrases;
  for (const Lucene::QueryPtr& q : fields) {
    if (auto phrase = boost::dynamic_pointer_cast<Lucene::MultiPhraseQuery>(q)) phrases.push_back(phrase);
  }
  if (!options_.use_boolean_query && phrases.size() == fields.size()) {
    return newLucene<index::GramPhraseQuery>(std::move(phrases));
  }
  if (fields.size() == 1) return fields[0];
  auto any = Bool();
  for (const Lucene::QueryPtr& q : fields) any->add(q, BooleanClause::SHOULD);
  return any;
}

Lucene::QueryPtr Planner::PlanText(const QueryNode& node, bool negated, Context* ctx) const {
  const std::wstring text = Utf8ToWide(node.text);
  analysis::AnalyzedText a = analyzer_->AnalyzeFields(text, analysis::Side::kQuery);
  // A bare word's grams leave out its particle; a quoted phrase is matched as written.
  if (node.kind == NodeKind::kWord && !a.grams.empty()) {
    analysis::TokenList cut = analyzer_->QueryWordGrams(text);
    if (!cut.empty()) a.grams = std::move(cut);
  }
  if (a.grams.empty()) {
    ++ctx->plan->dropped_words;
    return nullptr;
  }
  if (a.grams.front().kind == analysis::TokenKind::kUnigram &&
      a.grams.back().position == a.grams.front().position) {
    // One character: its reading alone (中 -> 중) would match every Korean word starting with 중.
    std::erase_if(a.grams, [](const analysis::Token& t) { return t.kind == analysis::TokenKind::kReading; });
    std::erase_if(a.words, [](const analysis::Token& t) { return t.kind == analysis::TokenKind::kReading; });
  }
  if (!negated && node.field != TextField::kTitle && node.field != TextField::kSection) {
    std::set<int32_t> positions;
    for (const analysis::Token& t : a.grams) {
      positions.insert(t.position);
      if (a.grams.size() == 1 && t.kind == analysis::TokenKind::kUnigram) {
        ctx->plan->highlight.prefixes.insert(t.text);
      } else {
        ctx->plan->highlight.terms.insert(t.text);
      }
    }
    ctx->plan->highlight.positions += static_cast<int>(positions.size());
  }
  Lucene::QueryPtr grams = GramsClause(a.grams, node.field);
  if (!a.words.empty()) ctx->first_word[&node] = a.words.front().text;
  if (node.kind == NodeKind::kPhrase || node.field == TextField::kSection || a.words.empty()) {
    return grams;
  }
  Lucene::QueryPtr words = WordsClause(a.words, node.field, *ctx);
  // The gram phrase reads positions in every document holding its grams: worth it only where the
  // word alone finds few documents (most words of a query are common enough to skip it).
  if (*ctx->doc_freq &&
      WordsDocFreq(a.words, node.field, *ctx) >= std::max<int64_t>(1, options_.gram_fallback_below)) {
    return words;
  }
  auto either = Bool();
  either->add(words, BooleanClause::SHOULD);
  either->add(Boosted(grams, grams->getBoost() * options_.gram_weight), BooleanClause::SHOULD);
  return either;
}

Lucene::QueryPtr Planner::PlanNode(const QueryNode& node, bool negated, Context* ctx,
                                   bool* requires_text) const {
  *requires_text = false;
  switch (node.kind) {
    case NodeKind::kWord:
    case NodeKind::kPhrase: {
      Lucene::QueryPtr q = PlanText(node, negated, ctx);
      *requires_text = q != nullptr;
      return q;
    }
    case NodeKind::kPublisher: {
      auto term = newLucene<Lucene::TermQuery>(
          newLucene<Lucene::Term>(field::kPublisher, Utf8ToWide(node.text)));
      term->setBoost(0);  // a filter: it must not change the ranking
      return term;
    }
    case NodeKind::kAfter:
    case NodeKind::kBefore: {
      const bool after = node.kind == NodeKind::kAfter;
      const std::wstring date = Utf8ToWide(node.text);
      auto range = newLucene<Lucene::TermRangeQuery>(field::kPublished, after ? date : L"0000-00-00",
                                                     after ? L"9999-99-99" : date, true, true);
      range->setBoost(0);  // a filter: it must not change the ranking
      return range;
    }
    case NodeKind::kNot: {
      bool ignored;
      return PlanNode(node.children[0], !negated, ctx, &ignored);
    }
    case NodeKind::kAnd:
    case NodeKind::kOr:
      break;
  }
  auto bq = Bool();
  // A relaxed AND: its filters must all hold and at least one of its other parts must match.
  const bool relaxed_root = &node == ctx->relaxed_root;
  auto any_part = relaxed_root ? Bool() : nullptr;
  // AND: one required part that needs text suffices; OR: every alternative must need it.
  bool all_text = true, some_text = false;
  for (const QueryNode& child : node.children) {
    bool child_text = false;
    Lucene::QueryPtr q = PlanNode(child, negated, ctx, &child_text);
    if (q == nullptr) continue;
    BooleanClause::Occur occur =
        node.kind == NodeKind::kOr ? BooleanClause::SHOULD : BooleanClause::MUST;
    if (child.kind == NodeKind::kNot) occur = BooleanClause::MUST_NOT;
    if (relaxed_root && IsFilter(child)) occur = BooleanClause::MUST;
    if (occur != BooleanClause::MUST_NOT) {
      all_text = all_text && child_text;
      some_text = some_text || child_text;
    }
    if (relaxed_root && occur == BooleanClause::SHOULD) {
      any_part->add(q, occur);
    } else {
      bq->add(q, occur);
    }
  }
  if (relaxed_root && !any_part->getClauses().empty()) bq->add(any_part, BooleanClause::MUST);
  if (bq->getClauses().empty()) return nullptr;
  *requires_text = node.kind == NodeKind::kAnd && !relaxed_root ? some_text : all_text;
  bool positive = false;
  for (const auto& clause : bq->getClauses()) positive = positive || !clause->isProhibited();
  // A group left with only exclusions after analysis (-미국 !!!) would match nothing.
  if (!positive) ctx->negative_only_group = true;
  return AsAnd(bq);
}

// AND-ed words that stand within a few words of each other in the body get a bonus. `planned` is
// the node the clauses were built from (a relaxed copy of `root` has the same children).
Lucene::QueryPtr Planner::Proximity(const QueryNode& root, const QueryNode& planned,
                                    const Context& ctx) const {
  if (root.kind != NodeKind::kAnd) return nullptr;
  auto phrase = newLucene<Lucene::PhraseQuery>();
  int words = 0;
  for (const QueryNode& child : planned.children) {
    if (child.kind != NodeKind::kWord || child.field != TextField::kAny) continue;
    auto it = ctx.first_word.find(&child);
    if (it == ctx.first_word.end()) continue;
    phrase->add(newLucene<Lucene::Term>(field::kBodyWords, it->second));
    ++words;
  }
  if (words < 2) return nullptr;
  phrase->setSlop(options_.proximity_slop);
  phrase->setBoost(options_.proximity_boost);
  return phrase;
}

absl::StatusOr<Plan> Planner::MakePlan(const QueryNode& root, const index::FieldAverages& averages,
                                       bool relaxed, const DocFreqFn& doc_freq) const {
  Plan plan;
  QueryNode effective = root;
  if (relaxed && effective.kind == NodeKind::kAnd) effective.kind = NodeKind::kOr;
  Context ctx{&averages, &plan, relaxed ? &effective : nullptr, &doc_freq};
  plan.query = PlanNode(effective, false, &ctx, &plan.requires_text);
  // A query whose positive parts all analysed away would match nothing, or (with only MUST_NOT
  // clauses left) everything: refuse it with a reason instead.
  bool has_positive = plan.query != nullptr;
  if (auto bq = boost::dynamic_pointer_cast<Lucene::BooleanQuery>(plan.query)) {
    has_positive = false;
    for (const auto& clause : bq->getClauses()) {
      if (!clause->isProhibited()) has_positive = true;
    }
  }
  if (!has_positive || ctx.negative_only_group) {
    return absl::InvalidArgumentError(
        "query has no searchable terms (only punctuation or symbols are left after analysis)");
  }
  if (Lucene::QueryPtr near = Proximity(root, effective, ctx)) {
    auto with_bonus = Bool();
    with_bonus->add(plan.query, BooleanClause::MUST);
    with_bonus->add(near, BooleanClause::SHOULD);
    plan.ranked = with_bonus;
    plan.bonus = near;
  }
  return plan;
}

}  // namespace briefsearch::query
