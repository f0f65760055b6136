// Mapping between the proto model (Issue, Article) and Lucene++ documents.
//
// Thread-safety: free functions; safe from any thread once Lucene++ is warmed up.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/common/lucene.h"
#include "briefsearch/v1/search.pb.h"
#include "briefsearch/v1/types.pb.h"
#include "server/analysis/analyzer.h"

namespace briefsearch::index {

// The issue document first, then one document per article in order. `issue` must be validated
// and normalised (see ingest_validation.h): ids assigned, text NFC.
std::vector<Lucene::DocumentPtr> BuildIssueDocuments(const v1::Issue& issue,
                                                     const analysis::Analyzer& analyzer);

// Issue metadata from an issue document (articles left empty).
v1::Issue IssueFromDocument(const Lucene::DocumentPtr& doc);

// Article fields from an article document.
v1::Article ArticleFromDocument(const Lucene::DocumentPtr& doc);

// An article's body as a snippet needs it.
struct StoredBody {
  std::string text;  // UTF-8
  // Recorded at indexing (field::kBodyPlainSearch); unset for documents indexed before.
  std::optional<analysis::Normalizer::PlainSearch> plain_search;
};

// The metadata part of a search hit (not snippet, score or highlights), and the stored body (for
// the snippet) into `body` when given.
void FillHitMetadata(const Lucene::DocumentPtr& doc, v1::SearchHit* hit, StoredBody* body = nullptr);
// Loads the fields FillHitMetadata and the snippet read, and no others. Make one at start-up and
// share it: it is read-only once made.
Lucene::FieldSelectorPtr MakeHitFieldSelector();

// The UTF-8 of a stored field, stored as a string or as UTF-8 bytes; "" when absent.
std::string StoredUtf8(const Lucene::DocumentPtr& doc, const wchar_t* field);

v1::Publisher PublisherFromName(const std::string& name);

}  // namespace briefsearch::index
