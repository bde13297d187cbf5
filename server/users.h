// The people who may use the web application and what each may do. The
// users file is JSON (its reading and writing is the program's business,
// cli/; this is its shape):
//
//   {"users": [{"name": "asha", "role": "clerk",
//               "password_hash": "$argon2id$v=19$m=65536,t=2,p=1$..."}]}
//
// Roles: clerk (view, correct), loan_processor (view, pull), admin (all).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace docket::server {

enum class Role { kClerk, kLoanProcessor, kAdmin };

// What a request wants to do; Allowed() says which roles may.
enum class Permission { kView, kCorrect, kPull, kAdmin };

struct User {
  std::string name;
  Role role = Role::kClerk;
  std::string password_hash;  // HashPassword()
};

const char* RoleName(Role role);  // "clerk", "loan_processor", "admin"
Result<Role> ParseRole(std::string_view name);
bool Allowed(Role role, Permission permission);

// Names are 1-64 characters of letters, digits, '.', '_', '-' and '@', so
// that they are safe in logs, cookies and file names.
bool ValidUserName(std::string_view name);

// Parses a users file. Unknown keys, duplicate names, unknown roles and
// hashes that are not Argon2id strings are errors (Invalid), never ignored.
Result<std::vector<User>> ParseUsers(std::string_view json);
// The users file text for `users` (sorted by name), ending in a newline.
std::string SerializeUsers(std::vector<User> users);

}  // namespace docket::server
