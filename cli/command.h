// The subcommand table and what every subcommand shares: the archive
// option, --json, and how results and errors reach the terminal. Only cli/
// reads flags and the environment.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "store/archive.h"

namespace docket::cli {

namespace po = boost::program_options;

// Exit statuses fixed by CONTRACT.md.
constexpr int kExitOk = 0;
constexpr int kExitArchive = 1;  // the archive itself is unusable
constexpr int kExitUsage = 2;

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>& args);
};

const std::vector<Command>& Commands();

// Options every subcommand takes.
struct CommonOptions {
  std::string archive;
  bool json = false;
  bool verbose = false;
};

// Adds --archive, --json, --verbose and --help to `desc`.
void AddCommonOptions(po::options_description& desc, CommonOptions* common);

// Parses `args` against `desc` (and positional names). Prints usage and
// returns false on --help or a usage error, setting *exit_code.
bool ParseArgs(const std::vector<std::string>& args, const char* command, const char* usage,
               const po::options_description& desc, const po::positional_options_description& pos,
               po::variables_map* vm, const CommonOptions& common, int* exit_code);

// Opens the archive named by --archive or DOCKET_ARCHIVE, printing why not.
// Logs of the session go to ARCHIVE/logs/docket.log (and stderr with --verbose).
std::unique_ptr<Archive> OpenArchiveOrSay(const CommonOptions& common, bool create);

// "docket: <message>" on stderr.
void Complain(const std::string& message);

// The commands.
int RunIngest(const std::vector<std::string>& args);
int RunShow(const std::vector<std::string>& args);
int RunList(const std::vector<std::string>& args);
int RunSearch(const std::vector<std::string>& args);
int RunReindex(const std::vector<std::string>& args);
int RunEval(const std::vector<std::string>& args);
int RunTrain(const std::vector<std::string>& args);
int RunWatch(const std::vector<std::string>& args);
int RunPull(const std::vector<std::string>& args);
int RunCheck(const std::vector<std::string>& args);
int RunServe(const std::vector<std::string>& args);
int RunUser(const std::vector<std::string>& args);

}  // namespace docket::cli
