// One long-lived parse child: this program again as `<exe> parse-server --memory-mb N --cpu-seconds
// S`, which parses file after file, each sent as a request on its stdin and answered on its stdout
// (parse_frames.h). Starting the child costs about 90 ms (a large, dynamically linked binary), far
// more than parsing a typical brief; one child per parse worker pays that once per `max_files`.
//
// Isolation is as with a child per file. The child runs under RLIMIT_AS. The parent watches each
// file's CPU time (/proc) and wall time and kills the child past the limits; a child that dies
// mid-request (signal, out of memory, exit) costs that file only, with the same reasons as before
// (RESOURCE_EXHAUSTED "parser stopped: over its limits ..." for a signal, the parser's reason for
// a refusal). The next file gets a fresh child. The child never opens a path: the parent reads
// the file (through DropFolder) and sends its bytes. Answers carry the request's id; on any framing
// mismatch the child is killed and the file tried once more in a fresh one, so no child ever
// answers for another file.
//
// Thread-safety: thread-compatible; one Parse at a time (ParseChildPool gives each worker its own).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "indexer/parse/parsed_issue.h"
#include "indexer/pipeline/child_limits.h"

namespace briefsearch::pipeline {

class ParseChild {
 public:
  // `exe` is the indexer binary. No process is started until the first Parse.
  ParseChild(std::string exe, ChildLimits limits);
  ~ParseChild();  // kills the child, if any
  ParseChild(const ParseChild&) = delete;
  ParseChild& operator=(const ParseChild&) = delete;

  // INVALID_ARGUMENT with the parser's one-line reason when the file is refused;
  // RESOURCE_EXHAUSTED when the child died over its limits or took too long ("parse took longer
  // than N s ..."); INTERNAL when no child could run or answer. `name` is the file's name (its
  // extension and publisher hints matter), `bytes` its content.
  absl::StatusOr<parse::ParsedIssue> Parse(const std::string& name, std::string_view bytes);

  int starts() const { return starts_; }  // children started so far
  pid_t pid() const { return pid_; }      // the running child, -1 if none

 private:
  absl::Status EnsureRunning();
  absl::Status Start();
  // Reaps the child, SIGKILLed unless it ends by itself within `grace`; returns the wait status.
  int Stop(std::chrono::milliseconds grace = std::chrono::milliseconds(0));
  absl::StatusOr<parse::ParsedIssue> Attempt(const std::string& name, std::string_view bytes,
                                             bool* retry);
  // The file's outcome once the child died under it (stdout closed before a whole answer).
  absl::Status DiedUnder(const std::string& err);
  void NoteAnswered();

  const std::string exe_;
  const ChildLimits limits_;
  pid_t pid_ = -1;
  int in_fd_ = -1, out_fd_ = -1, err_fd_ = -1;  // the child's stdin, stdout, stderr
  int files_ = 0;                               // answered by the running child
  std::string replace_why_;  // non-empty: replace the running child before the next file
  uint64_t next_id_ = 1;
  int starts_ = 0;
};

}  // namespace briefsearch::pipeline
