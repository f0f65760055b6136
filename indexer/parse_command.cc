#include "indexer/parse_command.h"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <iostream>

#include "common/files.h"
#include "indexer/parse/parser.h"
#include "indexer/pipeline/child_limits.h"
#include "indexer/pipeline/parsed_issue_json.h"

namespace briefsearch::indexer {

namespace {

constexpr uint64_t kMaxBytes = uint64_t{256} << 20;

absl::StatusOr<std::string> ReadStdin() {
  std::string out;
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(STDIN_FILENO, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus(errno, "read stdin");
    if (n == 0) return out;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > kMaxBytes) return absl::FailedPreconditionError("input too large");
  }
}

}  // namespace

int RunParseCommand(const std::string& file, bool json, int memory_mb, int cpu_seconds,
                    const std::string& name) {
  if (memory_mb > 0 && cpu_seconds > 0) pipeline::ApplyChildLimits(memory_mb, cpu_seconds);
  auto bytes = file == "-" ? ReadStdin() : ReadFileLimited(file, kMaxBytes);
  if (!bytes.ok()) {
    std::cerr << "briefsearch-indexer: " << file << ": " << bytes.status().message() << "\n";
    return 1;
  }
  const std::string shown = !name.empty() ? name : std::filesystem::path(file).filename().string();
  auto parsed = parse::ParseIssueFile(*bytes, shown);
  if (!parsed.ok()) {
    std::cerr << "briefsearch-indexer: " << file << ": would be quarantined: "
              << parsed.status().message() << "\n";
    return 1;
  }
  if (json) {
    std::cout << pipeline::ParsedIssueToJson(*parsed) << "\n";
    return 0;
  }
  std::cout << parse::PublisherName(parsed->publisher) << "  "
            << (parsed->published.empty() ? "(no date)" : parsed->published)
            << (parsed->issue_number.empty() ? "" : "  제" + parsed->issue_number + "호") << "  ["
            << parsed->format << "]\n"
            << parsed->title << "\n\n";
  int n = 0;
  for (const parse::ParsedArticle& a : parsed->articles) {
    std::cout << ++n << ". " << a.title;
    if (!a.section.empty()) std::cout << "  [" << a.section << "]";
    if (a.page_start > 0) std::cout << "  p." << a.page_start << "-" << a.page_end;
    std::cout << "  (" << a.body.size() << " bytes, " << a.links.size() << " links)\n";
  }
  return 0;
}

}  // namespace briefsearch::indexer
