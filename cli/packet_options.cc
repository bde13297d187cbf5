#include "cli/packet_options.h"

#include <string>
#include <vector>

namespace docket::cli {

void AddPacketOptions(po::options_description& desc) {
  desc.add_options()
      ("separator", po::value<std::vector<std::string>>()->composing(),
       "text printed on the mailroom's separator sheets (repeatable; default: DOCKET SEPARATOR SHEET, "
       "DOCUMENT SEPARATOR)")
      ("separator-barcode", po::value<std::vector<std::string>>()->composing(),
       "barcode value of the mailroom's separator sheets, Code 39 or Code 128; a trailing * makes it a "
       "prefix (repeatable; default: DOCKET-SEPARATOR)")
      ("no-split", "take every file as one document, never a packet of several");
}

void ApplyPacketOptions(const po::variables_map& vm, PacketSplitOptions* packets) {
  if (vm.count("separator")) packets->separator_keywords = vm["separator"].as<std::vector<std::string>>();
  if (vm.count("separator-barcode")) {
    packets->separator_barcodes = vm["separator-barcode"].as<std::vector<std::string>>();
  }
  if (vm.count("no-split")) packets->enabled = false;
}

}  // namespace docket::cli
