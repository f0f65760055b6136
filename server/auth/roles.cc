#include "server/auth/roles.h"

#include <array>
#include <utility>

namespace briefsearch::auth {
namespace {

// Every method briefsearchd serves. Listing issues is a read: it shows what searching shows.
constexpr std::array<std::pair<std::string_view, Role>, 12> kMethods = {{
    {"/briefsearch.v1.SearchService/Search", Role::kRead},
    {"/briefsearch.v1.SearchService/GetArticle", Role::kRead},
    {"/briefsearch.v1.SearchService/GetIssue", Role::kRead},
    {"/briefsearch.v1.SearchService/Stats", Role::kRead},
    {"/briefsearch.v1.SearchService/Analyze", Role::kRead},
    {"/briefsearch.v1.IngestService/UpsertIssue", Role::kWrite},
    {"/briefsearch.v1.IngestService/DeleteIssue", Role::kWrite},
    {"/briefsearch.v1.IngestService/ListIssues", Role::kRead},
    {"/grpc.health.v1.Health/Check", Role::kRead},
    {"/grpc.health.v1.Health/Watch", Role::kRead},
    // Reflection describes the API (no data); it is a read so that grpcurl works with a read token.
    {"/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", Role::kRead},
    {"/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", Role::kRead},
}};

}  // namespace

const char* RoleName(Role role) { return role == Role::kWrite ? "write" : "read"; }

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "read") return Role::kRead;
  if (name == "write") return Role::kWrite;
  return std::nullopt;
}

bool Grants(Role have, Role need) { return static_cast<int>(have) >= static_cast<int>(need); }

Role RequiredRole(std::string_view method) {
  for (const auto& [name, role] : kMethods) {
    if (name == method) return role;
  }
  return Role::kWrite;
}

}  // namespace briefsearch::auth
