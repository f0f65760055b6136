#include "server/index/index_manager.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/files.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "server/common/lucene_status.h"
#include "server/index/caching_searcher.h"
#include "server/index/commit_policy.h"
#include "server/index/documents.h"
#include "server/index/schema.h"
#include "server/index/similarity.h"
// After lucene.h (via index_manager.h), which removes Lucene++'s INTERNAL macro.
#include "SegmentInfo.h"

namespace briefsearch::index {
namespace {

constexpr int32_t kTermIndexInterval = 32;

const wchar_t kSequenceKey[] = L"wal_sequence";

Lucene::TermPtr IssueTerm(const std::string& issue_id) {
  return Lucene::newLucene<Lucene::Term>(field::kIssueId, Utf8ToWide(issue_id));
}

bool TermExists(const Lucene::IndexReaderPtr& reader, const Lucene::TermPtr& term) {
  Lucene::TermDocsPtr docs = reader->termDocs(term);
  const bool found = docs->next();
  docs->close();
  return found;
}

int CountArticles(const Lucene::IndexReaderPtr& reader, const std::string& issue_id) {
  Lucene::TermDocsPtr docs = reader->termDocs(IssueTerm(issue_id));
  int n = 0;
  while (docs->next()) ++n;
  docs->close();
  return n > 0 ? n - 1 : 0;  // minus the issue document
}

}  // namespace

IndexSnapshot::IndexSnapshot(Lucene::IndexReaderPtr r, int64_t gen, int64_t seq)
    : reader(std::move(r)),
      searcher(Lucene::newLucene<CachingSearcher>(reader)),
      segments(reader->getSequentialSubReaders()),
      generation(gen),
      sequence(seq) {
  searcher->setSimilarity(Lucene::newLucene<Bm25LikeSimilarity>());
  if (!segments) {
    segments = Lucene::Collection<Lucene::IndexReaderPtr>::newInstance();
    segments.add(reader);
  }
}

const FieldAverages& IndexSnapshot::averages() const {
  std::call_once(averages_once_, [this] {
    (void)CallLucene("field averages", [&] {
      double sums[2] = {0, 0};
      int64_t counts[2] = {0, 0};
      const wchar_t* fields[2] = {field::kTitleWordsLength, field::kBodyWordsLength};
      for (const Lucene::IndexReaderPtr& segment : segments) {
        for (int f = 0; f < 2; ++f) {
          auto lengths = Lucene::FieldCache::DEFAULT()->getInts(segment, fields[f]);
          for (int32_t doc = 0; doc < lengths.size(); ++doc) {
            if (lengths[doc] > 0 && !segment->isDeleted(doc)) {
              sums[f] += lengths[doc];
              ++counts[f];
            }
          }
        }
      }
      if (counts[0] > 0) averages_.title_words = sums[0] / static_cast<double>(counts[0]);
      if (counts[1] > 0) averages_.body_words = sums[1] / static_cast<double>(counts[1]);
    });
  });
  return averages_;
}

IndexSnapshot::~IndexSnapshot() {
  (void)CallLucene("release reader", [&] { reader->decRef(); });
}

IndexManager::IndexManager(IndexOptions options, const analysis::Analyzer* analyzer)
    : options_(std::move(options)),
      analyzer_(analyzer),
      index_dir_(options_.data_dir + "/index"),
      wal_dir_(options_.data_dir + "/wal"),
      manifest_dir_(options_.data_dir + "/checksums"),
      manifests_(index_dir_, manifest_dir_) {}

absl::StatusOr<std::unique_ptr<IndexManager>> IndexManager::Open(const IndexOptions& options,
                                                                 const analysis::Analyzer* analyzer) {
  std::unique_ptr<IndexManager> m(new IndexManager(options, analyzer));
  ASSIGN_OR_RETURN(m->lock_, DataDirLock::Acquire(options.data_dir));
  RETURN_IF_ERROR(MakeDirs(m->index_dir_));
  {
    std::lock_guard<std::mutex> l(m->mu_);
    m->ChooseStartupCheckLocked();
    RETURN_IF_ERROR(m->OpenWriterAndReplayLocked());
    m->FinishStartupCheckLocked();
  }
  m->commit_thread_ = std::thread([p = m.get()] { p->CommitLoop(); });
  return m;
}

IndexManager::~IndexManager() { (void)Close(); }

namespace {

int64_t CommitSequence(const Lucene::IndexCommitPtr& commit) {
  int64_t sequence = 0;
  Lucene::MapStringString data = commit->getUserData();
  if (data && data.contains(kSequenceKey)) {
    (void)absl::SimpleAtoi(WideToUtf8(data.get(kSequenceKey)), &sequence);
  }
  return sequence;
}

}  // namespace

// Opens a writer on `commit` (null: a new, empty index) and proves the commit readable by opening a
// reader on it. Sets committed_sequence_ from the commit's user data.
absl::Status IndexManager::OpenWriterAtLocked(const Lucene::IndexCommitPtr& commit) {
  auto policy = Lucene::newLucene<KeepLastCommitsPolicy>(2, &keep_from_generation_);
  absl::Status s = CallLucene("open index " + index_dir_, [&] {
    if (commit == nullptr) {
      writer_ = Lucene::newLucene<Lucene::IndexWriter>(
          directory_, Lucene::newLucene<Lucene::KeywordAnalyzer>(), true, policy,
          Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
      committed_sequence_ = 0;
      committed_generation_ = 0;
    } else {
      writer_ = Lucene::newLucene<Lucene::IndexWriter>(
          directory_, Lucene::newLucene<Lucene::KeywordAnalyzer>(), policy,
          Lucene::IndexWriter::MaxFieldLengthUNLIMITED, commit);
      committed_sequence_ = CommitSequence(commit);
      committed_generation_ = commit->getGeneration();
      Lucene::IndexReaderPtr check = writer_->getReader();  // reads every segment's core files
      check->decRef();
    }
    writer_->setRAMBufferSizeMB(options_.ram_buffer_mb);
    // Every query term is looked up in each segment's dictionary by scanning from the nearest
    // indexed term: an interval of 32 instead of 128 makes that scan 4x shorter.
    writer_->setTermIndexInterval(kTermIndexInterval);
    // MMapDirectory keeps file lengths in 32 bits: no merged segment may reach 2 GB.
    auto merge_policy = Lucene::newLucene<Lucene::LogByteSizeMergePolicy>(writer_);
    merge_policy->setMaxMergeMB(static_cast<double>(options_.max_segment_mb));
    writer_->setMergePolicy(merge_policy);
  });
  if (!s.ok() && writer_ != nullptr) {
    (void)CallLucene("discard writer", [&] { writer_->rollback(); });
    writer_.reset();
  }
  return s;
}

// A segments_N newer than every commit Lucene++ could list is a commit it could not read (Lucene++
// skips those silently). Says so and returns how many there are.
int64_t IndexManager::UnlistedNewerCommits(const Lucene::Collection<Lucene::IndexCommitPtr>& commits) {
  int64_t newest_listed = -1;
  if (commits) {
    for (const auto& c : commits) newest_listed = std::max<int64_t>(newest_listed, c->getGeneration());
  }
  int64_t unlisted = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(index_dir_, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("segments_", 0) != 0) continue;
    const int64_t generation = std::strtoll(name.c_str() + 9, nullptr, 36);
    if (generation > newest_listed) {
      LogError("index commit %s is unreadable; falling back to the newest readable one", name);
      ++unlisted;
    }
  }
  return unlisted;
}

// Opens the writer on the newest readable commit and replays the log on it (see below), commits,
// trims the log and publishes a snapshot. Used at start-up and to recover after a failed write.
// When that commit fails, the replayed operations are served uncommitted: the log still has them.
absl::Status IndexManager::OpenWriterAndReplayLocked() {
  RETURN_IF_ERROR(OpenNewestCommitAndReplayLocked());
  const absl::Status committed = CommitLocked(/*force=*/true);
  if (!committed.ok()) {
    LogError("commit after replaying the write-ahead log failed (%s); serving the replayed "
             "operations from the log until a commit succeeds", committed.ToString());
    (void)CallLucene("roll back writer", [&] { writer_->rollback(); });
    writer_.reset();
    DiscardUncountedCommitsLocked();
    RETURN_IF_ERROR(OpenNewestCommitAndReplayLocked());
  }
  return PublishSnapshotLocked();
}

// A write or commit failed: the writer may hold part of an operation, or think a commit done whose
// files are not all on disk. Throws away everything since the last counted commit and rebuilds
// from the log, which holds every acknowledged operation. Searches keep the current snapshot until
// a new one is published. When the rebuild fails too, writer_ stays null and the next write or
// commit round tries again.
absl::Status IndexManager::RecoverWriterLocked() {
  if (writer_ != nullptr) {
    (void)CallLucene("roll back writer", [&] { writer_->rollback(); });
    writer_.reset();
  }
  DiscardUncountedCommitsLocked();
  manifests_.Forget();
  absl::Status s = OpenWriterAndReplayLocked();
  if (s.ok()) check_sync_max_bytes_ = -1;  // a rebuild after damage checked in full: done
  if (!s.ok()) {
    LogError("could not rebuild the index writer (%s); will retry on the next write", s.ToString());
    if (writer_ != nullptr) (void)CallLucene("roll back writer", [&] { writer_->rollback(); });
    writer_.reset();
  }
  return s;
}

// Deletes the segments_N files of commits that did not count (and segments.gen, which may name
// one), so the writer reopens on the last counted commit. Called with no writer open.
void IndexManager::DiscardUncountedCommitsLocked() {
  std::error_code ec;
  bool removed = false;
  for (const auto& e : std::filesystem::directory_iterator(index_dir_, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("segments_", 0) != 0) continue;
    if (std::strtoll(name.c_str() + 9, nullptr, 36) <= committed_generation_) continue;
    LogError("discarding index commit %s: a write or fsync failed during it", name);
    std::filesystem::remove(e.path(), ec);
    removed = true;
  }
  if (removed) {
    std::filesystem::remove(index_dir_ + "/segments.gen", ec);
    (void)FsyncDirectory(index_dir_);
  }
}

// Opens the writer on the newest readable Lucene++ commit (falling back to the previous one when
// the newest is damaged, or to an empty index when the log reaches back to the first operation)
// and applies the log records after it.
absl::Status IndexManager::OpenNewestCommitAndReplayLocked() {
  Lucene::Collection<Lucene::IndexCommitPtr> commits;
  RETURN_IF_ERROR(CallLucene("list commits in " + index_dir_, [&] {
    // Memory-mapped reads: a term lookup or posting read is a memory access, not a read() system
    // call through a 1 KB buffer (those were ~10% of query time with FSDirectory).
    directory_ = Lucene::newLucene<CheckedDirectory>(Utf8ToWide(index_dir_));
    if (Lucene::IndexReader::indexExists(directory_)) {
      // Lucene++ lists commits in directory order: sort them oldest first by generation.
      commits = Lucene::IndexReader::listCommits(directory_);
      std::sort(commits.begin(), commits.end(),
                [](const Lucene::IndexCommitPtr& a, const Lucene::IndexCommitPtr& b) {
                  return a->getGeneration() < b->getGeneration();
                });
    }
  }));
  int64_t skipped = UnlistedNewerCommits(commits);
  WalRecovery log;
  wal_.reset();
  ASSIGN_OR_RETURN(wal_, WriteAheadLog::Open(wal_dir_, 1, &log));
  const bool log_is_complete = log.records.empty() || log.records.front().sequence == 1;
  absl::Status opened = absl::NotFoundError("no commit");
  for (int32_t i = commits ? commits.size() - 1 : -1; i >= 0 && !opened.ok(); --i) {
    // Checksums are checked at start-up (and after the deferred check found damage): other
    // rebuilds reopen a commit this process wrote and checked, and reading the whole index again
    // on every rebuild would be slow.
    opened = check_sync_max_bytes_ < 0 ? absl::OkStatus() : CheckAgainstManifestLocked(commits[i]);
    if (opened.ok() && check_sync_max_bytes_ >= 0 && !deferred_files_.empty()) {
      // Until the deferred check passes, keep what this loop would fall back to should it fail:
      // the commit before (pinned before the writer opens: its deletion policy runs then) and the
      // log after it.
      keep_from_generation_ = commits[i > 0 ? i - 1 : i]->getGeneration();
      keep_log_after_ = i > 0 ? CommitSequence(commits[i - 1]) : 0;
    }
    if (opened.ok()) opened = OpenWriterAtLocked(commits[i]);
    if (opened.ok()) {
      trim_floor_ = i > 0 ? CommitSequence(commits[i - 1]) : 0;
    } else {
      ++skipped;
      LogError("index commit %s is unreadable (%s); trying the one before",
               WideToUtf8(commits[i]->getSegmentsFileName()), opened.ToString());
    }
  }
  if (!opened.ok()) {
    if (check_sync_max_bytes_ >= 0) deferred_files_.clear();  // the commit tried last is not opened
    // Also with no commit listed: every one may have been set aside as damaged (by an earlier
    // start, or the deferred check); a log without its start would rebuild an index missing the
    // operations trimmed from it.
    if (!log_is_complete) {
      return absl::DataLossError("no readable index commit in " + index_dir_ +
                                 " and the write-ahead log does not reach back to the start");
    }
    if (commits && commits.size() > 0) LogError("rebuilding the index from the write-ahead log");
    RETURN_IF_ERROR(OpenWriterAtLocked(nullptr));
    trim_floor_ = 0;
  }
  RETURN_IF_ERROR(wal_->SkipTo(committed_sequence_ + 1));
  applied_sequence_ = committed_sequence_;
  recovery_ = RecoveryReport{committed_sequence_, 0, log.torn_bytes_cut, skipped};
  for (const WalRecord& record : log.records) {
    if (record.sequence <= committed_sequence_) continue;
    // No answers wanted: and the current snapshot may be of a commit being discarded as damaged.
    RETURN_IF_ERROR(ApplyLocked(record, nullptr, nullptr, nullptr));
    ++recovery_.replayed;
  }
  return absl::OkStatus();
}

absl::Status IndexManager::ApplyLocked(const WalRecord& record,
                                       const std::vector<Lucene::DocumentPtr>* docs, bool* existed,
                                       int* deleted_articles) {
  v1::Issue issue;
  std::string issue_id;
  if (docs != nullptr) {
    issue_id = StoredUtf8(docs->front(), field::kIssueId);
  } else if (record.op == WalOp::kUpsert) {
    if (!issue.ParseFromString(record.payload)) {
      return absl::DataLossError(absl::StrCat("log record ", record.sequence, " does not parse"));
    }
    issue_id = issue.issue_id();
  } else {
    issue_id = record.payload;
  }
  RETURN_IF_ERROR(CallLucene("apply log record " + std::to_string(record.sequence), [&] {
    Lucene::TermPtr term = IssueTerm(issue_id);
    if (snapshot_ != nullptr && existed != nullptr) {
      *existed = TermExists(snapshot_->reader, term);
      *deleted_articles = *existed ? CountArticles(snapshot_->reader, issue_id) : 0;
    }
    writer_->deleteDocuments(term);
    if (record.op == WalOp::kUpsert) {
      for (const Lucene::DocumentPtr& doc :
           docs != nullptr ? *docs : BuildIssueDocuments(issue, *analyzer_)) {
        writer_->addDocument(doc);
      }
    }
  }));
  applied_sequence_ = record.sequence;
  return absl::OkStatus();
}

absl::Status IndexManager::PublishSnapshotLocked() {
  Lucene::IndexReaderPtr reader;
  RETURN_IF_ERROR(CallLucene("open near-real-time reader", [&] { reader = writer_->getReader(); }));
  auto snapshot = std::make_shared<const IndexSnapshot>(reader, ++generation_, applied_sequence_);
  std::lock_guard<std::mutex> l(snapshot_mu_);
  snapshot_ = std::move(snapshot);
  return absl::OkStatus();
}

absl::Status IndexManager::CommitLocked(bool force) {
  if (!force && applied_sequence_ == committed_sequence_) return absl::OkStatus();
  const int64_t failures_before = directory_->failures();
  std::wstring segments_file;
  int64_t generation = 0;
  absl::Status s = CallLucene("commit index", [&] {
    Lucene::MapStringString data = Lucene::MapStringString::newInstance();
    data.put(kSequenceKey, Utf8ToWide(std::to_string(applied_sequence_)));
    writer_->commit(data);
    segments_file = Lucene::SegmentInfos::getCurrentSegmentFileName(directory_);
    generation = Lucene::SegmentInfos::getCurrentSegmentGeneration(directory_);
  });
  // Lucene++ swallows an fsync failure of segments_N and never fsyncs the directory: do both here.
  // The commit counts only when they and every write and sync Lucene++ made during it succeeded.
  // Until then the log keeps everything.
  if (s.ok()) s = FsyncFile(index_dir_ + "/" + WideToUtf8(segments_file));
  if (s.ok()) s = FsyncDirectory(index_dir_);
  if (s.ok() && directory_->failures() != failures_before) {
    s = ErrnoStatus(directory_->last_errno(), "commit index: " + directory_->last_failure());
  }
  std::vector<std::string> files;
  if (s.ok()) s = VerifyCommitLocked(segments_file, generation, &files);
  if (s.ok()) s = manifests_.Write(WideToUtf8(segments_file), files);
  if (!s.ok()) {
    LogError("index commit not counted: %s", s.ToString());
    return s;
  }
  committed_generation_ = generation;
  // Two commits are kept; the log must still cover everything after the older one.
  if (committed_sequence_ != applied_sequence_) trim_floor_ = committed_sequence_;
  committed_sequence_ = applied_sequence_;
  // The commit counts whatever happens here: a log that cannot be trimmed yet (say the disk is
  // full) only keeps more than it needs until the next commit.
  const absl::Status trimmed = wal_->TrimThrough(std::min(trim_floor_, keep_log_after_));
  if (!trimmed.ok()) LogError("write-ahead log not trimmed: %s", trimmed.ToString());
  return absl::OkStatus();
}

// Reads the commit point just written back from disk, as a restart would (Lucene++ checks the
// checksum segments_N carries), and checks that it holds what the writer holds: a segments_N that
// reads back wrong is not a commit. Reading segments_N alone keeps this cheap on a large index; the
// data files are covered by the checksum manifest. Sets `files` to the commit's files.
absl::Status IndexManager::VerifyCommitLocked(const std::wstring& segments_file, int64_t generation,
                                              std::vector<std::string>* files) {
  int64_t found_generation = -1;
  int32_t found_docs = 0, expected_docs = -1;
  RETURN_IF_ERROR(CallLucene("verify commit", [&] {
    auto infos = Lucene::newLucene<Lucene::SegmentInfos>();
    infos->read(directory_, segments_file);
    found_generation = infos->getGeneration();
    for (int32_t i = 0; i < infos->size(); ++i) {
      found_docs += infos->info(i)->docCount - infos->info(i)->getDelCount();
    }
    for (const Lucene::String& name : infos->files(directory_, true)) {
      files->push_back(WideToUtf8(name));
    }
    // Not writer_->numDocs(): under ThreadSanitizer's slow timing it read 52 while the commit (and
    // the index at the end) held 48, refusing good commits. It sums each segment's docCount -
    // delCount, and our reading is that a merge Lucene++'s merge thread commits meanwhile leaves
    // the merged segment's delCount behind its applied deletes. A near-real-time reader counts the
    // live documents from the deletion bit vectors themselves.
    Lucene::IndexReaderPtr live = writer_->getReader();
    expected_docs = live->numDocs();
    live->close();
  }));
  if (found_generation != generation || found_docs != expected_docs) {
    return absl::DataLossError(absl::StrCat("commit ", generation, " reads back as commit ",
                                            found_generation, " with ", found_docs,
                                            " documents instead of ", expected_docs));
  }
  return absl::OkStatus();
}

// A failed write may have left the writer with part of an operation. Throw away everything since
// the last commit and rebuild it from the log, which holds every acknowledged operation.
#define BS_RECOVER_ON_ERROR(expr)    \
  do {                               \
    absl::Status bs_s_ = (expr);     \
    if (!bs_s_.ok()) {               \
      (void)RecoverWriterLocked();   \
      return bs_s_;                  \
    }                                \
  } while (0)

// One write waiting in the group-commit queue.
struct IndexManager::PendingWrite {
  WalRecord record;
  std::vector<Lucene::DocumentPtr> docs;  // an upsert's documents, analysed before queueing
  std::string issue_id;
  bool existed = false;
  int deleted_articles = 0;
  absl::Status status;
  bool done = false;
};

namespace {
// Upper bound on a group: keeps one fsync + reopen from holding a long queue behind it.
constexpr size_t kMaxGroup = 64;
}  // namespace

// Group commit (the LevelDB writer queue): the write at the front of the queue leads; it takes the
// upserts queued behind it, appends them to the log with one fsync, applies them, reopens the
// reader once and wakes the others with their results. Analysis happens before queueing, on the
// caller's thread, so concurrent callers use every core for it.
absl::Status IndexManager::WriteGrouped(PendingWrite* w) {
  std::unique_lock<std::mutex> q(queue_mu_);
  queue_.push_back(w);
  queue_cv_.wait(q, [&] { return w->done || queue_.front() == w; });
  if (w->done) return w->status;
  std::vector<PendingWrite*> group;
  for (PendingWrite* p : queue_) {
    // A delete goes alone: its NOT_FOUND answer depends on the state just before it.
    if (!group.empty() && (p->record.op == WalOp::kDelete || group[0]->record.op == WalOp::kDelete)) {
      break;
    }
    group.push_back(p);
    if (group.size() == kMaxGroup) break;
  }
  q.unlock();
  const absl::Status s = ApplyGroup(group);
  q.lock();
  for (PendingWrite* p : group) {
    if (p->status.ok() && !s.ok()) p->status = s;
    p->done = true;
    queue_.pop_front();
  }
  queue_cv_.notify_all();
  return w->status;
}

absl::Status IndexManager::ApplyGroup(const std::vector<PendingWrite*>& group) {
  std::lock_guard<std::mutex> l(mu_);
  if (closed_) return absl::UnavailableError("index is closed");
  if (writer_ == nullptr) RETURN_IF_ERROR(RecoverWriterLocked());
  if (group[0]->record.op == WalOp::kDelete) {
    bool exists = false;
    RETURN_IF_ERROR(CallLucene("look up issue", [&] {
      exists = TermExists(snapshot_->reader, IssueTerm(group[0]->issue_id));
    }));
    if (!exists) {
      group[0]->status = absl::NotFoundError("no issue with id \"" + group[0]->issue_id + "\"");
      return absl::OkStatus();
    }
  }
  std::vector<WalRecord> records;
  records.reserve(group.size());
  for (PendingWrite* p : group) records.push_back(std::move(p->record));
  ASSIGN_OR_RETURN(const int64_t first, wal_->AppendBatch(records));
  // The reader does not see earlier members of the group yet: remember their ids so a second
  // upsert of the same issue in one group still reports `replaced`.
  std::set<std::string> applied;
  for (size_t i = 0; i < group.size(); ++i) {
    PendingWrite* p = group[i];
    records[i].sequence = first + static_cast<int64_t>(i);
    p->record.sequence = records[i].sequence;
    BS_RECOVER_ON_ERROR(ApplyLocked(records[i], records[i].op == WalOp::kUpsert ? &p->docs : nullptr,
                                    &p->existed, &p->deleted_articles));
    if (!applied.insert(p->issue_id).second) p->existed = true;
  }
  BS_RECOVER_ON_ERROR(PublishSnapshotLocked());
  if (applied_sequence_ - committed_sequence_ >= options_.commit_after_ops) {
    BS_RECOVER_ON_ERROR(CommitLocked());
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::UpsertIssueResponse> IndexManager::Upsert(const v1::Issue& issue) {
  PendingWrite w;
  w.record = {0, WalOp::kUpsert, issue.SerializeAsString()};
  w.issue_id = issue.issue_id();
  RETURN_IF_ERROR(CallLucene("analyse issue", [&] { w.docs = BuildIssueDocuments(issue, *analyzer_); }));
  RETURN_IF_ERROR(WriteGrouped(&w));
  v1::UpsertIssueResponse response;
  response.set_issue_id(issue.issue_id());
  for (const v1::Article& a : issue.articles()) response.add_article_ids(a.id());
  response.set_replaced(w.existed);
  response.set_sequence(w.record.sequence);
  return response;
}

absl::StatusOr<v1::DeleteIssueResponse> IndexManager::Delete(const std::string& issue_id) {
  PendingWrite w;
  w.record = {0, WalOp::kDelete, issue_id};
  w.issue_id = issue_id;
  RETURN_IF_ERROR(WriteGrouped(&w));
  v1::DeleteIssueResponse response;
  response.set_deleted_articles(w.deleted_articles);
  response.set_sequence(w.record.sequence);
  return response;
}

std::shared_ptr<const IndexSnapshot> IndexManager::Snapshot() const {
  std::lock_guard<std::mutex> l(snapshot_mu_);
  return snapshot_;
}

int64_t IndexManager::SnapshotGeneration() const {
  std::lock_guard<std::mutex> l(snapshot_mu_);
  return snapshot_ != nullptr ? snapshot_->generation : 0;
}

absl::Status IndexManager::Commit() {
  std::lock_guard<std::mutex> l(mu_);
  if (closed_) return absl::OkStatus();
  if (writer_ == nullptr) RETURN_IF_ERROR(RecoverWriterLocked());
  BS_RECOVER_ON_ERROR(CommitLocked());
  return absl::OkStatus();
}

// Lucene++'s optimize ignores the merge policy's size cap, and MMapDirectory cannot read a file of
// 2 GB or more: forcing an index bigger than the cap into fewer segments writes a segment it then
// cannot open (found at 1M articles: "background merge hit exception" after minutes of writing).
// So only an index whose live segments fit in one capped segment is force-merged; a bigger one is
// left to the merge policy, which keeps every segment under the cap.
absl::Status IndexManager::FitsOneSegmentLocked() {
  int64_t live = 0;
  RETURN_IF_ERROR(CallLucene("segment sizes", [&] {
    auto infos = Lucene::newLucene<Lucene::SegmentInfos>();
    infos->read(directory_);  // the last commit: merges act on committed segments
    for (int32_t i = 0; i < infos->size(); ++i) live += infos->info(i)->sizeInBytes();
  }));
  if (live <= (options_.max_segment_mb << 20)) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "index of ", live >> 20, " MiB is over the ", options_.max_segment_mb,
      " MiB a merged segment may have (MMapDirectory reads files under 2 GB): left as the merge "
      "policy keeps it"));
}

absl::Status IndexManager::ForceMerge(int max_segments) {
  if (max_segments < 1) return absl::InvalidArgumentError("max_segments must be at least 1");
  std::lock_guard<std::mutex> l(mu_);
  if (closed_) return absl::UnavailableError("index is closed");
  if (writer_ == nullptr) RETURN_IF_ERROR(RecoverWriterLocked());
  BS_RECOVER_ON_ERROR(CommitLocked(/*force=*/true));
  RETURN_IF_ERROR(FitsOneSegmentLocked());
  BS_RECOVER_ON_ERROR(CallLucene("force merge", [&] { writer_->optimize(max_segments, true); }));
  BS_RECOVER_ON_ERROR(CommitLocked(/*force=*/true));
  BS_RECOVER_ON_ERROR(PublishSnapshotLocked());
  return absl::OkStatus();
}

struct IndexManager::IdleMergeState {
  int64_t seen_sequence = -1;  // applied_sequence_ when last looked at
  std::chrono::steady_clock::time_point quiet_since = std::chrono::steady_clock::now();
  int64_t merged_sequence = -1;  // the index was merged (or small enough) at this sequence
  bool pending = false;          // a background merge was asked for and not yet seen done
  std::chrono::steady_clock::time_point started;
};

void IndexManager::IdleMergeStepLocked(IdleMergeState* st) {
  const auto now = std::chrono::steady_clock::now();
  if (applied_sequence_ != st->seen_sequence) {
    // Writes arrived: wait for the next quiet period. A merge already running finishes in the
    // background and reaches searchers with the next write's snapshot and the next commit.
    st->seen_sequence = applied_sequence_;
    st->quiet_since = now;
    st->pending = false;
    return;
  }
  if (options_.merge_when_idle.count() <= 0 || st->merged_sequence == applied_sequence_ ||
      now - st->quiet_since < options_.merge_when_idle) {
    return;
  }
  const int target = std::max(1, options_.idle_merge_segments);
  int32_t segments = 0;
  absl::Status s = CallLucene("count segments", [&] { segments = writer_->getSegmentCount(); });
  if (!s.ok()) return;
  if (!st->pending) {
    if (segments <= target) {
      st->merged_sequence = applied_sequence_;
      return;
    }
    if (absl::Status fits = FitsOneSegmentLocked(); !fits.ok()) {
      // Too big to merge into fewer segments than the merge policy made (see ForceMerge).
      LogInfo("index idle: %d segments kept: %s", segments, fits.ToString());
      st->merged_sequence = applied_sequence_;
      return;
    }
    // doWait=false: the merge scheduler's threads do the work while writes and searches go on.
    s = CallLucene("idle merge", [&] { writer_->optimize(target, false); });
    if (!s.ok()) {
      LogError("idle merge could not start: %s", s.ToString());
      st->merged_sequence = applied_sequence_;  // not again until the next write
      return;
    }
    st->pending = true;
    st->started = now;
    LogInfo("index idle: merging %d segments down to %d", segments, target);
    return;
  }
  if (segments > target) return;  // still merging
  s = CommitLocked(/*force=*/true);
  if (s.ok()) s = PublishSnapshotLocked();
  if (!s.ok()) {
    LogError("committing the idle merge failed: %s", s.ToString());
    (void)RecoverWriterLocked();
  } else {
    LogInfo("idle merge done in %.1f s: %d segment(s)",
            std::chrono::duration<double>(now - st->started).count(), segments);
  }
  st->pending = false;
  st->merged_sequence = applied_sequence_;
}

void IndexManager::CommitLoop() {
  std::unique_lock<std::mutex> l(mu_);
  IdleMergeState idle;
  idle.seen_sequence = applied_sequence_;
  while (!stop_) {
    commit_cv_.wait_for(l, options_.commit_interval);
    if (stop_ || closed_) break;
    if (writer_ == nullptr) {
      (void)RecoverWriterLocked();
      continue;
    }
    if (applied_sequence_ != committed_sequence_) {
      absl::Status s = CommitLocked();
      if (!s.ok()) {
        // The log still holds everything; the next round tries again on a rebuilt writer.
        LogError("background commit failed: %s", s.ToString());
        (void)RecoverWriterLocked();
        continue;
      }
    }
    IdleMergeStepLocked(&idle);
  }
}

absl::Status IndexManager::Close() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
  }
  commit_cv_.notify_all();
  if (commit_thread_.joinable()) commit_thread_.join();
  DeferredCheck* check = nullptr;
  {
    std::lock_guard<std::mutex> l(mu_);
    check = deferred_check_.get();
  }
  if (check != nullptr) check->Cancel();  // without mu_: its end takes mu_
  std::lock_guard<std::mutex> l(mu_);
  if (deferred_running_) {
    // Stopped, not crashed: the next start checks in the background again, not all up front.
    (void)RemoveCheckMarker(manifest_dir_);
    deferred_running_ = false;
  }
  if (closed_ || writer_ == nullptr) {
    closed_ = true;
    return absl::OkStatus();
  }
  closed_ = true;
  // close(true) would wait for running merges and then write a commit of its own, one without our
  // checks or checksum manifest, which the next start would then set aside as damaged. So: let
  // the merges finish, count a commit of their result, and close without waiting for merges (any
  // started since are abandoned: nothing is left to commit). After a failed commit only a rollback
  // leaves the last counted one.
  absl::Status s = CallLucene("wait for merges", [&] { writer_->waitForMerges(); });
  if (s.ok()) s = CommitLocked(/*force=*/true);
  absl::Status c =
      CallLucene("close writer", [&] { s.ok() ? writer_->close(false) : writer_->rollback(); });
  {
    std::lock_guard<std::mutex> sl(snapshot_mu_);
    snapshot_.reset();
  }
  return s.ok() ? c : s;
}

int64_t IndexManager::IndexSizeBytes() const {
  int64_t total = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(index_dir_, ec)) {
    if (e.is_regular_file(ec)) total += static_cast<int64_t>(e.file_size(ec));
  }
  return total;
}

int64_t IndexManager::PendingLogOps() const {
  std::lock_guard<std::mutex> l(mu_);
  return applied_sequence_ - committed_sequence_;
}

int64_t IndexManager::LastSequence() const {
  std::lock_guard<std::mutex> l(mu_);
  return applied_sequence_;
}

}  // namespace briefsearch::index
