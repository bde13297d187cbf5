#include "cli/users_file.h"

#include <sys/stat.h>

#include "base/fs.h"

namespace docket::cli {

std::string UsersFilePath(const std::string& option, const std::string& archive_dir) {
  return option.empty() ? archive_dir + "/users.json" : option;
}

Result<std::vector<server::User>> ReadUsersFile(const std::string& path) {
  auto text = DefaultFs()->ReadFile(path);
  if (!text.ok()) return text.status();
  auto users = server::ParseUsers(*text);
  if (!users.ok()) return users.status().Annotate(path);
  return users;
}

Status WriteUsersFile(const std::string& path, const std::vector<server::User>& users) {
  // The temp file is created under this mask, so the hashes are never
  // readable by others, not even for a moment.
  mode_t old = ::umask(077);
  Status st = DefaultFs()->WriteAtomic(path, server::SerializeUsers(users));
  ::umask(old);
  return st;
}

}  // namespace docket::cli
