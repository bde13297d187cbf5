// Wall-clock time as the archive writes it: ISO 8601 UTC with microseconds,
// so that records sort by arrival as plain strings.
#pragma once

#include <string>

namespace docket {

std::string NowIso8601();

}  // namespace docket
