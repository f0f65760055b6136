#include "indexer/pipeline/state_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <sstream>

#include "common/files.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "nlohmann/json.hpp"

namespace briefsearch::pipeline {
namespace {

using nlohmann::json;

FileRecord::Status ParseStatus(const std::string& s) {
  if (s == "quarantined") return FileRecord::Status::kQuarantined;
  if (s == "duplicate") return FileRecord::Status::kDuplicate;
  if (s == "sending") return FileRecord::Status::kSending;
  return FileRecord::Status::kIndexed;
}

json ToJson(const std::string& path, const FileRecord& r) {
  return json{{"op", "put"},          {"path", path},         {"status", StatusName(r.status)},
              {"hash", r.content_hash}, {"size", r.size},       {"mtime_ns", r.mtime_ns},
              {"issue_id", r.issue_id}, {"reason", r.reason},   {"duplicate_of", r.duplicate_of},
              {"articles", r.articles}};
}

// Paths may hold bytes that are not UTF-8; replace them rather than throw.
std::string Dump(const json& j, int indent = -1) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

FileRecord FromJson(const json& j) {
  FileRecord r;
  r.status = ParseStatus(j.value("status", "indexed"));
  r.content_hash = j.value("hash", "");
  r.size = j.value("size", int64_t{0});
  r.mtime_ns = j.value("mtime_ns", int64_t{0});
  r.issue_id = j.value("issue_id", "");
  r.reason = j.value("reason", "");
  r.duplicate_of = j.value("duplicate_of", "");
  r.articles = j.value("articles", 0);
  return r;
}

}  // namespace

const char* StatusName(FileRecord::Status s) {
  switch (s) {
    case FileRecord::Status::kQuarantined: return "quarantined";
    case FileRecord::Status::kDuplicate: return "duplicate";
    case FileRecord::Status::kSending: return "sending";
    default: return "indexed";
  }
}

absl::StatusOr<std::unique_ptr<StateStore>> StateStore::Open(const std::string& state_dir) {
  RETURN_IF_ERROR(MakeDirs(state_dir));
  std::unique_ptr<StateStore> store(new StateStore(state_dir));
  const std::string journal = state_dir + "/state.jsonl";
  auto bytes = ReadFileLimited(journal, uint64_t{1} << 32);
  if (bytes.ok()) {
    std::istringstream in(*bytes);
    std::string line;
    int bad = 0;
    while (std::getline(in, line)) {
      json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !j.is_object() || !j.contains("path")) {
        ++bad;  // a torn last line from a crash mid-append
        continue;
      }
      const std::string path = j.value("path", "");
      if (j.value("op", "") == "remove") {
        store->files_.erase(path);
      } else {
        store->files_[path] = FromJson(j);
      }
    }
    if (bad > 0) LogWarning("state journal: ignored %d unreadable line(s)", bad);
  } else if (!absl::IsNotFound(bytes.status())) {
    return bytes.status();
  }
  // Compact: one line per live entry, written atomically, then append from there.
  std::string compacted;
  for (const auto& [path, record] : store->files_) compacted += Dump(ToJson(path, record)) + "\n";
  RETURN_IF_ERROR(WriteFileDurably(journal, compacted));
  store->fd_ = ::open(journal.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (store->fd_ < 0) return ErrnoStatus(errno, "open " + journal);
  RETURN_IF_ERROR(store->WriteQuarantineView());
  return store;
}

StateStore::~StateStore() {
  if (fd_ >= 0) ::close(fd_);
}

const FileRecord* StateStore::Find(const std::string& path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

std::optional<std::string> StateStore::IndexedPathWithHash(const std::string& hash) const {
  for (const auto& [path, r] : files_) {
    if (r.status == FileRecord::Status::kIndexed && r.content_hash == hash) return path;
  }
  return std::nullopt;
}

absl::Status StateStore::Append(const std::string& line) {
  const std::string data = line + "\n";
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus(errno, "append to state journal");
    done += static_cast<size_t>(n);
  }
  if (::fdatasync(fd_) != 0) return ErrnoStatus(errno, "fsync state journal");
  return absl::OkStatus();
}

absl::Status StateStore::Put(const std::string& path, const FileRecord& record) {
  RETURN_IF_ERROR(Append(Dump(ToJson(path, record))));
  const bool quarantine_changed = record.status == FileRecord::Status::kQuarantined ||
                                  (Find(path) && Find(path)->status == FileRecord::Status::kQuarantined);
  files_[path] = record;
  return quarantine_changed ? WriteQuarantineView() : absl::OkStatus();
}

absl::Status StateStore::Remove(const std::string& path) {
  const FileRecord* old = Find(path);
  if (old == nullptr) return absl::OkStatus();
  const bool was_quarantined = old->status == FileRecord::Status::kQuarantined;
  RETURN_IF_ERROR(Append(Dump(json{{"op", "remove"}, {"path", path}})));
  files_.erase(path);
  return was_quarantined ? WriteQuarantineView() : absl::OkStatus();
}

absl::Status StateStore::WriteQuarantineView() const {
  json view = json::object();
  for (const auto& [path, r] : files_) {
    if (r.status != FileRecord::Status::kQuarantined) continue;
    view[path] = json{{"reason", r.reason}, {"hash", r.content_hash}, {"size", r.size}};
  }
  return WriteFileDurably(dir_ + "/quarantine.json", Dump(view, 2) + "\n");
}

}  // namespace briefsearch::pipeline
