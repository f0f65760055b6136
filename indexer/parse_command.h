// `briefsearch-indexer parse FILE [--json]`: shows what the indexer would send for one file.
#pragma once

#include <string>

namespace briefsearch::indexer {

// Returns the process exit code.
int RunParseCommand(const std::string& file, bool json);

}  // namespace briefsearch::indexer
