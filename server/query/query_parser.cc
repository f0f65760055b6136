#include "server/query/query_parser.h"

#include <algorithm>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/dates.h"
#include "common/status_macros.h"
#include "common/utf8.h"

namespace briefsearch::query {
namespace {

enum class Tok { kWord, kPhrase, kLParen, kRParen, kOr, kAnd, kNot, kField, kEnd };

struct Token {
  Tok type;
  std::wstring text;  // word or phrase text, or the field name
  int position;       // 1-based character position
};

bool IsSpace(wchar_t c) { return c == L' ' || c == L'\t' || c == L'\n' || c == L'\r' || c == 0x3000; }
bool IsOpenQuote(wchar_t c) { return c == L'"' || c == 0x201C || c == 0xFF02; }
bool IsCloseQuote(wchar_t c) { return c == L'"' || c == 0x201D || c == 0xFF02; }
bool EndsWord(wchar_t c) { return IsSpace(c) || c == L'(' || c == L')' || IsOpenQuote(c); }

const std::wstring kFields[] = {L"title", L"section", L"body", L"publisher", L"after", L"before"};

absl::Status Error(int position, const std::string& reason) {
  return absl::InvalidArgumentError(absl::StrCat("at position ", position, ": ", reason));
}

absl::StatusOr<std::vector<Token>> Lex(const std::wstring& q) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < q.size()) {
    const wchar_t c = q[i];
    const int pos = static_cast<int>(i) + 1;
    if (IsSpace(c)) { ++i; continue; }
    if (c == L'(' || c == L')') {
      out.push_back({c == L'(' ? Tok::kLParen : Tok::kRParen, L"", pos});
      ++i;
      continue;
    }
    if (IsOpenQuote(c)) {
      size_t j = i + 1;
      while (j < q.size() && !IsCloseQuote(q[j])) ++j;
      if (j >= q.size()) return Error(pos, "unterminated quote");
      out.push_back({Tok::kPhrase, q.substr(i + 1, j - i - 1), pos});
      i = j + 1;
      continue;
    }
    if (c == L'|') { out.push_back({Tok::kOr, L"", pos}); ++i; continue; }
    if (c == L'-' && i + 1 < q.size() && !IsSpace(q[i + 1]) && q[i + 1] != L')') {
      out.push_back({Tok::kNot, L"", pos});
      ++i;
      continue;
    }
    size_t j = i;
    while (j < q.size() && !EndsWord(q[j])) ++j;
    std::wstring word = q.substr(i, j - i);
    i = j;
    if (word == L"OR") { out.push_back({Tok::kOr, L"", pos}); continue; }
    if (word == L"AND") { out.push_back({Tok::kAnd, L"", pos}); continue; }
    if (word == L"NOT") { out.push_back({Tok::kNot, L"", pos}); continue; }
    const size_t colon = word.find(L':');
    if (colon != std::wstring::npos && colon > 0) {
      std::wstring name = word.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), ::towlower);
      if (std::find(std::begin(kFields), std::end(kFields), name) != std::end(kFields)) {
        out.push_back({Tok::kField, name, pos});
        if (colon + 1 < word.size()) {
          out.push_back({Tok::kWord, word.substr(colon + 1), pos + static_cast<int>(colon) + 1});
        } else if (i >= q.size() || IsSpace(q[i])) {
          return Error(pos, "field " + WideToUtf8(name) + ": needs a value right after the colon");
        }
        continue;
      }
    }
    out.push_back({Tok::kWord, std::move(word), pos});
  }
  out.push_back({Tok::kEnd, L"", static_cast<int>(q.size()) + 1});
  return out;
}


class Parser {
 public:
  Parser(std::vector<Token> tokens, const ParseLimits& limits)
      : tokens_(std::move(tokens)), limits_(limits) {}

  absl::StatusOr<QueryNode> Parse() {
    ASSIGN_OR_RETURN(QueryNode root, ParseOr(0));
    if (Peek().type == Tok::kRParen) return Error(Peek().position, "unmatched ')'");
    if (Peek().type != Tok::kEnd) return Error(Peek().position, "unexpected input");
    return root;
  }

 private:
  const Token& Peek() const { return tokens_[next_]; }
  const Token& Take() { return tokens_[next_++]; }

  absl::StatusOr<QueryNode> ParseOr(int depth) {
    if (depth > limits_.max_depth) {
      return absl::ResourceExhaustedError(
          absl::StrCat("query nests deeper than ", limits_.max_depth, " levels"));
    }
    const int pos = Peek().position;
    if (Peek().type == Tok::kOr) return Error(pos, "OR needs a term before it");
    QueryNode node{NodeKind::kOr, TextField::kAny, "", {}, pos};
    ASSIGN_OR_RETURN(QueryNode first, ParseAnd(depth));
    node.children.push_back(std::move(first));
    while (Peek().type == Tok::kOr) {
      const int or_pos = Take().position;
      const Tok t = Peek().type;
      if (t == Tok::kEnd || t == Tok::kRParen || t == Tok::kOr) {
        return Error(or_pos, "OR needs a term after it");
      }
      ASSIGN_OR_RETURN(QueryNode next, ParseAnd(depth));
      node.children.push_back(std::move(next));
    }
    if (node.children.size() == 1) return std::move(node.children[0]);
    return node;
  }

  absl::StatusOr<QueryNode> ParseAnd(int depth) {
    QueryNode node{NodeKind::kAnd, TextField::kAny, "", {}, Peek().position};
    while (true) {
      const Token& t = Peek();
      if (t.type == Tok::kEnd || t.type == Tok::kRParen || t.type == Tok::kOr) break;
      if (t.type == Tok::kAnd) {
        const int and_pos = Take().position;
        const Tok n = Peek().type;
        if (node.children.empty() || n == Tok::kEnd || n == Tok::kRParen || n == Tok::kOr) {
          return Error(and_pos, "AND needs a term on both sides");
        }
        continue;
      }
      ASSIGN_OR_RETURN(QueryNode child, ParseUnary(depth));
      node.children.push_back(std::move(child));
    }
    if (node.children.empty()) {
      // A ')' here closes a group when inside one; at the top level it has no '(' at all.
      const char* reason = Peek().type != Tok::kRParen ? "empty query"
                           : depth > 0                 ? "empty parentheses"
                                                       : "unmatched ')'";
      return Error(Peek().position, reason);
    }
    if (node.children.size() == 1) return std::move(node.children[0]);
    return node;
  }

  absl::StatusOr<QueryNode> ParseUnary(int depth) {
    if (Peek().type != Tok::kNot) return ParsePrimary(depth);
    const int pos = Take().position;
    const Tok t = Peek().type;
    if (t == Tok::kEnd || t == Tok::kRParen || t == Tok::kOr || t == Tok::kNot || t == Tok::kAnd) {
      return Error(pos, "'-' or NOT needs a term after it");
    }
    ASSIGN_OR_RETURN(QueryNode child, ParsePrimary(depth));
    QueryNode node{NodeKind::kNot, TextField::kAny, "", {}, pos};
    node.children.push_back(std::move(child));
    return node;
  }

  absl::StatusOr<QueryNode> ParsePrimary(int depth) {
    const Token& t = Take();
    switch (t.type) {
      case Tok::kLParen: {
        ASSIGN_OR_RETURN(QueryNode inner, ParseOr(depth + 1));
        if (Peek().type != Tok::kRParen) {
          return Error(t.position, "'(' is never closed");
        }
        Take();
        return inner;
      }
      case Tok::kWord:
      case Tok::kPhrase:
        if (++terms_ > limits_.max_terms) {
          return absl::ResourceExhaustedError(
              absl::StrCat("query has more than ", limits_.max_terms, " terms"));
        }
        return QueryNode{t.type == Tok::kWord ? NodeKind::kWord : NodeKind::kPhrase,
                         TextField::kAny, WideToUtf8(t.text), {}, t.position};
      case Tok::kField:
        return ParseField(t, depth);
      case Tok::kRParen:
        return Error(t.position, "unmatched ')'");
      default:
        return Error(t.position, "expected a term");
    }
  }

  absl::StatusOr<QueryNode> ParseField(const Token& field, int depth) {
    const std::string name = WideToUtf8(field.text);
    if (name == "publisher" || name == "after" || name == "before") {
      const Token& v = Take();
      if (v.type != Tok::kWord) return Error(field.position, name + ": needs a value");
      std::string value = WideToUtf8(v.text);
      if (name == "publisher") {
        value = absl::AsciiStrToUpper(value);
        if (value != "KOSTEC" && value != "KIC" && value != "KIEP" && value != "OTHER") {
          return Error(v.position, "unknown publisher \"" + value +
                                       "\" (expected KOSTEC, KIC, KIEP or OTHER)");
        }
        return QueryNode{NodeKind::kPublisher, TextField::kAny, value, {}, field.position};
      }
      if (!IsCalendarDate(value)) return Error(v.position, name + ": needs a date written YYYY-MM-DD");
      return QueryNode{name == "after" ? NodeKind::kAfter : NodeKind::kBefore, TextField::kAny,
                       value, {}, field.position};
    }
    const Tok next = Peek().type;
    if (next != Tok::kWord && next != Tok::kPhrase && next != Tok::kLParen) {
      return Error(field.position, name + ": needs a word, a phrase or a group");
    }
    ASSIGN_OR_RETURN(QueryNode node, ParsePrimary(depth));
    const TextField f = name == "title"     ? TextField::kTitle
                        : name == "section" ? TextField::kSection
                                            : TextField::kBody;
    SetField(&node, f);
    return node;
  }

  static void SetField(QueryNode* node, TextField f) {
    if (node->kind == NodeKind::kWord || node->kind == NodeKind::kPhrase) node->field = f;
    for (QueryNode& c : node->children) SetField(&c, f);
  }

  std::vector<Token> tokens_;
  const ParseLimits& limits_;
  size_t next_ = 0;
  int terms_ = 0;
};

// True when the node can match documents on its own (is not only exclusions).
bool IsPositive(const QueryNode& n) {
  switch (n.kind) {
    case NodeKind::kNot:
      return false;
    case NodeKind::kAnd:
      return std::any_of(n.children.begin(), n.children.end(), IsPositive);
    case NodeKind::kOr:
      return std::all_of(n.children.begin(), n.children.end(), IsPositive);
    default:
      return true;
  }
}

// A group (or an excluded term's operand) that itself is only exclusions; nullptr when none.
const QueryNode* FindNegativeGroup(const QueryNode& n) {
  for (const QueryNode& c : n.children) {
    const QueryNode& operand = c.kind == NodeKind::kNot ? c.children[0] : c;
    if ((operand.kind == NodeKind::kAnd || operand.kind == NodeKind::kOr) && !IsPositive(operand)) {
      return &operand;
    }
    if (const QueryNode* bad = FindNegativeGroup(operand)) return bad;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<QueryNode> ParseQuery(std::string_view query, const ParseLimits& limits) {
  if (query.size() > limits.max_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat("query is ", query.size(),
                                                     " bytes, over the limit of ", limits.max_bytes));
  }
  if (!IsValidUtf8(query)) return absl::InvalidArgumentError("query is not valid UTF-8");
  const std::wstring wide = Utf8ToWide(NfcUtf8(query));
  ASSIGN_OR_RETURN(std::vector<Token> tokens, Lex(wide));
  if (tokens.size() == 1) return absl::InvalidArgumentError("query is empty");
  Parser parser(std::move(tokens), limits);
  ASSIGN_OR_RETURN(QueryNode root, parser.Parse());
  if (!IsPositive(root)) {
    return absl::InvalidArgumentError(
        "query has only excluded terms: add at least one term to search for");
  }
  if (const QueryNode* bad = FindNegativeGroup(root)) {
    return Error(bad->position, "a group of only excluded terms matches nothing");
  }
  return root;
}

}  // namespace briefsearch::query
