// Tests for server/auth/token_store.h: the file format, digests, and errors that never quote a
// line.
#include "server/auth/token_store.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"

namespace briefsearch::auth {
namespace {

std::string HexSha256(std::string_view s) {
  const Sha256Digest d = Sha256(s);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

TEST(TokenStoreTest, Sha256MatchesTheKnownVector) {
  EXPECT_EQ(HexSha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokenStoreTest, PlainAndDigestEntriesWithRolesAndNames) {
  const std::string text =
      "# briefsearch tokens\n"
      "\n"
      "read   reader-token-0123456789 dashboards\n"
      "write\tsha256:" +
      HexSha256("writer-token-0123456789") +
      "  indexer\n"
      "  write sha256:" +
      absl::AsciiStrToUpper(HexSha256("upper-hex-token-0123")) + "\n";
  auto store = TokenStore::Parse(text);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(store->size(), 3u);
  EXPECT_TRUE(store->has_plaintext());

  auto reader = store->Lookup("reader-token-0123456789");
  ASSERT_TRUE(reader.has_value());
  EXPECT_EQ(reader->role, Role::kRead);
  EXPECT_EQ(reader->name, "dashboards");
  auto writer = store->Lookup("writer-token-0123456789");
  ASSERT_TRUE(writer.has_value());
  EXPECT_EQ(writer->role, Role::kWrite);
  EXPECT_EQ(writer->name, "indexer");
  auto upper = store->Lookup("upper-hex-token-0123");
  ASSERT_TRUE(upper.has_value());
  EXPECT_EQ(upper->name, "line 5");  // unnamed entries are labelled by their line

  EXPECT_FALSE(store->Lookup("").has_value());
  EXPECT_FALSE(store->Lookup("reader-token-012345678").has_value());    // a prefix
  EXPECT_FALSE(store->Lookup("reader-token-01234567890").has_value());  // an extension
  EXPECT_FALSE(store->Lookup("sha256:" + HexSha256("writer-token-0123456789")).has_value());
}

TEST(TokenStoreTest, DigestOnlyFileHasNoPlaintext) {
  auto store = TokenStore::Parse("read sha256:" + HexSha256("x-token-0123456789abc") + "\n");
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_FALSE(store->has_plaintext());
}

TEST(TokenStoreTest, BadLinesNameTheLineButNeverItsContent) {
  const char* secret = "topsecret-0123456789";
  struct Row {
    std::string text;
    const char* reason;
  };
  const Row rows[] = {
      {std::string("admin ") + secret, "line 1: the role must be read or write"},
      {std::string("# c\nwrite ") + secret + " name extra", "line 2: expected ROLE CREDENTIAL"},
      {std::string(secret), "line 1: expected ROLE CREDENTIAL"},
      {"read short", "line 1: a token needs at least 16 characters"},
      {"read sha256:abcd", "line 1: sha256: needs 64 hex digits"},
      {"read sha256:" + std::string(64, 'g'), "line 1: sha256: needs 64 hex digits"},
      {"# only comments\n\n", "holds no token"},
  };
  for (const Row& row : rows) {
    auto store = TokenStore::Parse(row.text);
    ASSERT_FALSE(store.ok()) << row.text;
    EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(store.status().message().find(row.reason), std::string::npos) << store.status();
    EXPECT_EQ(store.status().message().find("topsecret"), std::string::npos) << store.status();
  }
}

TEST(TokenStoreTest, ATokenListedTwiceIsAnError) {
  // Two roles for one token would make the outcome depend on the order of lines.
  const std::string digest = "sha256:" + HexSha256("same-token-0123456789");
  auto store = TokenStore::Parse("read same-token-0123456789 a\nwrite " + digest + " b\n");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("line 2: the same token as line 1"), std::string::npos)
      << store.status();
}

}  // namespace
}  // namespace briefsearch::auth
