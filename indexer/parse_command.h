// `briefsearch-indexer parse FILE [--json]`: shows what the indexer would send for one file.
// FILE "-" reads the bytes from stdin, named by `--name NAME`. (The indexer's own parse children
// run `parse-server` instead, which takes file after file: parse_server.h.)
#pragma once

#include <string>

namespace briefsearch::indexer {

// Returns the process exit code. With memory_mb/cpu_seconds > 0 the process limits itself first.
// `name` (may be empty) is the file name the parser sees, for FILE "-" in particular.
int RunParseCommand(const std::string& file, bool json, int memory_mb = 0, int cpu_seconds = 0,
                    const std::string& name = "");

}  // namespace briefsearch::indexer
