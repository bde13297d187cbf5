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
//
// An inbox shared by several hosts (a network share every host mounts at
// the same path) has its claims on the share itself, one folder a host, so
// that the claiming rename is atomic on one filesystem:
//
//   INBOX/.docket-claims/<host>/<claim>/...   as above
//   INBOX/.docket-claims/<host>/heartbeat     rewritten while the host's watcher runs
//   INBOX/.docket-claims/<host>/<claim>/archived.json  {"id", "shard"}: the
//       record is stored, only the clean-up was left (a claim taken over
//       with it is a duplicate of that record, never archived again)
//
// A host takes over another host's claims once that host's heartbeat is
// older than the lease; the takeover is a rename, so one host wins.
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
  std::string path;   // where it is now: <spool>/<id>/original
  std::string dir;    // <spool>/<id>
  // Set when the claim was taken over with archived.json: "ID@SHARD" of
  // the record another host stored for it.
  std::string archived_as;
  std::string source() const { return inbox + "/" + name; }
};

class Spool {
 public:
  // ".docket-claims": the hidden folder of a shared inbox holding the hosts'
  // claim folders (an inbox never takes hidden names or enters folders).
  static const char kSharedClaimsFolder[];

  // The spool of the archive at `archive_dir` (created if missing).
  static Result<std::unique_ptr<Spool>> Open(const std::string& archive_dir, Fs* fs = nullptr);
  // The claim folder of `host` on an inbox several hosts share:
  // INBOX/.docket-claims/HOST (created if missing). `host` names this host
  // (a shard name: letters, digits, '-', '_').
  static Result<std::unique_ptr<Spool>> OpenShared(const std::string& inbox, const std::string& host,
                                                   Fs* fs = nullptr);

  // Claims inbox/name. NotFound when it is gone (another watcher took it).
  Result<Claim> Take(const std::string& inbox, const std::string& name);

  // Takes over the claims of this host's watchers that are no longer
  // running, and clears claims that never got their file.
  Result<std::vector<Claim>> Recover();

  // Shared inboxes: tells the other hosts this one is alive (rewrites
  // <spool>/heartbeat). Thread-safe.
  Status Heartbeat();
  // Shared inboxes: takes over the claims of hosts whose heartbeat is older
  // than `lease_seconds` (or missing). One host wins each claim.
  Result<std::vector<Claim>> RecoverExpired(double lease_seconds);
  // Shared inboxes: notes beside the claim that its record is stored as
  // `id` in the shard `shard` (see archived.json above).
  Status NoteArchived(const Claim& claim, const std::string& id, const std::string& shard);

  // The file is archived: forget the claim.
  Status Done(const Claim& claim);

  // The file cannot be read: moves it to `failed_dir` with NAME.error.json
  // beside it (the reason, the time, the docket version), then forgets the
  // claim. The reason is written first, so the file never arrives without it.
  Status Fail(const Claim& claim, const std::string& failed_dir, const std::string& reason);

  const std::string& dir() const { return dir_; }

 private:
  Spool(std::string dir, Fs* fs, std::string host);
  std::string NewClaimId();
  // Renames <from_dir>/<old_id> to a new claim of ours and reads it; false
  // when another took it first or there is nothing to ingest.
  bool Adopt(const std::string& from_dir, const std::string& old_id, Claim* out);
  Status Forget(const std::string& claim_dir);

  std::string dir_;
  Fs* fs_;
  std::string host_;
};

}  // namespace docket
