// docket: one binary, subcommands in the style of git and notmuch.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cli/command.h"
#include "ingest/document.h"

namespace {

// Tesseract's OpenMP threads fight each other when several engines run at
// once; OpenMP reads OMP_THREAD_LIMIT only when the process starts, so a
// process started without it starts itself again with it set.
void ArrangeSingleThreadedOcr(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  setenv("OMP_THREAD_LIMIT", "1", 1);
  execv("/proc/self/exe", argv);
  // If re-executing fails we go on: slower, never wrong.
}

void Usage(std::ostream& out) {
  out << "usage: docket COMMAND [OPTIONS] [ARGS]\n\n"
         "docket archives the PDFs, scans and faxes a back office receives, reads\n"
         "them (OCR), and finds them again.\n\ncommands:\n";
  for (const auto& c : docket::cli::Commands()) {
    out << "  " << c.name << std::string(10 - std::strlen(c.name), ' ') << c.summary << "\n";
  }
  out << "\nEvery command takes --archive DIR (or $DOCKET_ARCHIVE), --json and --help.\n"
         "'docket COMMAND --help' explains a command.\n";
}

}  // namespace

int main(int argc, char** argv) {
  ArrangeSingleThreadedOcr(argv);
  docket::QuietDecoders();
  if (argc < 2) {
    Usage(std::cerr);
    return docket::cli::kExitUsage;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    Usage(std::cout);
    return docket::cli::kExitOk;
  }
  if (name == "--version") {
    std::cout << "docket " << DOCKET_VERSION << "\n";
    return docket::cli::kExitOk;
  }
  for (const auto& c : docket::cli::Commands()) {
    if (name == c.name) return c.run(std::vector<std::string>(argv + 2, argv + argc));
  }
  docket::cli::Complain("unknown command '" + name + "'");
  Usage(std::cerr);
  return docket::cli::kExitUsage;
}
