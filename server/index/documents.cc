#include "server/index/documents.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/utf8.h"
#include "server/index/recency.h"
#include "server/index/schema.h"
#include "server/index/token_list_stream.h"

namespace briefsearch::index {
namespace {

// The byte runs after "@" in a stored kBodyPlainSearch ("start+length,..."); empty when there are
// none or they do not parse (the snippet then finds them itself).
std::vector<uint32_t> ParseHanRuns(const std::string& stored) {
  std::vector<uint32_t> runs;
  const size_t at = stored.find('@');
  if (at == std::string::npos) return runs;
  for (absl::string_view part : absl::StrSplit(absl::string_view(stored).substr(at + 1), ',')) {
    const size_t plus = part.find('+');
    uint32_t start = 0, length = 0;
    if (plus == absl::string_view::npos || !absl::SimpleAtoi(part.substr(0, plus), &start) ||
        !absl::SimpleAtoi(part.substr(plus + 1), &length)) {
      return {};
    }
    runs.push_back(start);
    runs.push_back(start + length);
  }
  return runs;
}

using Lucene::Field;
using Lucene::newLucene;

void AddKeyword(const Lucene::DocumentPtr& doc, const wchar_t* name, const std::string& value,
                bool store = true) {
  doc->add(newLucene<Field>(name, Utf8ToWide(value), store ? Field::STORE_YES : Field::STORE_NO,
                            Field::INDEX_NOT_ANALYZED_NO_NORMS));
}

void AddStored(const Lucene::DocumentPtr& doc, const wchar_t* name, const std::string& value) {
  doc->add(newLucene<Field>(name, Utf8ToWide(value), Field::STORE_YES, Field::INDEX_NO));
}

// How a text field is stored. A body is loaded for every hit shown (its snippet), and Lucene++
// turns a stored string into a wide string through a slow UTF-8 decoder, a fifth of a small
// query's CPU: bodies are stored as UTF-8 bytes instead, which snippets search as they are
// (StoredUtf8 reads both forms).
enum class Stored { kString, kUtf8Bytes };

// Stored as written; the grams indexed under `name`. With `words_name`, the words field and its
// length (for BM25) too.
void AddText(const Lucene::DocumentPtr& doc, const wchar_t* name, const std::string& value,
             const analysis::Analyzer& analyzer, Stored stored, const wchar_t* words_name = nullptr,
             const wchar_t* length_name = nullptr) {
  std::wstring wide = Utf8ToWide(value);
  analysis::AnalyzedText fields = analyzer.AnalyzeFields(wide, analysis::Side::kIndex);
  doc->add(newLucene<Field>(name, newLucene<TokenListStream>(std::move(fields.grams))));
  if (words_name != nullptr) {
    const int32_t length = fields.words.empty() ? 0 : fields.words.back().position + 1;
    doc->add(newLucene<Field>(words_name, newLucene<TokenListStream>(std::move(fields.words))));
    doc->add(newLucene<Field>(length_name, std::to_wstring(length), Field::STORE_NO,
                              Field::INDEX_NOT_ANALYZED_NO_NORMS));
  }
  if (stored == Stored::kString) {
    doc->add(newLucene<Field>(name, wide, Field::STORE_YES, Field::INDEX_NO));
    return;
  }
  // The bytes of what was analysed (invalid UTF-8 replaced, as in the string form).
  const std::string utf8 = WideToUtf8(wide);
  Lucene::ByteArray bytes = Lucene::ByteArray::newInstance(static_cast<int32_t>(utf8.size()));
  std::copy(utf8.begin(), utf8.end(), bytes.get());
  doc->add(newLucene<Field>(name, bytes, Field::STORE_YES));
}

void AddIssueFields(const Lucene::DocumentPtr& doc, const v1::Issue& issue) {
  AddKeyword(doc, field::kIssueId, issue.issue_id());
  AddKeyword(doc, field::kPublisher, v1::Publisher_Name(issue.publisher()));
  AddKeyword(doc, field::kPublished, issue.published());
  if (const int32_t days = DaysSinceEpoch(issue.published()); days > 0) {
    AddKeyword(doc, field::kPublishedDays, std::to_string(days), /*store=*/false);
  }
  AddStored(doc, field::kIssueNumber, issue.issue_number());
  AddStored(doc, field::kIssueTitle, issue.title());
  AddStored(doc, field::kOrigin, issue.origin());
}

int32_t StoredInt(const Lucene::DocumentPtr& doc, const wchar_t* name) {
  int32_t value = 0;
  (void)absl::SimpleAtoi(StoredUtf8(doc, name), &value);
  return value;
}

std::string BytesOf(const Lucene::ByteArray& bytes) {
  return bytes ? std::string(reinterpret_cast<const char*>(bytes.get()), static_cast<size_t>(bytes.size()))
               : std::string();
}

// A stored value as UTF-8, whether stored as a string or as bytes.
std::string FieldUtf8(const Lucene::FieldablePtr& f) {
  return f->isBinary() ? BytesOf(f->getBinaryValue()) : WideToUtf8(f->stringValue());
}

}  // namespace

std::string StoredUtf8(const Lucene::DocumentPtr& doc, const wchar_t* name) {
  if (const Lucene::ByteArray bytes = doc->getBinaryValue(name)) return BytesOf(bytes);
  return WideToUtf8(doc->get(name));
}

v1::Publisher PublisherFromName(const std::string& name) {
  v1::Publisher p = v1::OTHER;
  return v1::Publisher_Parse(name, &p) ? p : v1::OTHER;
}

std::vector<Lucene::DocumentPtr> BuildIssueDocuments(const v1::Issue& issue,
                                                     const analysis::Analyzer& analyzer) {
  std::vector<Lucene::DocumentPtr> docs;
  docs.reserve(issue.articles_size() + 1);
  auto issue_doc = newLucene<Lucene::Document>();
  AddKeyword(issue_doc, field::kType, "issue");
  AddIssueFields(issue_doc, issue);
  AddStored(issue_doc, field::kFormat, issue.format());
  AddStored(issue_doc, field::kContentHash, issue.content_hash());
  AddStored(issue_doc, field::kArticleCount, std::to_string(issue.articles_size()));
  docs.push_back(issue_doc);

  for (const v1::Article& a : issue.articles()) {
    auto doc = newLucene<Lucene::Document>();
    AddKeyword(doc, field::kType, "article");
    AddKeyword(doc, field::kId, a.id());
    AddIssueFields(doc, issue);
    AddText(doc, field::kTitle, a.title(), analyzer, Stored::kString, field::kTitleWords,
            field::kTitleWordsLength);
    AddText(doc, field::kSection, a.section(), analyzer, Stored::kString);
    AddText(doc, field::kBody, a.body(), analyzer, Stored::kUtf8Bytes, field::kBodyWords,
            field::kBodyWordsLength);
    const analysis::Normalizer::PlainSearch plain = analyzer.PlainSearchFinds(a.body());
    // h: Hangul, l: Latin found by plain search; x: Han (or what folds to it) not read as
    // written, else s: Han, n: none (documents indexed before the Han letters have "h", "l", "hl"
    // or "-").
    // Then, for a body with Han read as written, "@" and where its runs of Han characters are:
    // start+length in bytes, comma-separated (what a snippet reads instead of the whole body).
    std::string plain_code = std::string(plain.hangul ? "h" : "") + (plain.latin ? "l" : "") +
                             (!plain.han_stable ? "x" : plain.han_any ? "s" : "n");
    if (plain.han_stable && !plain.han_runs.empty()) {
      for (size_t i = 0; i + 1 < plain.han_runs.size(); i += 2) {
        absl::StrAppend(&plain_code, i == 0 ? "@" : ",", plain.han_runs[i], "+",
                        plain.han_runs[i + 1] - plain.han_runs[i]);
      }
    }
    AddStored(doc, field::kBodyPlainSearch, plain_code);
    AddStored(doc, field::kLinks, absl::StrJoin(a.links(), "\n"));
    AddStored(doc, field::kOrdinal, std::to_string(a.ordinal()));
    AddStored(doc, field::kPageStart, std::to_string(a.page_start()));
    AddStored(doc, field::kPageEnd, std::to_string(a.page_end()));
    docs.push_back(doc);
  }
  return docs;
}

v1::Issue IssueFromDocument(const Lucene::DocumentPtr& doc) {
  v1::Issue issue;
  issue.set_issue_id(StoredUtf8(doc, field::kIssueId));
  issue.set_publisher(PublisherFromName(StoredUtf8(doc, field::kPublisher)));
  issue.set_issue_number(StoredUtf8(doc, field::kIssueNumber));
  issue.set_published(StoredUtf8(doc, field::kPublished));
  issue.set_title(StoredUtf8(doc, field::kIssueTitle));
  issue.set_origin(StoredUtf8(doc, field::kOrigin));
  issue.set_format(StoredUtf8(doc, field::kFormat));
  issue.set_content_hash(StoredUtf8(doc, field::kContentHash));
  issue.set_article_count(StoredInt(doc, field::kArticleCount));
  return issue;
}

v1::Article ArticleFromDocument(const Lucene::DocumentPtr& doc) {
  v1::Article a;
  a.set_id(StoredUtf8(doc, field::kId));
  a.set_title(StoredUtf8(doc, field::kTitle));
  a.set_section(StoredUtf8(doc, field::kSection));
  a.set_body(StoredUtf8(doc, field::kBody));
  const std::string links = StoredUtf8(doc, field::kLinks);
  for (absl::string_view link : absl::StrSplit(links, '\n', absl::SkipEmpty())) {
    a.add_links(std::string(link));
  }
  a.set_ordinal(StoredInt(doc, field::kOrdinal));
  a.set_page_start(StoredInt(doc, field::kPageStart));
  a.set_page_end(StoredInt(doc, field::kPageEnd));
  return a;
}

namespace {
// What FillHitMetadata reads, plus the body for the snippet: a hit's document is loaded with
// only these (a FieldSelector), not the links, ordinal and page numbers it never shows. Keep in
// step with FillHitMetadata (DocumentsTest.HitFieldsAreWhatAHitShows).
constexpr const wchar_t* kHitFields[] = {field::kId,        field::kIssueId, field::kPublisher,
                                         field::kIssueNumber, field::kPublished, field::kTitle,
                                         field::kSection,   field::kOrigin,  field::kIssueTitle,
                                         field::kBody, field::kBodyPlainSearch};
}  // namespace

void FillHitMetadata(const Lucene::DocumentPtr& doc, v1::SearchHit* hit, StoredBody* body) {
  // One pass over the fields: Document::get looks a name up by copying every field's name
  // (Fieldable::name returns a string), ten lookups per hit cost more than reading the values.
  for (const Lucene::FieldablePtr& f : doc->getFields()) {
    const Lucene::String name = f->name();
    const auto value = [&f] { return FieldUtf8(f); };
    if (name == field::kId) {
      hit->set_id(value());
    } else if (name == field::kIssueId) {
      hit->set_issue_id(value());
    } else if (name == field::kPublisher) {
      hit->set_publisher(PublisherFromName(value()));
    } else if (name == field::kIssueNumber) {
      hit->set_issue_number(value());
    } else if (name == field::kPublished) {
      hit->set_published(value());
    } else if (name == field::kTitle) {
      hit->set_title(value());
    } else if (name == field::kSection) {
      hit->set_section(value());
    } else if (name == field::kOrigin) {
      hit->set_origin(value());
    } else if (name == field::kIssueTitle) {
      hit->set_issue_title(value());
    } else if (name == field::kBody && body != nullptr) {
      body->text = value();
    } else if (name == field::kBodyPlainSearch && body != nullptr) {
      const std::string stored = value();
      const std::string_view code = std::string_view(stored).substr(0, stored.find('@'));
      const auto has = [&](char c) { return code.find(c) != std::string_view::npos; };
      body->plain_search = analysis::Normalizer::PlainSearch{
          .hangul = has('h'),
          .latin = has('l'),
          .han_checked = has('n') || has('s') || has('x'),
          .han_any = has('s') || has('x'),
          .han_stable = !has('x')};
      body->plain_search->han_runs = ParseHanRuns(stored);
    }
  }
}

Lucene::FieldSelectorPtr MakeHitFieldSelector() {
  Lucene::Collection<Lucene::String> names = Lucene::Collection<Lucene::String>::newInstance();
  for (const wchar_t* name : kHitFields) names.add(name);
  return newLucene<Lucene::MapFieldSelector>(names);
}

}  // namespace briefsearch::index
