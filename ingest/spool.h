// The spool: files claimed from the inboxes, kept inside the archive until
// their record is durable (the Maildir idea). A claim is an atomic rename,
// so two watchers never take the same file, and a crash never loses one:
// whatever a dead watcher left in the spool is taken over and finished.
//
//   ARCHIVE/spool/<claim>/from.json   {"inbox": ..., "name": ..., "claimed_at": ...}
//   ARCHIVE/spool/<claim>/original    the file as it was in the inbox
//
// <claim> is HOST.PID.SEQUENCE, so a restarted watcher knows which claims
// belonged to processes of its host that are gone.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/fs.h"
#include "base/status.h"

namespace docket {

struct Claim {
  std::string id;
  std::string inbox;  // the folder it was taken from
  std::string name;   // its name there
  std::string path;   // where it is now: ARCHIVE/spool/<id>/original
  std::string source() const { return inbox + "/" + name; }
};

class Spool {
 public:
  // The spool of the archive at `archive_dir` (created if missing).
  static Result<std::unique_ptr<Spool>> Open(const std::string& archive_dir, Fs* fs = nullptr);

  // Claims inbox/name. NotFound when it is gone (another watcher took it).
  Result<Claim> Take(const std::string& inbox, const std::string& name);

  // Takes over the claims of this host's watchers that are no longer
  // running, and clears claims that never got their file.
  Result<std::vector<Claim>> Recover();

  // The file is archived: forget the claim.
  Status Done(const Claim& claim);

  // The file cannot be read: moves it to `failed_dir` with NAME.error.json
  // beside it (the reason, the time, the docket version), then forgets the
  // claim. The reason is written first, so the file never arrives without it.
  Status Fail(const Claim& claim, const std::string& failed_dir, const std::string& reason);

  const std::string& dir() const { return dir_; }

 private:
  Spool(std::string dir, Fs* fs);
  std::string NewClaimId();
  Status Forget(const std::string& claim_dir);

  std::string dir_;
  Fs* fs_;
  std::string host_;
};

}  // namespace docket
