// An inbox: a folder mailroom staff drop files into. It tells which files
// are complete and may be taken: not hidden or temporary by name, size and
// modification time unchanged for a while, and (where the filesystem can
// tell) open for writing by no one.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace docket {

struct InboxOptions {
  std::string path;
  std::string failed;     // where unreadable files go; "" = PATH/failed
  std::string type_hint;  // "invoice" for an inbox that receives only invoices
  // Several hosts watch this inbox (a network share): claims go to this
  // host's folder on the share (spool.h), not into the archive.
  bool shared = false;
};

class Inbox {
 public:
  using Clock = std::chrono::steady_clock;

  Inbox(InboxOptions options, double stable_seconds);

  const InboxOptions& options() const { return options_; }
  std::string failed_dir() const;

  // Lists the folder again (new files, gone files).
  void Rescan(Clock::time_point now);
  // Something happened to `name` (an inotify event): look at it again.
  void Touch(const std::string& name, Clock::time_point now);
  // Up to `max` names complete and ready to take, oldest seen first. A
  // name returned is forgotten; if taking it fails it comes back with the
  // next rescan.
  std::vector<std::string> TakeReady(Clock::time_point now, size_t max);
  // True while files are waiting to become stable.
  bool HasPending() const { return !seen_.empty(); }

  // Names docket never takes: hidden, partial and temporary files.
  static bool Waits(const std::string& name);

 private:
  struct Seen {
    long long size = -1;
    long long mtime_ns = -1;
    Clock::time_point since;   // when size and mtime were last seen to change
    Clock::time_point first;
  };
  void Look(const std::string& name, Clock::time_point now);

  InboxOptions options_;
  std::chrono::duration<double> stable_;
  std::map<std::string, Seen> seen_;
};

// True when some process holds `path` open for writing, as far as the
// filesystem can tell (a read lease cannot be had); false when it cannot tell.
bool OpenForWriting(const std::string& path);

}  // namespace docket
