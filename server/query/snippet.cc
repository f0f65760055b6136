#include "server/query/snippet.h"

#include <algorithm>
#include <optional>
#include <set>

#include "common/utf8.h"

namespace briefsearch::query {
namespace {

struct Match {
  int start;
  int end;
  const std::wstring* term;
};

std::vector<Match> FindMatches(const analysis::TokenList& tokens, const HighlightTerms& terms) {
  std::vector<Match> matches;
  for (const analysis::Token& t : tokens) {
    auto it = terms.terms.find(t.text);
    if (it != terms.terms.end()) {
      matches.push_back({t.start, t.end, &*it});
      continue;
    }
    if (!t.text.empty()) {
      auto p = terms.prefixes.find(t.text.substr(0, 1));
      if (p != terms.prefixes.end()) matches.push_back({t.start, t.start + 1, &*p});
    }
  }
  std::sort(matches.begin(), matches.end(),
            [](const Match& a, const Match& b) { return a.start < b.start; });
  return matches;
}

// The window (in code points) that covers the most distinct terms: where its first match starts
// and where its last match ends.
struct Window {
  int start;
  int last_end;
};

Window BestWindow(const std::vector<Match>& matches, int max_chars) {
  Window best{matches.front().start, matches.front().end};
  size_t best_count = 0;
  for (size_t i = 0; i < matches.size(); ++i) {
    std::set<const std::wstring*> seen;
    int last_end = matches[i].end;
    for (size_t j = i; j < matches.size() && matches[j].end - matches[i].start <= max_chars; ++j) {
      seen.insert(matches[j].term);
      last_end = std::max(last_end, matches[j].end);
    }
    if (seen.size() > best_count) {
      best_count = seen.size();
      best = {matches[i].start, last_end};
    }
  }
  return best;
}

bool IsWhite(wchar_t c) { return c == L' ' || c == L'\n' || c == L'\t' || c == L'\r' || c == 0x3000; }

size_t DistinctTerms(const std::vector<Match>& matches, const Window& w) {
  std::set<const std::wstring*> seen;
  for (const Match& m : matches) {
    if (m.start >= w.start && m.end <= w.last_end) seen.insert(m.term);
  }
  return seen.size();
}

// Analysing a whole 20 KB body for ten hits was a fifth of a query's time. The body is analysed
// in pieces cut at white space instead, stopping once a window holds every highlight term (or
// after kMaxPieces pieces that found any match): the window shown is then the best one of the
// text read so far, usually the same as the best of the whole body.
std::vector<Match> FindMatchesEarly(const std::wstring& body, const analysis::Analyzer& analyzer,
                                    const HighlightTerms& terms, int max_chars) {
  // The first piece is short because most hits match near the start (titles' words recur in the
  // lead paragraph); later pieces grow so a match deep in a long body costs few calls.
  int piece_chars = 400;
  constexpr int kMaxPieceChars = 3200;
  constexpr int kMaxPieces = 4;
  std::vector<Match> matches;
  const size_t all_terms = terms.terms.size() + terms.prefixes.size();
  const size_t wanted =
      terms.positions > 0 ? std::min(all_terms, static_cast<size_t>(terms.positions)) : all_terms;
  if (wanted == 0) return matches;
  int pieces_with_matches = 0;
  for (size_t from = 0; from < body.size();) {
    size_t to = std::min(body.size(), from + static_cast<size_t>(piece_chars));
    while (to < body.size() && to > from && !IsWhite(body[to])) --to;
    // One very long "word": cut it anyway.
    if (to == from) to = std::min(body.size(), from + static_cast<size_t>(piece_chars));
    piece_chars = std::min(kMaxPieceChars, piece_chars * 2);
    std::vector<Match> found = FindMatches(
        analyzer.Analyze(std::wstring(body, from, to - from), analysis::Side::kIndex), terms);
    for (Match& m : found) {
      m.start += static_cast<int>(from);
      m.end += static_cast<int>(from);
      matches.push_back(m);
    }
    from = to;
    if (matches.empty()) continue;
    if (!found.empty()) ++pieces_with_matches;
    if (pieces_with_matches >= kMaxPieces ||
        DistinctTerms(matches, BestWindow(matches, max_chars)) >= wanted) {
      break;
    }
  }
  return matches;
}

// Most query terms are Hangul bigrams or ASCII words, and analysing bodies to find them was most
// of a query's CPU once the hits were found. Hangul syllables pass the normalizer unchanged and
// every Hangul run is cut into all its adjacent bigrams, so a term made only of syllables matches
// wherever its text stands in the body. An ASCII word is a token only where the analyzer cuts a
// run there, so its case-insensitive occurrences are candidates, confirmed by analysing just the
// white-space-delimited text around each. Both hold only where normalisation cannot make such
// text (Normalizer::PlainSearchFinds); anything else (Han folded to Simplified, single-character
// prefixes, other scripts) goes through the analyzer.
enum class PlainKind { kHangul, kAscii, kNone };

PlainKind PlainKindOf(const std::wstring& term) {
  if (term.size() < 2) return PlainKind::kNone;
  if (std::all_of(term.begin(), term.end(), [](wchar_t c) { return c >= 0xAC00 && c <= 0xD7A3; })) {
    return PlainKind::kHangul;
  }
  if (std::all_of(term.begin(), term.end(),
                  [](wchar_t c) { return (c >= L'a' && c <= L'z') || (c >= L'0' && c <= L'9'); })) {
    return PlainKind::kAscii;
  }
  return PlainKind::kNone;
}

// Whether the analyzer makes `term` a token at exactly [at, at + term.size()) of `body`: the
// text between the white space around it is analysed alone (cut 64 characters away at most: a
// token reaching a cut is longer than the term, so it cannot match by accident).
bool IsTokenAt(const std::wstring& body, size_t at, const std::wstring& term,
               const analysis::Analyzer& analyzer) {
  constexpr size_t kReach = 64;
  size_t from = at;
  while (from > 0 && at - from < kReach && !IsWhite(body[from - 1])) --from;
  size_t to = at + term.size();
  while (to < body.size() && to - at < kReach + term.size() && !IsWhite(body[to])) ++to;
  for (const analysis::Token& t :
       analyzer.Analyze(std::wstring_view(body).substr(from, to - from), analysis::Side::kIndex)) {
    if (from + static_cast<size_t>(t.start) == at && t.text == term) return true;
  }
  return false;
}

// The matches of every term by plain search, or nothing when some term or the body needs the
// analyzer.
std::optional<std::vector<Match>> FindPlainMatches(const std::wstring& body,
                                                   const analysis::Analyzer& analyzer,
                                                   const HighlightTerms& terms) {
  if (!terms.prefixes.empty() || terms.terms.empty()) return std::nullopt;
  bool hangul = false;
  bool ascii = false;
  for (const std::wstring& t : terms.terms) {
    const PlainKind kind = PlainKindOf(t);
    if (kind == PlainKind::kNone) return std::nullopt;
    (kind == PlainKind::kHangul ? hangul : ascii) = true;
  }
  const analysis::Normalizer::PlainSearch finds = analyzer.PlainSearchFinds(body);
  if ((hangul && !finds.hangul) || (ascii && !finds.latin)) return std::nullopt;
  std::wstring lowered;
  if (ascii) {
    lowered = body;
    for (wchar_t& c : lowered) {
      if (c >= L'A' && c <= L'Z') c += L'a' - L'A';
    }
  }
  constexpr int kMaxPerTerm = 64;  // a window needs few; keeps BestWindow cheap
  constexpr int kMaxChecksPerTerm = 256;
  std::vector<Match> matches;
  for (const std::wstring& t : terms.terms) {
    const bool is_ascii = PlainKindOf(t) == PlainKind::kAscii;
    const std::wstring& text = is_ascii ? lowered : body;
    int found = 0;
    int checked = 0;  // an ASCII term inside many longer words costs a bounded number of checks
    for (size_t at = text.find(t); at != std::wstring::npos && found < kMaxPerTerm;
         at = text.find(t, at + 1)) {
      if (is_ascii) {
        if (++checked > kMaxChecksPerTerm) break;
        if (!IsTokenAt(body, at, t, analyzer)) continue;
      }
      matches.push_back({static_cast<int>(at), static_cast<int>(at + t.size()), &t});
      ++found;
    }
  }
  std::sort(matches.begin(), matches.end(),
            [](const Match& a, const Match& b) { return a.start < b.start; });
  return matches;
}

}  // namespace

Snippet MakeSnippet(const std::wstring& body, const analysis::Analyzer& analyzer,
                    const HighlightTerms& terms, int max_chars) {
  const int n = static_cast<int>(body.size());
  std::optional<std::vector<Match>> plain = FindPlainMatches(body, analyzer, terms);
  const std::vector<Match> matches =
      plain.has_value() ? std::move(*plain) : FindMatchesEarly(body, analyzer, terms, max_chars);
  int begin = 0;
  if (!matches.empty()) {
    // Show a little context before the first match, as much as the window's last match leaves
    // room for, starting at a word boundary but never after the first match.
    const Window w = BestWindow(matches, max_chars);
    const int lead = std::max(0, std::min(max_chars / 5, max_chars - (w.last_end - w.start)));
    begin = std::max(0, w.start - lead);
    if (begin > 0) {
      int k = begin;
      while (k < w.start && k < begin + 12 && !IsWhite(body[k - 1])) ++k;
      if (IsWhite(body[k - 1])) begin = k;
    }
  }
  const int end = std::min(n, begin + max_chars);

  Snippet out;
  std::vector<int> byte_at(static_cast<size_t>(end - begin) + 1, 0);
  if (begin > 0) out.text = "… ";
  bool last_white = true;
  for (int i = begin; i < end; ++i) {
    byte_at[static_cast<size_t>(i - begin)] = static_cast<int>(out.text.size());
    if (IsWhite(body[i])) {
      if (!last_white) out.text.push_back(' ');
      last_white = true;
      continue;
    }
    last_white = false;
    AppendUtf8(body[i], &out.text);
  }
  byte_at[static_cast<size_t>(end - begin)] = static_cast<int>(out.text.size());
  while (!out.text.empty() && out.text.back() == ' ') out.text.pop_back();
  const int core_len = static_cast<int>(out.text.size());
  if (end < n) out.text += " …";

  for (const Match& m : matches) {
    if (m.start < begin || m.end > end) continue;
    const int s = byte_at[static_cast<size_t>(m.start - begin)];
    const int e = std::min(core_len, byte_at[static_cast<size_t>(m.end - begin)]);
    if (!out.highlights.empty() && s <= out.highlights.back().second) {
      out.highlights.back().second = std::max(out.highlights.back().second, e);
    } else {
      out.highlights.emplace_back(s, e);
    }
  }
  return out;
}

}  // namespace briefsearch::query
