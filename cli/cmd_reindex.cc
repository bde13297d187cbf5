// docket reindex: rebuild the index from the stored records alone.
#include <iostream>

#include <boost/json.hpp>

#include "cli/command.h"
#include "index/reindex.h"

namespace docket::cli {

int RunReindex(const std::vector<std::string>& args) {
  CommonOptions common;
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  po::positional_options_description pos;
  po::variables_map vm;
  int code = kExitOk;
  if (!ParseArgs(args, "reindex", "[OPTIONS]", desc, pos, &vm, common, &code)) return code;
  auto archive = OpenArchiveOrSay(common, /*create=*/false);
  if (!archive) return kExitArchive;
  auto stats = Reindex(*archive, [&](uint64_t done, uint64_t total) {
    if (!common.json && (done % 1000 == 0 || done == total)) {
      std::cerr << "\rreindexed " << done << "/" << total << (done == total ? "\n" : "") << std::flush;
    }
  });
  if (!stats.ok()) {
    Complain("reindex: " + stats.status().message());
    return kExitArchive;
  }
  if (common.json) {
    std::cout << boost::json::serialize(boost::json::object{{"indexed", stats->indexed},
                                                            {"unreadable", stats->unreadable}})
              << "\n";
  } else {
    std::cout << "indexed " << stats->indexed << " records";
    if (stats->unreadable > 0) std::cout << "; " << stats->unreadable << " unreadable records skipped";
    std::cout << "\n";
  }
  return stats->unreadable > 0 ? kExitArchive : kExitOk;
}

}  // namespace docket::cli
