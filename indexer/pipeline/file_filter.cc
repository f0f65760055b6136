#include "indexer/pipeline/file_filter.h"

namespace briefsearch::pipeline {

bool IsIgnoredPath(std::string_view path) {
  if (path.empty()) return true;
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start && path[start] == '.') return true;  // hidden file or folder, .#lock files
    start = end + 1;
  }
  for (std::string_view suffix : {".tmp", ".part", ".crdownload", "~", ".swp", ".partial"}) {
    if (path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix) {
      return true;
    }
  }
  return false;
}

}  // namespace briefsearch::pipeline
