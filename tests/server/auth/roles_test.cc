// Tests for server/auth/roles.h: every served method has the role the docs promise.
#include "server/auth/roles.h"

#include <gtest/gtest.h>

namespace briefsearch::auth {
namespace {

TEST(RolesTest, WritesNeedWriteEverythingElseServedIsRead) {
  struct Row {
    const char* method;
    Role need;
  };
  const Row rows[] = {
      {"/briefsearch.v1.IngestService/UpsertIssue", Role::kWrite},
      {"/briefsearch.v1.IngestService/DeleteIssue", Role::kWrite},
      {"/briefsearch.v1.IngestService/ListIssues", Role::kRead},
      {"/briefsearch.v1.SearchService/Search", Role::kRead},
      {"/briefsearch.v1.SearchService/GetArticle", Role::kRead},
      {"/briefsearch.v1.SearchService/GetIssue", Role::kRead},
      {"/briefsearch.v1.SearchService/Stats", Role::kRead},
      {"/briefsearch.v1.SearchService/Analyze", Role::kRead},
      {"/grpc.health.v1.Health/Check", Role::kRead},
      {"/grpc.health.v1.Health/Watch", Role::kRead},
      {"/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", Role::kRead},
      // Unknown, misspelt or prefix-only names are closed by default.
      {"/briefsearch.v1.IngestService/Purge", Role::kWrite},
      {"/briefsearch.v1.SearchService/search", Role::kWrite},
      {"/briefsearch.v1.SearchService/Search/x", Role::kWrite},
      {"", Role::kWrite},
  };
  for (const Row& row : rows) EXPECT_EQ(RequiredRole(row.method), row.need) << row.method;
}

TEST(RolesTest, WriteImpliesRead) {
  EXPECT_TRUE(Grants(Role::kWrite, Role::kRead));
  EXPECT_TRUE(Grants(Role::kWrite, Role::kWrite));
  EXPECT_TRUE(Grants(Role::kRead, Role::kRead));
  EXPECT_FALSE(Grants(Role::kRead, Role::kWrite));
}

TEST(RolesTest, NamesRoundTrip) {
  for (Role r : {Role::kRead, Role::kWrite}) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_FALSE(ParseRole("admin").has_value());
  EXPECT_FALSE(ParseRole("Write").has_value());
}

}  // namespace
}  // namespace briefsearch::auth
