// A child process for end-to-end tests that run servers (docket serve,
// xapian-tcpsrv): started with posix_spawn, its stdout and stderr in files,
// killed and reaped when destroyed, also when the test fails half way.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace docket::testing {

class ChildProcess {
 public:
  // Runs argv[0] (a path) with stdin from /dev/null, stdout appended to
  // `out_path` and stderr to `out_path`.err.
  ChildProcess(const std::vector<std::string>& argv, const std::string& out_path);
  ~ChildProcess() { Stop(9); }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Sends `sig` and reaps; the exit status, or -1 when killed by a signal
  // or never started.
  int Stop(int sig);
  bool running() const { return pid_ > 0; }
  // What it wrote to stdout / stderr so far.
  std::string Output() const;
  std::string Errors() const;

 private:
  pid_t pid_ = -1;
  std::string out_path_;
};

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0 and
// released), for servers that cannot choose their own.
int FreeLoopbackPort();

void SleepMs(int ms);

// Calls `done` every 100 ms until it is true or `limit` passes; its last answer.
template <typename F>
bool WaitUntil(F done, std::chrono::milliseconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    SleepMs(100);
  }
  return done();
}

}  // namespace docket::testing
