#include "indexer/parse_server.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <new>
#include <string>

#include "common/log.h"
#include "indexer/parse/parser.h"
#include "indexer/parse_test_faults.h"
#include "indexer/pipeline/child_limits.h"
#include "indexer/pipeline/parse_frames.h"
#include "indexer/pipeline/parsed_issue_json.h"

namespace briefsearch::indexer {
namespace {

using pipeline::ParseRequest;
using pipeline::ParseResponse;

// Reads exactly `size` bytes; false on end of input or an error.
bool ReadExactly(int fd, char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The protocol gets private descriptors, and fds 0 and 1 become /dev/null and stderr: a library
// that prints to stdout (or reads stdin) mid-parse cannot corrupt or eat the framing.
bool TakeProtocolFds(int* in, int* out) {
  *in = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
  *out = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (*in < 0 || *out < 0 || null < 0) return false;
  const bool ok = ::dup2(null, STDIN_FILENO) >= 0 && ::dup2(STDERR_FILENO, STDOUT_FILENO) >= 0;
  ::close(null);
  return ok;
}

// Reads the next request: false at the end of input (or a broken stream, said on stderr).
bool ReadRequest(int fd, ParseRequest* request, bool* broken) {
  char header[pipeline::kFrameHeaderSize];
  ssize_t first = 0;
  while ((first = ::read(fd, header, 1)) < 0 && errno == EINTR) {
  }
  if (first == 0) return false;  // closed between requests: the indexer is done with us
  pipeline::RequestHeader h;
  absl::Status s = first == 1 && ReadExactly(fd, header + 1, sizeof(header) - 1)
                       ? pipeline::DecodeRequestHeader(std::string_view(header, sizeof(header)), &h)
                       : absl::DataLossError("input ended inside a request header");
  if (s.ok()) {
    request->id = h.id;
    request->name.resize(h.name_size);
    request->bytes.resize(h.bytes_size);
    if (!ReadExactly(fd, request->name.data(), h.name_size) ||
        !ReadExactly(fd, request->bytes.data(), h.bytes_size)) {
      s = absl::DataLossError("input ended inside a request");
    }
  }
  if (!s.ok()) LogError("parse-server: %s", s.message());
  *broken = !s.ok();
  return s.ok();
}

ParseResponse Answer(const ParseRequest& request, bool test_faults) {
  ParseResponse response;
  response.id = request.id;
  try {
    std::string_view bytes = request.bytes;
    if (test_faults && !InjectTestFault(&bytes, &response)) return response;
    auto parsed = parse::ParseIssueFile(bytes, request.name);
    if (parsed.ok()) {
      response.payload = pipeline::ParsedIssueToJson(*parsed);
    } else {
      response.code = parsed.status().code();
      response.payload = std::string(parsed.status().message());
    }
  } catch (const std::bad_alloc&) {  // ParseIssueFile catches its own; this is the JSON's
    response.code = absl::StatusCode::kResourceExhausted;
    response.payload = "out of memory while parsing";
  }
  return response;
}

}  // namespace

int RunParseServer(int memory_mb, int cpu_seconds, bool test_faults) {
  int in = -1, out = -1;
  if (!TakeProtocolFds(&in, &out)) {
    LogError("parse-server: cannot set up its descriptors");
    return 1;
  }
  pipeline::ApplyServerChildLimits(memory_mb);
  bool broken = false;
  for (;;) {
    ParseRequest request;  // a new one each time: a large file's buffer is not kept resident
    if (!ReadRequest(in, &request, &broken)) break;
    pipeline::AllowCpuSecondsFromNow(cpu_seconds);
    if (!WriteAll(out, pipeline::EncodeResponse(Answer(request, test_faults)))) return 1;
  }
  return broken ? 1 : 0;
}

}  // namespace briefsearch::indexer
