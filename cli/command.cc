#include "cli/command.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>

#include "base/clock.h"
#include "base/log.h"

namespace docket::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"ingest", "archive files: decode, OCR, classify, extract, store, index", RunIngest},
      {"watch", "the mailroom daemon: ingest what is dropped into inbox folders", RunWatch},
      {"show", "print one record", RunShow},
      {"list", "print every record, oldest first", RunList},
      {"search", "full-text and field search", RunSearch},
      {"pull", "a loan's bundle: its documents and its applicants' KYC papers", RunPull},
      {"reindex", "rebuild the index from the stored records alone", RunReindex},
      {"check", "verify originals, records and the index; one line per problem", RunCheck},
      {"eval", "measure classification and extraction against labelled documents", RunEval},
      {"train", "retrain the archive's type model from labelled documents and corrections", RunTrain},
      {"serve", "the clerks' web application and JSON API", RunServe},
      {"user", "add, remove or list the users of docket serve", RunUser},
  };
  return commands;
}

void Complain(const std::string& message) { std::cerr << "docket: " << message << std::endl; }

void AddCommonOptions(po::options_description& desc, CommonOptions* common) {
  desc.add_options()
      ("archive,a", po::value(&common->archive),
       "the archive folder (default: $DOCKET_ARCHIVE)")
      ("json", po::bool_switch(&common->json), "machine-readable output (JSON)")
      ("verbose,v", po::bool_switch(&common->verbose), "echo the log to stderr")
      ("help,h", "show this help");
}

bool ParseArgs(const std::vector<std::string>& args, const char* command, const char* usage,
               const po::options_description& desc, const po::positional_options_description& pos,
               po::variables_map* vm, const CommonOptions&, int* exit_code) {
  try {
    po::store(po::command_line_parser(args).options(desc).positional(pos).run(), *vm);
    if (vm->count("help")) {
      std::cout << "usage: docket " << command << " " << usage << "\n\n" << desc << std::endl;
      *exit_code = kExitOk;
      return false;
    }
    po::notify(*vm);
  } catch (const po::error& e) {
    Complain(std::string(command) + ": " + e.what());
    std::cerr << "usage: docket " << command << " " << usage << "\n"
              << "Try 'docket " << command << " --help'." << std::endl;
    *exit_code = kExitUsage;
    return false;
  }
  return true;
}

std::unique_ptr<Archive> OpenArchiveOrSay(const CommonOptions& common, bool create) {
  std::string dir = common.archive;
  if (dir.empty()) {
    if (const char* env = std::getenv("DOCKET_ARCHIVE")) dir = env;
  }
  if (dir.empty()) {
    Complain("no archive: give --archive DIR or set DOCKET_ARCHIVE");
    return nullptr;
  }
  ArchiveOptions options;
  options.create_if_missing = create;
  auto archive = Archive::Open(dir, options);
  if (!archive.ok()) {
    Complain("cannot open the archive " + dir + ": " + archive.status().message());
    return nullptr;
  }
  std::string log_dir = dir + "/logs";
  DefaultFs()->MakeDirs(log_dir);
  auto file = std::make_shared<std::ofstream>(log_dir + "/docket.log", std::ios::app);
  bool verbose = common.verbose;
  static const char* kLevels[] = {"debug", "info", "warning", "error"};
  SetLogSink(
      [file, verbose](LogLevel level, const std::string& line) {
        if (*file) {
          *file << NowIso8601() << " " << kLevels[static_cast<int>(level)] << " " << line << "\n";
          file->flush();
        }
        if (verbose || level >= LogLevel::kError) std::cerr << "docket: " << line << "\n";
      },
      common.verbose ? LogLevel::kDebug : LogLevel::kInfo);
  return std::move(*archive);
}

}  // namespace docket::cli
