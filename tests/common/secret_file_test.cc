// Tests for common/secret_file.h: token files are trimmed, checked and never echoed in errors.
#include "common/secret_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <string>

#include "tests/server/temp_dir.h"

namespace briefsearch {
namespace {

class SecretFileTest : public testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content, mode_t mode) {
    const std::string path = dir_.Sub(name);
    std::ofstream(path) << content;
    EXPECT_EQ(::chmod(path.c_str(), mode), 0);
    return path;
  }

  testing_util::TempDir dir_;
};

TEST_F(SecretFileTest, TokenIsTrimmed) {
  auto token = ReadTokenFile(Write("t", "  s3cret-token-value\n\n", 0600));
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(*token, "s3cret-token-value");
}

TEST_F(SecretFileTest, WorldReadableTokenFileIsRefusedWithoutEchoingIt) {
  const std::string path = Write("t", "s3cret-token-value\n", 0644);
  auto token = ReadTokenFile(path);
  ASSERT_EQ(token.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(token.status().message().find("chmod 600"), std::string::npos);
  EXPECT_EQ(token.status().message().find("s3cret"), std::string::npos);
  // Group-readable is the owner's choice (a shared service group), so it is accepted.
  ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
  EXPECT_TRUE(ReadTokenFile(path).ok());
}

TEST_F(SecretFileTest, EmptyOrMultiWordTokenIsRefused) {
  EXPECT_EQ(ReadTokenFile(Write("empty", " \n", 0600)).status().code(),
            absl::StatusCode::kFailedPrecondition);
  auto two = ReadTokenFile(Write("two", "write s3cret-token-value\n", 0600));
  ASSERT_EQ(two.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(two.status().message().find("s3cret"), std::string::npos);
}

TEST_F(SecretFileTest, MissingFileAndDirectoryAreErrors) {
  EXPECT_EQ(ReadTokenFile(dir_.Sub("none")).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReadSecretFile(dir_.path()).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(SecretFileTest, SecretFileReportsWorldReadable) {
  auto open = ReadSecretFile(Write("a", "x", 0644));
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->world_readable);
  auto closed = ReadSecretFile(Write("b", "x", 0600));
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(closed->world_readable);
}

}  // namespace
}  // namespace briefsearch
