#include "server/users.h"

#include <algorithm>
#include <set>

#include <boost/json.hpp>

namespace docket::server {

namespace json = boost::json;

const char* RoleName(Role role) {
  switch (role) {
    case Role::kClerk: return "clerk";
    case Role::kLoanProcessor: return "loan_processor";
    case Role::kAdmin: return "admin";
  }
  return "clerk";
}

Result<Role> ParseRole(std::string_view name) {
  if (name == "clerk") return Role::kClerk;
  if (name == "loan_processor") return Role::kLoanProcessor;
  if (name == "admin") return Role::kAdmin;
  return Status::Invalid("unknown role '" + std::string(name) + "' (clerk, loan_processor or admin)");
}

bool Allowed(Role role, Permission permission) {
  switch (permission) {
    case Permission::kView: return true;
    case Permission::kCorrect: return role == Role::kClerk || role == Role::kAdmin;
    case Permission::kPull: return role == Role::kLoanProcessor || role == Role::kAdmin;
    case Permission::kAdmin: return role == Role::kAdmin;
  }
  return false;
}

bool ValidUserName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-' || c == '@';
    if (!ok) return false;
  }
  return true;
}

Result<std::vector<User>> ParseUsers(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Status::Invalid("the users file is not JSON: " + ec.message());
  if (!v.is_object()) return Status::Invalid("the users file must hold an object");
  const json::object& top = v.get_object();
  for (const auto& kv : top) {
    if (kv.key() != "users") return Status::Invalid("unknown key '" + std::string(kv.key()) + "' in the users file");
  }
  std::vector<User> users;
  auto it = top.find("users");
  if (it == top.end()) return users;
  if (!it->value().is_array()) return Status::Invalid("\"users\" must be an array");
  std::set<std::string> seen;
  for (const json::value& u : it->value().get_array()) {
    if (!u.is_object()) return Status::Invalid("each user must be an object");
    User user;
    bool have_role = false;
    for (const auto& kv : u.get_object()) {
      if (!kv.value().is_string()) return Status::Invalid("\"" + std::string(kv.key()) + "\" must be a string");
      std::string value(kv.value().get_string());
      if (kv.key() == "name") {
        user.name = value;
      } else if (kv.key() == "role") {
        auto role = ParseRole(value);
        if (!role.ok()) return role.status();
        user.role = *role;
        have_role = true;
      } else if (kv.key() == "password_hash") {
        user.password_hash = value;
      } else {
        return Status::Invalid("unknown key '" + std::string(kv.key()) + "' in a user");
      }
    }
    if (!ValidUserName(user.name)) return Status::Invalid("bad user name '" + user.name + "'");
    if (!have_role) return Status::Invalid("user " + user.name + " has no role");
    if (user.password_hash.rfind("$argon2id$", 0) != 0) {
      return Status::Invalid("user " + user.name + ": password_hash is not an Argon2id hash (use docket user add)");
    }
    if (!seen.insert(user.name).second) return Status::Invalid("user " + user.name + " appears twice");
    users.push_back(std::move(user));
  }
  return users;
}

std::string SerializeUsers(std::vector<User> users) {
  std::sort(users.begin(), users.end(), [](const User& a, const User& b) { return a.name < b.name; });
  // One user per line, so that the file diffs and greps well.
  std::string out = "{\"users\": [\n";
  for (size_t i = 0; i < users.size(); ++i) {
    json::object o{{"name", users[i].name}, {"role", RoleName(users[i].role)},
                   {"password_hash", users[i].password_hash}};
    out += "  " + json::serialize(o) + (i + 1 < users.size() ? ",\n" : "\n");
  }
  out += "]}\n";
  return out;
}

}  // namespace docket::server
