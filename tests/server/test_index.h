// A real IndexManager in a test's temporary directory, with default options: the fixture setup
// the index, query and service tests share.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "server/analysis/analyzer.h"
#include "server/index/index_manager.h"

namespace briefsearch::testing_util {

// Null (and the test failed) when the index cannot be opened.
inline std::unique_ptr<index::IndexManager> OpenTestIndex(const std::string& dir,
                                                          const analysis::Analyzer* analyzer) {
  index::IndexOptions options;
  options.data_dir = dir;
  auto m = index::IndexManager::Open(options, analyzer);
  if (!m.ok()) {
    ADD_FAILURE() << m.status();
    return nullptr;
  }
  return std::move(*m);
}

}  // namespace briefsearch::testing_util
