// The users file of docket serve: ARCHIVE/users.json unless --users names
// another. Its shape is server/users.h's.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "server/users.h"

namespace docket::cli {

// --users, else ARCHIVE/users.json.
std::string UsersFilePath(const std::string& option, const std::string& archive_dir);

// The users in `path`; NotFound when the file does not exist.
Result<std::vector<server::User>> ReadUsersFile(const std::string& path);

// Writes the users atomically, readable by the owner only (it holds
// password hashes).
Status WriteUsersFile(const std::string& path, const std::vector<server::User>& users);

}  // namespace docket::cli
