// `briefsearch-indexer parse FILE [--json]`: shows what the indexer would send for one file.
#pragma once

#include <string>

namespace briefsearch::indexer {

// Returns the process exit code. With memory_mb/cpu_seconds > 0 the process limits itself first
// (the indexer runs this as its parsing child).
int RunParseCommand(const std::string& file, bool json, int memory_mb = 0, int cpu_seconds = 0);

}  // namespace briefsearch::indexer
