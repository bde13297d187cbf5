// How ingest and watch are told about the mailroom's separator sheets and
// packets (issue #9): the same flags on both commands.
#pragma once

#include "classify/packet_split.h"
#include "cli/command.h"

namespace docket::cli {

// --separator TEXT, --separator-barcode VALUE (both repeatable), --no-split.
void AddPacketOptions(po::options_description& desc);

// Sets what the command line gave over `packets` (the defaults, or what a
// watch configuration file said); leaves the rest.
void ApplyPacketOptions(const po::variables_map& vm, PacketSplitOptions* packets);

}  // namespace docket::cli
