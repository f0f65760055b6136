// peer-sqlite-fts5: SQLite FTS5 (Debian libsqlite3-dev) on the benchmark corpus.
//
//   peer-sqlite-fts5 --corpus DIR --index-dir DIR [--tokenizer unicode61|trigram] [driver flags]
//
// unicode61 splits on spaces and punctuation, so a Korean word with a particle attached
// (반도체를) is one token: each query word is a prefix query ("반도체"*), which finds it. A run of
// Chinese without spaces is one token too, so a Chinese term is found only where it stands alone
// (in parentheses, as the briefs write it). trigram indexes every 3-character window and matches
// substrings anywhere, but cannot match a word shorter than 3 characters (한국, 수출): such words
// fall back to LIKE '%word%' over title and body, which scans every row the other words left.
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "bench/peers/peer_engine.h"

namespace briefsearch::bench::peers {
namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

absl::Status Error(sqlite3* db, const std::string& what) {
  return absl::InternalError(absl::StrCat("sqlite: ", what, ": ", sqlite3_errmsg(db)));
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Quoted(const std::string& word) {  // an FTS5 string: double the inner quotes
  return absl::StrCat("\"", absl::StrReplaceAll(word, {{"\"", "\"\""}}), "\"");
}

// The FTS5 MATCH expression and the LIKE patterns for words it cannot express.
struct Plan {
  std::string match;
  std::vector<std::string> likes;
};

Plan PlanQuery(const PeerQuery& q, bool trigram) {
  Plan plan;
  std::vector<std::string> terms;
  if (q.phrase) {
    const std::string text = absl::StrJoin(q.words, " ");
    if (trigram && CodePoints(text) < 3) {
      plan.likes.push_back(text);
    } else {
      terms.push_back(trigram ? Quoted(text) : Quoted(text) + "*");
    }
  } else {
    for (const std::string& w : q.words) {
      if (trigram && CodePoints(w) < 3) {
        plan.likes.push_back(w);
      } else {
        terms.push_back(trigram ? Quoted(w) : Quoted(w) + "*");
      }
    }
  }
  plan.match = absl::StrJoin(terms, " AND ");
  return plan;
}

// One connection per search thread (SQLITE_OPEN_NOMUTEX): connections share nothing but the file.
class SqlitePeer final : public PeerEngine {
 public:
  SqlitePeer(std::string dir, bool trigram) : dir_(std::move(dir)), trigram_(trigram) {}

  absl::Status Add(const PeerArticle& a) override {
    if (!writer_) {
      if (absl::Status s = CreateSchema(); !s.ok()) return s;
    }
    sqlite3_stmt* st = insert_.get();
    sqlite3_reset(st);
    const std::string* fields[] = {&a.title, &a.body, &a.article_id, &a.publisher, &a.published};
    for (int i = 0; i < 5; ++i) {
      sqlite3_bind_text(st, i + 1, fields[i]->data(), int(fields[i]->size()), SQLITE_STATIC);
    }
    if (sqlite3_step(st) != SQLITE_DONE) return Error(writer_.get(), "insert");
    return absl::OkStatus();
  }

  absl::Status FinishIndex() override {
    if (!writer_) return absl::OkStatus();
    insert_.reset();
    if (absl::Status s = Exec(writer_.get(), "COMMIT"); !s.ok()) return s;
    // Merge the FTS5 segments into one b-tree, as a read-mostly archive would.
    if (absl::Status s = Exec(writer_.get(), "INSERT INTO articles(articles) VALUES('optimize')");
        !s.ok()) {
      return s;
    }
    writer_.reset();
    return absl::OkStatus();
  }

  absl::Status OpenForSearch(int max_threads) override {
    for (int i = 0; i < max_threads; ++i) {
      sqlite3* raw = nullptr;
      const int rc = sqlite3_open_v2(Path().c_str(), &raw,
                                     SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
      Db db(raw);
      if (rc != SQLITE_OK) return Error(raw, "open");
      readers_.push_back(std::move(db));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<int64_t> Search(int thread, const PeerQuery& q, bool exact_count) override {
    sqlite3* db = readers_[thread].get();
    const Plan plan = PlanQuery(q, trigram_);
    std::vector<std::string> where, args;
    if (!plan.match.empty()) {
      where.push_back("articles MATCH ?");
      args.push_back(plan.match);
    }
    for (const std::string& w : plan.likes) {
      where.push_back("(title LIKE ? OR body LIKE ?)");
      args.push_back(absl::StrCat("%", w, "%"));
      args.push_back(args.back());
    }
    if (!q.publisher.empty()) {
      where.push_back("publisher = ?");
      args.push_back(q.publisher);
    }
    if (!q.after.empty()) {
      where.push_back("published >= ?");
      args.push_back(q.after);
    }
    if (!q.before.empty()) {
      where.push_back("published <= ?");
      args.push_back(q.before);
    }
    const std::string cond = absl::StrJoin(where, " AND ");
    // Ranked by bm25 when there is a MATCH; a LIKE-only query has no relevance order.
    const std::string order = plan.match.empty() ? "" : " ORDER BY rank";
    auto top = Rows(
        db, absl::StrCat("SELECT article_id, title FROM articles WHERE ", cond, order, " LIMIT 10"),
        args);
    if (!top.ok() || !exact_count) return top;
    return Count(db, absl::StrCat("SELECT count(*) FROM articles WHERE ", cond), args);
  }

 private:
  std::string Path() const { return dir_ + "/fts5.db"; }

  static absl::Status Exec(sqlite3* db, const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      absl::Status s = absl::InternalError(absl::StrCat("sqlite: ", sql, ": ", err ? err : "?"));
      sqlite3_free(err);
      return s;
    }
    return absl::OkStatus();
  }

  absl::Status CreateSchema() {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open(Path().c_str(), &raw);
    writer_.reset(raw);
    if (rc != SQLITE_OK) return Error(raw, "open");
    const std::string tokenize = trigram_ ? "trigram" : "unicode61 remove_diacritics 2";
    for (const std::string& sql :
         {std::string("PRAGMA journal_mode=OFF"), std::string("PRAGMA synchronous=OFF"),
          absl::StrCat("CREATE VIRTUAL TABLE articles USING fts5(title, body, article_id UNINDEXED,"
                       " publisher UNINDEXED, published UNINDEXED, tokenize='",
                       tokenize, "')"),
          std::string("BEGIN")}) {
      if (absl::Status s = Exec(raw, sql); !s.ok()) return s;
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(raw, "INSERT INTO articles VALUES(?,?,?,?,?)", -1, &st, nullptr) !=
        SQLITE_OK) {
      return Error(raw, "prepare insert");
    }
    insert_.reset(st);
    return absl::OkStatus();
  }

  // Prepares `sql` with `args` bound in order; `args` must outlive the statement's steps.
  static absl::StatusOr<Stmt> Prepare(sqlite3* db, const std::string& sql,
                                      const std::vector<std::string>& args) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
      return Error(db, "prepare");
    }
    Stmt st(raw);
    for (size_t i = 0; i < args.size(); ++i) {
      sqlite3_bind_text(raw, int(i) + 1, args[i].data(), int(args[i].size()), SQLITE_STATIC);
    }
    return st;
  }

  // Steps through every row, reading the columns as a caller showing the page would; returns the
  // number of rows.
  static absl::StatusOr<int64_t> Rows(sqlite3* db, const std::string& sql,
                                      const std::vector<std::string>& args) {
    auto st = Prepare(db, sql, args);
    if (!st.ok()) return st.status();
    int64_t rows = 0;
    int rc;
    while ((rc = sqlite3_step(st->get())) == SQLITE_ROW) {
      (void)sqlite3_column_text(st->get(), 0);
      (void)sqlite3_column_text(st->get(), 1);
      ++rows;
    }
    if (rc != SQLITE_DONE) return Error(db, "step");
    return rows;
  }

  static absl::StatusOr<int64_t> Count(sqlite3* db, const std::string& sql,
                                       const std::vector<std::string>& args) {
    auto st = Prepare(db, sql, args);
    if (!st.ok()) return st.status();
    if (sqlite3_step(st->get()) != SQLITE_ROW) return Error(db, "count");
    return int64_t(sqlite3_column_int64(st->get(), 0));
  }

  std::string dir_;
  bool trigram_;
  Db writer_;
  Stmt insert_;
  std::vector<Db> readers_;
};

}  // namespace
}  // namespace briefsearch::bench::peers

int main(int argc, char** argv) {
  namespace peers = briefsearch::bench::peers;
  std::string tokenizer = "unicode61";
  boost::program_options::options_description extra("sqlite");
  extra.add_options()("tokenizer",
                      boost::program_options::value(&tokenizer)->default_value("unicode61"),
                      "unicode61 (words, prefix queries) or trigram (substrings)");
  return peers::RunPeerMain(
      argc, argv, "peer-sqlite-fts5", extra,
      [&](const peers::PeerFlags& flags,
          std::string* name) -> absl::StatusOr<std::unique_ptr<peers::PeerEngine>> {
        if (tokenizer != "unicode61" && tokenizer != "trigram") {
          return absl::InvalidArgumentError("--tokenizer must be unicode61 or trigram");
        }
        *name = "sqlite-fts5-" + tokenizer;
        return std::make_unique<peers::SqlitePeer>(flags.index_dir, tokenizer == "trigram");
      });
}
