#include "server/query/snippet.h"

#include <string.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>

#include "absl/strings/ascii.h"
#include "common/utf8.h"
#include "server/analysis/char_class.h"
#include "server/analysis/han_tables.h"

namespace briefsearch::query {
namespace {

// Offsets in code points of the body (what max_chars counts), and where the match starts in the
// body's UTF-8 (where the snippet's text is cut from).
struct Match {
  int start;
  int end;
  const std::wstring* term;
  size_t byte = 0;
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

// How many distinct terms a window needs to show: every term, or HighlightTerms::positions.
size_t WantedTerms(const HighlightTerms& terms) {
  const size_t all_terms = terms.terms.size() + terms.prefixes.size();
  return terms.positions > 0 ? std::min(all_terms, static_cast<size_t>(terms.positions)) : all_terms;
}

// The earliest window showing the most distinct terms, counting at most `wanted`.
Window BestWindow(const std::vector<Match>& matches, int max_chars, size_t wanted) {
  Window best{matches.front().start, matches.front().end};
  size_t best_count = 0;
  for (size_t i = 0; i < matches.size() && best_count < wanted; ++i) {
    std::set<const std::wstring*> seen;
    int last_end = matches[i].end;
    for (size_t j = i; j < matches.size() && matches[j].end - matches[i].start <= max_chars; ++j) {
      seen.insert(matches[j].term);
      last_end = std::max(last_end, matches[j].end);
    }
    if (std::min(seen.size(), wanted) > best_count) {
      best_count = std::min(seen.size(), wanted);
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
  const size_t wanted = WantedTerms(terms);
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
        DistinctTerms(matches, BestWindow(matches, max_chars, wanted)) >= wanted) {
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
// prefixes, other scripts) goes through the analyzer. The search runs on the stored UTF-8 itself:
// converting whole bodies to wide strings cost as much as the search.
enum class PlainKind { kHangul, kAscii, kHan, kNone };

PlainKind PlainKindOf(const std::wstring& term) {
  if (term.size() < 2) return PlainKind::kNone;
  if (std::all_of(term.begin(), term.end(), [](wchar_t c) { return c >= 0xAC00 && c <= 0xD7A3; })) {
    return PlainKind::kHangul;
  }
  // Han bigrams (folded to Simplified): every pair of a run of Han characters is a token.
  if (term.size() == 2 && std::all_of(term.begin(), term.end(),
                  [](wchar_t c) { return analysis::IsHanClass(static_cast<char32_t>(c)); })) {
    return PlainKind::kHan;
  }
  if (std::all_of(term.begin(), term.end(),
                  [](wchar_t c) { return (c >= L'a' && c <= L'z') || (c >= L'0' && c <= L'9'); })) {
    return PlainKind::kAscii;
  }
  return PlainKind::kNone;
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The byte after the code point starting at `at`.
size_t NextCodePoint(std::string_view utf8, size_t at) {
  ++at;
  while (at < utf8.size() && IsContinuation(utf8[at])) ++at;
  return at;
}

// Code points in utf8[from, to).
int CodePoints(std::string_view utf8, size_t from, size_t to) {
  int n = 0;
  for (size_t i = from; i < to; ++i) n += IsContinuation(utf8[i]) ? 0 : 1;
  return n;
}

// Whether the character ending just before byte `at` (or starting at it) is white space.
bool WhiteBefore(std::string_view utf8, size_t at) {
  const char c = utf8[at - 1];
  if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return true;
  return at >= 3 && utf8.substr(at - 3, 3) == "\u3000";
}
bool WhiteAt(std::string_view utf8, size_t at) {
  const char c = utf8[at];
  if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return true;
  return utf8.substr(at, 3) == "\u3000";
}

// std::string_view::find looks for the needle's first byte with memchr, and in Korean text
// nearly every third byte is a Hangul lead byte; glibc's memmem compares pairs of bytes.
size_t Find(std::string_view text, std::string_view needle, size_t from) {
  if (from > text.size()) return std::string_view::npos;
  const void* at = memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  return at == nullptr ? std::string_view::npos
                       : static_cast<size_t>(static_cast<const char*>(at) - text.data());
}

// Whether the analyzer makes `term` a token at exactly the bytes [at, at + term's length) of
// `body`: the text between the white space around it is analysed alone (cut about 64 characters
// away at most: a token reaching a cut is longer than the term, so it cannot match by accident).
bool IsTokenAt(std::string_view body, size_t at, size_t length, const std::wstring& term,
               const analysis::Analyzer& analyzer) {
  constexpr size_t kReach = 192;  // bytes: 64 Hangul or Han characters
  size_t from = at;
  while (from > 0 && at - from < kReach && !WhiteBefore(body, from)) --from;
  while (from > 0 && IsContinuation(body[from])) --from;
  size_t to = at + length;
  while (to < body.size() && to - at < kReach + length && !WhiteAt(body, to)) ++to;
  while (to < body.size() && IsContinuation(body[to])) ++to;
  const int start = CodePoints(body, from, at);
  for (const analysis::Token& t :
       analyzer.Analyze(Utf8ToWide(body.substr(from, to - from)), analysis::Side::kIndex)) {
    if (t.start == start && t.text == term) return true;
  }
  return false;
}

// The matches the index gives runs of Han characters, for a body whose Han analysis reads as
// written (Normalizer::PlainSearch::han_stable): each pair of a run is a bigram of its Simplified
// folds and, when every character of the run has a reading, a bigram of the run's reading
// (tokenizer.cc), which a two-syllable Hangul term matches (国际 reads 국제).
void AddHanRunMatches(std::string_view body, const std::vector<uint32_t>& known_runs,
                      const std::vector<std::pair<const std::wstring*, PlainKind>>& kinds,
                      std::vector<Match>* matches) {
  std::wstring run, folded;
  std::vector<size_t> run_bytes;  // where each character of `run` starts in `body`
  const auto match_run = [&] {
    if (run.size() >= 2) {
      const std::wstring reading = analysis::HangulReading(run);
      folded.clear();
      for (wchar_t c : run) folded.push_back(static_cast<wchar_t>(analysis::FoldHan(static_cast<char32_t>(c))));
      for (size_t k = 0; k + 1 < run.size(); ++k) {
        for (const auto& [term, kind] : kinds) {
          if (term->size() != 2) continue;
          const bool found = kind == PlainKind::kHan ? folded.compare(k, 2, *term) == 0
                             : kind == PlainKind::kHangul && !reading.empty() && reading.compare(k, 2, *term) == 0;
          if (found) matches->push_back({0, 2, term, run_bytes[k]});
        }
      }
    }
    run.clear();
    run_bytes.clear();
  };
  // Runs recorded at indexing, or the whole body as one range to look through.
  const std::vector<uint32_t> whole = {0, static_cast<uint32_t>(body.size())};
  const std::vector<uint32_t>& ranges = known_runs.empty() ? whole : known_runs;
  const auto* bytes = reinterpret_cast<const unsigned char*>(body.data());
  for (size_t r = 0; r + 1 < ranges.size(); r += 2) {
    const size_t end = std::min<size_t>(ranges[r + 1], body.size());
    for (size_t i = ranges[r]; i < end;) {
      // Most of a Korean body is ASCII and syllables (lead bytes EA-ED): passed over undecoded.
      const unsigned char b = bytes[i];
      if (b < 0x80 || (b >= 0xEA && b <= 0xED)) {
        if (!run.empty()) match_run();
        i += b < 0x80 ? 1 : 3;
        continue;
      }
      char32_t cp = 0xFFFD;
      const size_t at = i;
      const size_t n = DecodeUtf8(body, i, &cp);
      i += n == 0 ? 1 : n;
      if (analysis::IsHanClass(cp)) {
        run.push_back(static_cast<wchar_t>(cp));
        run_bytes.push_back(at);
      } else if (!run.empty()) {
        match_run();
      }
    }
    match_run();
  }
}

// The matches of every term by plain search, or nothing when some term or the body needs the
// analyzer.
std::optional<std::vector<Match>> FindPlainMatches(
    std::string_view body, const analysis::Analyzer& analyzer, const HighlightTerms& terms,
    std::optional<analysis::Normalizer::PlainSearch> known) {
  if (!terms.prefixes.empty() || terms.terms.empty()) return std::nullopt;
  bool hangul = false;
  bool ascii = false;
  bool han = false;
  std::vector<std::pair<const std::wstring*, PlainKind>> kinds;
  for (const std::wstring& t : terms.terms) {
    const PlainKind kind = PlainKindOf(t);
    if (kind == PlainKind::kNone) return std::nullopt;
    (kind == PlainKind::kHangul ? hangul : kind == PlainKind::kAscii ? ascii : han) = true;
    kinds.emplace_back(&t, kind);
  }
  // A Han term needs what the index recorded about Han (documents from before it was recorded
  // are scanned again: far cheaper than analysing them); so does a Hangul term, which the index
  // also gives Han runs that read as it (国际 -> 국제).
  analysis::Normalizer::PlainSearch finds = known ? *known : analyzer.PlainSearchFinds(body);
  if (!finds.han_checked && (han || hangul)) finds = analyzer.ScanHan(body, finds);
  if ((hangul && !finds.hangul) || (ascii && !finds.latin)) return std::nullopt;
  if ((han || (hangul && finds.han_any)) && !finds.han_stable) return std::nullopt;
  std::string lowered;
  if (ascii) {
    lowered = body;
    absl::AsciiStrToLower(&lowered);
  }
  constexpr int kMaxPerTerm = 64;  // a window needs few; keeps BestWindow cheap
  constexpr int kMaxChecksPerTerm = 256;
  std::vector<Match> matches;
  for (const auto& [term, kind] : kinds) {
    if (kind == PlainKind::kHan) continue;  // AddHanRunMatches
    const std::wstring& t = *term;
    const bool is_ascii = kind == PlainKind::kAscii;
    const std::string_view text = is_ascii ? std::string_view(lowered) : body;
    const std::string needle = WideToUtf8(t);
    int found = 0;
    int checked = 0;  // an ASCII term inside many longer words costs a bounded number of checks
    for (size_t at = Find(text, needle, 0); at != std::string_view::npos && found < kMaxPerTerm;
         at = Find(text, needle, at + 1)) {
      if (is_ascii) {
        if (++checked > kMaxChecksPerTerm) break;
        if (!IsTokenAt(body, at, needle.size(), t, analyzer)) continue;
      }
      matches.push_back({0, static_cast<int>(t.size()), &t, at});
      ++found;
    }
  }
  if ((han || hangul) && finds.han_any) AddHanRunMatches(body, finds.han_runs, kinds, &matches);
  std::sort(matches.begin(), matches.end(),
            [](const Match& a, const Match& b) { return a.byte < b.byte; });
  // Byte offsets to code points, in one pass.
  size_t byte = 0;
  int code_point = 0;
  for (Match& m : matches) {
    code_point += CodePoints(body, byte, m.byte);
    byte = m.byte;
    m.start = code_point;
    m.end += code_point;
  }
  return matches;
}

size_t Utf8Length(wchar_t c) {
  const auto cp = static_cast<char32_t>(c);
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : (cp < 0x10000 || cp > 0x10FFFF) ? 3 : 4;
}

// The analyzer's matches, found in the body's wide form, with their UTF-8 offsets.
std::vector<Match> FindAnalysedMatches(std::string_view body, const analysis::Analyzer& analyzer,
                                       const HighlightTerms& terms, int max_chars) {
  const std::wstring wide = Utf8ToWide(body);
  std::vector<Match> matches = FindMatchesEarly(wide, analyzer, terms, max_chars);
  size_t byte = 0;
  int code_point = 0;
  for (Match& m : matches) {  // sorted by start
    for (; code_point < m.start; ++code_point) byte += Utf8Length(wide[static_cast<size_t>(code_point)]);
    m.byte = byte;
  }
  return matches;
}

// Steps back `count` code points from byte `at` (not before the start).
size_t BackCodePoints(std::string_view utf8, size_t at, int count) {
  for (; count > 0 && at > 0; --count) {
    --at;
    while (at > 0 && IsContinuation(utf8[at])) --at;
  }
  return at;
}

}  // namespace

Snippet MakeSnippet(std::string_view body, const analysis::Analyzer& analyzer,
                    const HighlightTerms& terms, int max_chars,
                    std::optional<analysis::Normalizer::PlainSearch> plain_search) {
  std::optional<std::vector<Match>> plain = FindPlainMatches(body, analyzer, terms, plain_search);
  const std::vector<Match> matches = plain.has_value()
                                         ? std::move(*plain)
                                         : FindAnalysedMatches(body, analyzer, terms, max_chars);
  int begin = 0;
  size_t begin_byte = 0;
  if (!matches.empty()) {
    // Show a little context before the first match, as much as the window's last match leaves
    // room for, starting at a word boundary (within 12 characters) but never after the first match.
    const Window w = BestWindow(matches, max_chars, WantedTerms(terms));
    const Match& first = *std::find_if(matches.begin(), matches.end(),
                                       [&](const Match& m) { return m.start == w.start; });
    const int lead = std::max(0, std::min(max_chars / 5, max_chars - (w.last_end - w.start)));
    begin = std::max(0, w.start - lead);
    begin_byte = BackCodePoints(body, first.byte, w.start - begin);
    size_t k = begin_byte;
    for (int steps = 0; begin > 0 && steps < 12 && k < first.byte && !WhiteBefore(body, k); ++steps) {
      k = NextCodePoint(body, k);
    }
    if (begin > 0 && WhiteBefore(body, k)) {
      begin += CodePoints(body, begin_byte, k);
      begin_byte = k;
    }
  }

  // Copy up to max_chars code points from begin_byte, collapsing white space; byte_at[i] is where
  // code point begin + i lands in the text.
  Snippet out;
  std::vector<int> byte_at;
  byte_at.reserve(static_cast<size_t>(max_chars) + 1);
  if (begin > 0) out.text = "… ";
  bool last_white = true;
  size_t at = begin_byte;
  for (int i = 0; i < max_chars && at < body.size(); ++i) {
    byte_at.push_back(static_cast<int>(out.text.size()));
    const size_t next = NextCodePoint(body, at);
    if (WhiteAt(body, at)) {
      if (!last_white) out.text.push_back(' ');
      last_white = true;
    } else {
      last_white = false;
      out.text.append(body.substr(at, next - at));
    }
    at = next;
  }
  byte_at.push_back(static_cast<int>(out.text.size()));
  const int end = begin + static_cast<int>(byte_at.size()) - 1;
  while (!out.text.empty() && out.text.back() == ' ') out.text.pop_back();
  const int core_len = static_cast<int>(out.text.size());
  if (at < body.size()) out.text += " …";

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
