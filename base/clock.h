// Wall-clock time as the archive writes it: ISO 8601 UTC with microseconds,
// so that records sort by arrival as plain strings.
#pragma once

#include <string>

namespace docket {

std::string NowIso8601();

// CPU time the calling thread has used, in seconds. Stage timers use it
// rather than the wall clock: with more workers than cores a wall clock
// also counts the time a thread waits for a core or a lock, and charged
// that to whichever stage it was in.
double ThreadCpuSeconds();

}  // namespace docket
