// Roles of bearer tokens and the role each RPC method needs.
//
// Two roles: `read` (search, lookups, stats, listing, health, reflection) and `write` (upserts and
// deletes), and write implies read. A method not in the table needs write, so a service added later
// is closed until someone decides otherwise.
#pragma once

#include <optional>
#include <string_view>

namespace briefsearch::auth {

enum class Role { kRead = 1, kWrite = 2 };

const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

// True when a token with role `have` may call a method that needs `need`.
bool Grants(Role have, Role need);

// The role a full gRPC method name ("/briefsearch.v1.IngestService/UpsertIssue") needs.
Role RequiredRole(std::string_view method);

}  // namespace briefsearch::auth
