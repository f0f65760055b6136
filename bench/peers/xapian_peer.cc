// peer-xapian: Xapian 1.4 (Debian libxapian-dev) on the benchmark corpus, set up as a user would
// for Korean and Chinese: CJK text as unigrams and bigrams (FLAG_CJK_NGRAM at index and query
// time), English stemmed, words ANDed, phrases through the query parser, the publisher as a boolean
// term and the date as a value range over sortable serialised yyyymmdd numbers.
//
//   peer-xapian --corpus DIR --index-dir DIR [--threads 1,8] [--seconds 10] [--tier 10k]
#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "bench/peers/peer_engine.h"

namespace briefsearch::bench::peers {
namespace {

constexpr Xapian::valueno kDateSlot = 0;
constexpr const char* kPublisherPrefix = "XP";
constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                 Xapian::QueryParser::FLAG_PHRASE |
                                 Xapian::QueryParser::FLAG_CJK_NGRAM;

// "2024-04-12" -> sortable_serialise(20240412): numeric order equals date order.
std::string DateValue(const std::string& date) {
  std::string digits;
  for (char c : date) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return Xapian::sortable_serialise(digits.empty() ? 0.0 : std::stod(digits));
}

absl::Status ToStatus(const Xapian::Error& e) {
  return absl::InternalError(absl::StrCat("xapian: ", e.get_description()));
}

// Not thread-safe: Xapian::Database and QueryParser belong to one thread, so every search thread
// gets its own pair (OpenForSearch) and Search() uses only its thread's.
class XapianPeer final : public PeerEngine {
 public:
  explicit XapianPeer(std::string dir) : dir_(std::move(dir)) {}

  absl::Status Add(const PeerArticle& a) override {
    try {
      if (!writer_) {
        writer_ = std::make_unique<Xapian::WritableDatabase>(dir_, Xapian::DB_CREATE_OR_OVERWRITE);
        generator_.set_stemmer(Xapian::Stem("english"));
        generator_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
      }
      Xapian::Document doc;
      generator_.set_document(doc);
      generator_.index_text(a.title, 2);  // titles count double, as in briefsearch
      generator_.increase_termpos();
      generator_.index_text(a.body);
      doc.add_boolean_term(kPublisherPrefix + a.publisher);
      doc.add_boolean_term("Q" + a.article_id);
      doc.add_value(kDateSlot, DateValue(a.published));
      doc.set_data(a.title);
      writer_->add_document(doc);
    } catch (const Xapian::Error& e) {
      return ToStatus(e);
    }
    return absl::OkStatus();
  }

  absl::Status FinishIndex() override {
    try {
      if (writer_) {
        writer_->commit();
        writer_->close();
      }
    } catch (const Xapian::Error& e) {
      return ToStatus(e);
    }
    writer_.reset();
    return absl::OkStatus();
  }

  absl::Status OpenForSearch(int max_threads) override {
    try {
      for (int i = 0; i < max_threads; ++i) {
        auto s = std::make_unique<Searcher>();
        s->db = Xapian::Database(dir_);
        s->parser.set_database(s->db);
        s->parser.set_stemmer(Xapian::Stem("english"));
        s->parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        s->parser.set_default_op(Xapian::Query::OP_AND);
        searchers_.push_back(std::move(s));
      }
    } catch (const Xapian::Error& e) {
      return ToStatus(e);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<int64_t> Search(int thread, const PeerQuery& q, bool exact_count) override {
    Searcher& s = *searchers_[thread];
    try {
      std::string text = absl::StrJoin(q.words, " ");
      if (q.phrase) text = absl::StrCat("\"", text, "\"");
      Xapian::Query query = s.parser.parse_query(text, kParseFlags);
      if (!q.publisher.empty()) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(kPublisherPrefix + q.publisher));
      }
      if (!q.after.empty() || !q.before.empty()) {
        Xapian::Query range =
            q.before.empty()
                ? Xapian::Query(Xapian::Query::OP_VALUE_GE, kDateSlot, DateValue(q.after))
            : q.after.empty()
                ? Xapian::Query(Xapian::Query::OP_VALUE_LE, kDateSlot, DateValue(q.before))
                : Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kDateSlot, DateValue(q.after),
                                DateValue(q.before));
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, range);
      }
      Xapian::Enquire enquire(s.db);
      enquire.set_query(query);
      // checkatleast = every document makes the match count exact; 0 lets Xapian estimate.
      Xapian::MSet top = enquire.get_mset(0, 10, exact_count ? s.db.get_doccount() : 0);
      size_t title_bytes = 0;
      for (auto it = top.begin(); it != top.end(); ++it) {
        title_bytes += it.get_document().get_data().size();
      }
      (void)title_bytes;
      return int64_t(top.get_matches_estimated());
    } catch (const Xapian::Error& e) {
      return ToStatus(e);
    }
  }

 private:
  struct Searcher {
    Xapian::Database db;
    Xapian::QueryParser parser;
  };
  std::string dir_;
  std::unique_ptr<Xapian::WritableDatabase> writer_;
  Xapian::TermGenerator generator_;
  std::vector<std::unique_ptr<Searcher>> searchers_;
};

}  // namespace
}  // namespace briefsearch::bench::peers

int main(int argc, char** argv) {
  namespace peers = briefsearch::bench::peers;
  boost::program_options::options_description none("xapian");
  return peers::RunPeerMain(
      argc, argv, "peer-xapian", none,
      [](const peers::PeerFlags& flags,
         std::string* name) -> absl::StatusOr<std::unique_ptr<peers::PeerEngine>> {
        *name = "xapian";
        return std::make_unique<peers::XapianPeer>(flags.index_dir);
      });
}
