// Tests for server/auth/auth_processor.h: the decision for each call, and that no message carries
// the token. The same processor runs inside a real server in tests/integration/auth_test.cc.
#include "server/auth/auth_processor.h"

#include <gtest/gtest.h>

namespace briefsearch::auth {
namespace {

constexpr char kSearch[] = "/briefsearch.v1.SearchService/Search";
constexpr char kUpsert[] = "/briefsearch.v1.IngestService/UpsertIssue";
constexpr char kReadToken[] = "read-token-0123456789";
constexpr char kWriteToken[] = "write-token-0123456789";

AuthPolicy Policy(bool anonymous_read) {
  auto store = TokenStore::Parse(std::string("read ") + kReadToken + " viewer\nwrite " +
                                 kWriteToken + " indexer\n");
  EXPECT_TRUE(store.ok());
  return {std::make_shared<const TokenStore>(std::move(*store)), anonymous_read};
}

std::string Bearer(const char* token) { return std::string("Bearer ") + token; }

TEST(AuthorizeTest, MissingTokenIsUnauthenticated) {
  const AuthPolicy policy = Policy(false);
  for (const char* method : {kSearch, kUpsert, "/grpc.health.v1.Health/Check"}) {
    grpc::Status s = Authorize(policy, method, std::nullopt, nullptr);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << method;
  }
}

TEST(AuthorizeTest, UnknownOrMalformedTokenIsUnauthenticatedAndNotEchoed) {
  const AuthPolicy policy = Policy(true);
  for (const std::string& header :
       {Bearer("guessed-token-0123456789"), std::string("Basic guessed-token-0123456789"),
        std::string("guessed-token-0123456789"), std::string("Bearer "),
        Bearer("read-token-012345678")}) {
    grpc::Status s = Authorize(policy, kSearch, header, nullptr);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << header;
    EXPECT_EQ(s.error_message().find("token-01"), std::string::npos) << s.error_message();
  }
}

TEST(AuthorizeTest, ReadTokenOnWriteIsPermissionDenied) {
  TokenInfo granted;
  grpc::Status s = Authorize(Policy(false), kUpsert, Bearer(kReadToken), &granted);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(s.error_message().find("viewer"), std::string::npos) << s.error_message();
  EXPECT_EQ(s.error_message().find(kReadToken), std::string::npos) << s.error_message();
}

TEST(AuthorizeTest, RolesGrantTheirMethods) {
  const AuthPolicy policy = Policy(false);
  TokenInfo granted;
  EXPECT_TRUE(Authorize(policy, kSearch, Bearer(kReadToken), &granted).ok());
  EXPECT_EQ(granted.name, "viewer");
  EXPECT_TRUE(Authorize(policy, kSearch, Bearer(kWriteToken), &granted).ok());
  EXPECT_TRUE(Authorize(policy, kUpsert, Bearer(kWriteToken), &granted).ok());
  EXPECT_EQ(granted.role, Role::kWrite);
  // The scheme is case-insensitive (RFC 7235).
  EXPECT_TRUE(Authorize(policy, kUpsert, std::string("bearer ") + kWriteToken, nullptr).ok());
}

TEST(AuthorizeTest, AnonymousReadOpensReadsOnly) {
  const AuthPolicy policy = Policy(true);
  EXPECT_TRUE(Authorize(policy, kSearch, std::nullopt, nullptr).ok());
  EXPECT_TRUE(Authorize(policy, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                        std::nullopt, nullptr)
                  .ok());
  EXPECT_EQ(Authorize(policy, kUpsert, std::nullopt, nullptr).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Authorize(policy, "/briefsearch.v1.IngestService/DeleteIssue", std::nullopt, nullptr)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace briefsearch::auth
