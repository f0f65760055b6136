// Field names of the Lucene++ index. Two kinds of document live in it, told apart by `type`:
// one "issue" document per issue (its metadata) and one "article" document per article (searched).
// Both carry `issue_id`, so deleting that term removes an issue and its articles in one step.
#pragma once

namespace briefsearch::index::field {

inline constexpr wchar_t kType[] = L"type";            // keyword: "issue" | "article"
inline constexpr wchar_t kTypeIssue[] = L"issue";
inline constexpr wchar_t kTypeArticle[] = L"article";

inline constexpr wchar_t kId[] = L"id";                // keyword, article id "<issue_id>#<ordinal>"
inline constexpr wchar_t kIssueId[] = L"issue_id";     // keyword
inline constexpr wchar_t kPublisher[] = L"publisher";  // keyword "KOSTEC" | "KIC" | "KIEP" | "OTHER"
inline constexpr wchar_t kPublished[] = L"published";  // keyword YYYY-MM-DD (sorts as a date)
inline constexpr wchar_t kPublishedDays[] = L"published_days";  // keyword int (recency)
inline constexpr wchar_t kIssueNumber[] = L"issue_number";  // stored
inline constexpr wchar_t kIssueTitle[] = L"issue_title";    // stored
inline constexpr wchar_t kOrigin[] = L"origin";             // stored
inline constexpr wchar_t kFormat[] = L"format";             // stored (issue doc)
inline constexpr wchar_t kContentHash[] = L"content_hash";  // stored (issue doc)
inline constexpr wchar_t kArticleCount[] = L"article_count";  // stored (issue doc)

// Text fields come in two analysed forms (see server/analysis/analyzer.h): "grams" under the
// plain name, and "words" (one stem per word, ranked with BM25) under a short name with its
// per-document token count beside it for BM25's length normalisation.
inline constexpr wchar_t kTitle[] = L"title";      // grams + stored (article title)
inline constexpr wchar_t kSection[] = L"section";  // analysed + stored
inline constexpr wchar_t kBody[] = L"body";        // grams + stored
inline constexpr wchar_t kTitleWords[] = L"tw";           // words of the title
inline constexpr wchar_t kBodyWords[] = L"bw";            // words of the body
inline constexpr wchar_t kTitleWordsLength[] = L"tw_len";  // keyword: token count of tw
inline constexpr wchar_t kBodyWordsLength[] = L"bw_len";   // keyword: token count of bw
inline constexpr wchar_t kLinks[] = L"links";      // stored, one URL per line
// Stored: what a plain substring search finds in the body exactly as analysis would ("h" Hangul,
// "l" ASCII words, both, or "-"), worked out once at indexing for every snippet shown later
// (Normalizer::PlainSearchFinds). Documents indexed before it was added lack it.
inline constexpr wchar_t kBodyPlainSearch[] = L"body_plain";
inline constexpr wchar_t kOrdinal[] = L"ordinal";  // stored
inline constexpr wchar_t kPageStart[] = L"page_start";  // stored
inline constexpr wchar_t kPageEnd[] = L"page_end";      // stored

}  // namespace briefsearch::index::field
