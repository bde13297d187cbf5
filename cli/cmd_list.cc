// docket list: every record, oldest first.
#include <iostream>

#include "cli/command.h"
#include "cli/record_output.h"

namespace docket::cli {

int RunList(const std::vector<std::string>& args) {
  CommonOptions common;
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  po::positional_options_description pos;
  po::variables_map vm;
  int code = kExitOk;
  if (!ParseArgs(args, "list", "[OPTIONS]", desc, pos, &vm, common, &code)) return code;
  auto archive = OpenArchiveOrSay(common, /*create=*/false);
  if (!archive) return kExitArchive;
  bool damaged = false;
  auto records = archive->AllRecords([&](const std::string& id, const Status& st) {
    damaged = true;
    Complain("list: record " + id + " cannot be read: " + st.message());
  });
  if (!records.ok()) {
    Complain("list: " + records.status().message());
    return kExitArchive;
  }
  for (const Record& r : *records) PrintListed(std::cout, r, common.json);
  return damaged ? kExitArchive : kExitOk;
}

}  // namespace docket::cli
