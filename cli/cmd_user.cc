// docket user add|remove|list: the people who may use docket serve.
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "cli/command.h"
#include "cli/users_file.h"
#include "server/password.h"

namespace docket::cli {
namespace {

// Reads one line from stdin; with a terminal, without echo.
bool ReadSecretLine(const std::string& prompt, std::string* out) {
  bool tty = ::isatty(STDIN_FILENO);
  termios saved{};
  if (tty) {
    std::cerr << prompt << std::flush;
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  bool ok = static_cast<bool>(std::getline(std::cin, *out));
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!out->empty() && out->back() == '\r') out->pop_back();
  return ok;
}

}  // namespace

int RunUser(const std::vector<std::string>& args) {
  CommonOptions common;
  std::string action, name, role_name = "clerk", users_option;
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  desc.add_options()
      ("role", po::value(&role_name)->default_value(role_name), "clerk, loan_processor or admin (add)")
      ("users", po::value(&users_option), "the users file (default: ARCHIVE/users.json)")
      ("action", po::value(&action)->required(), "add, remove or list")
      ("name", po::value(&name), "the user's name");
  po::positional_options_description pos;
  pos.add("action", 1).add("name", 1);
  po::variables_map vm;
  int code = kExitOk;
  const char* usage =
      "add NAME [--role ROLE] | remove NAME | list\n\n"
      "add reads the password from stdin (one line; asked twice on a terminal)";
  if (!ParseArgs(args, "user", usage, desc, pos, &vm, common, &code)) return code;
  if (action != "add" && action != "remove" && action != "list") {
    Complain("user: unknown action '" + action + "' (add, remove or list)");
    return kExitUsage;
  }
  if (action != "list" && !server::ValidUserName(name)) {
    Complain("user: give a name of 1-64 letters, digits, '.', '_', '-' or '@'");
    return kExitUsage;
  }
  auto role = server::ParseRole(role_name);
  if (!role.ok()) {
    Complain("user: " + role.status().message());
    return kExitUsage;
  }
  std::string path;
  if (users_option.empty()) {
    auto archive = OpenArchiveOrSay(common, /*create=*/false);
    if (!archive) return kExitArchive;
    path = UsersFilePath("", archive->dir());
  } else {
    path = users_option;
  }
  auto users = ReadUsersFile(path);
  if (!users.ok() && !users.status().IsNotFound()) {
    Complain("user: " + users.status().message());
    return kExitArchive;
  }
  std::vector<server::User> list = users.ok() ? std::move(*users) : std::vector<server::User>{};
  auto it = std::find_if(list.begin(), list.end(), [&](const server::User& u) { return u.name == name; });
  bool existed = it != list.end();

  if (action == "list") {
    for (const auto& u : list) std::cout << u.name << "  " << server::RoleName(u.role) << "\n";
    return kExitOk;
  }
  if (action == "remove") {
    if (it == list.end()) {
      Complain("user: no user " + name + " in " + path);
      return kExitUsage;
    }
    list.erase(it);
  } else {
    std::string password, again;
    if (!ReadSecretLine("password for " + name + ": ", &password)) {
      Complain("user: no password on stdin");
      return kExitUsage;
    }
    if (::isatty(STDIN_FILENO)) {
      if (!ReadSecretLine("again: ", &again) || again != password) {
        Complain("user: the passwords differ");
        return kExitUsage;
      }
    }
    if (password.size() < 8) {
      Complain("user: the password needs at least 8 characters");
      return kExitUsage;
    }
    auto hash = server::HashPassword(password);
    if (!hash.ok()) {
      Complain("user: " + hash.status().message());
      return kExitArchive;
    }
    server::User u{name, *role, *hash};
    if (it == list.end()) {
      list.push_back(std::move(u));
    } else {
      *it = std::move(u);  // a new password or role for an existing user
    }
  }
  Status st = WriteUsersFile(path, list);
  if (!st.ok()) {
    Complain("user: cannot write " + path + ": " + st.message());
    return kExitArchive;
  }
  std::cout << (action == "add" ? (existed ? "updated " : "added ") : "removed ") << name
            << (action == "add" ? " (" + std::string(server::RoleName(*role)) + ")" : "") << " in " << path
            << "\n(a running docket serve rereads the file on SIGHUP)\n";
  return kExitOk;
}

}  // namespace docket::cli
