// Names the indexer never treats as issues: hidden files and folders, and the temporary names
// editors and downloaders write before renaming into place (.tmp, .part, .crdownload, ~, .swp).
#pragma once

#include <string_view>

namespace briefsearch::pipeline {

bool IsIgnoredPath(std::string_view relative_path);

}  // namespace briefsearch::pipeline
