// The fixture of every test that runs the indexer: a fresh temp dir with a drop folder, a real
// briefsearchd on a loopback address chosen up front (so it can be killed and restarted where the
// indexer expects it) and a real briefsearch-indexer, created but not started, sending to it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "tests/integration/harness.h"

namespace briefsearch::testing {

class IndexerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(drop());
    server_ = std::make_unique<ServerProcess>(dir_ / "data", std::vector<std::string>{}, address_);
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
    indexer_ = std::make_unique<IndexerProcess>(drop(), dir_ / "state", server_->address());
  }
  std::string drop() const { return dir_ / "drop"; }
  Client& client() { return server_->client(); }

  TempDir dir_;
  std::string address_ = FreeLoopbackAddress();
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<IndexerProcess> indexer_;
};

}  // namespace briefsearch::testing
