// The mailroom daemon's loop: sees files arrive in the inboxes (inotify on
// local disks, a rescan on an interval for network shares), claims the
// complete ones into the spool, ingests them in batches through the
// Pipeline, and then removes them from the spool or moves them, with their
// reason, to the inbox's failed folder. Nothing leaves the spool before its
// record and index entry are durable.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "index/searcher.h"
#include "index/writer.h"
#include "ingest/inbox.h"
#include "ingest/pipeline.h"
#include "ingest/spool.h"

namespace docket {

struct WatchOptions {
  std::vector<InboxOptions> inboxes;
  double stable_seconds = 2;    // size and mtime unchanged this long
  double rescan_seconds = 10;   // full listing, for shares inotify cannot see
  size_t batch_files = 16;      // files per pipeline run (and per index commit)
  bool once = false;            // take what is there, finish, and return
  PipelineOptions pipeline;
  IndexOptions index;

  // Several hosts, one archive searched as one (README, "Growing past one
  // machine"). `host` names this host and its shard ("" = the machine's
  // name); it names its claim folder on shared inboxes and qualifies the
  // ids it reports for other hosts.
  std::string host;
  // A host whose heartbeat on a shared inbox is older than this is taken
  // for dead and its claims are taken over.
  double lease_seconds = 60;
  // The other hosts' shards: asked, before a file is archived, whether
  // they hold the same bytes already. A shard that cannot be asked is
  // logged and the file archived (docket check --shards finds a double).
  std::vector<Shard> peers;
};

// What happened to one file.
struct WatchEvent {
  Record record;            // archived, duplicate or rejected
  std::string failed_path;  // where a rejected file went
};

struct WatchHooks {
  std::function<bool()> should_stop;                          // checked often
  std::function<std::optional<WatchOptions>()> new_options;   // between batches
  std::function<void(const WatchEvent&)> on_file;
};

class Watcher {
 public:
  // Borrows everything; all must outlive the watcher.
  Watcher(WatchOptions options, Archive* archive, EnginePool* engines, const Classifier* classifier);

  // Runs until hooks.should_stop() says so (or, with `once`, until the
  // inboxes and the spool are empty), finishing the batch in hand first.
  Status Run(const WatchHooks& hooks);

 private:
  void Configure(WatchOptions options);
  // Ingests `claims`; returns those to try again later (the archive failed).
  std::vector<Claim> Process(std::vector<Claim> claims, const WatchHooks& hooks, Status* fatal);
  const InboxOptions* InboxOf(const Claim& claim) const;

  WatchOptions options_;
  Archive* archive_;
  EnginePool* engines_;
  const Classifier* classifier_;
  Spool* SpoolOf(const std::string& inbox);
  // Opens the claim folders of shared inboxes not open yet, with their
  // heartbeat first, and adds this host's own stopped claims there to
  // *recovered.
  Status OpenSharedSpools(std::vector<Claim>* recovered);
  // "ID@SHARD" of a peer's record with the same bytes as `claim`, or "".
  std::string KnownToPeers(const Claim& claim);
  // Indexes the archive's records its index lacks: a watcher killed between
  // storing a record and committing the index leaves such a record.
  void CatchUpIndex();

  std::unique_ptr<Spool> spool_;  // ARCHIVE/spool, for inboxes of this host alone
  std::map<std::string, std::unique_ptr<Spool>> shared_spools_;  // inbox path -> its claim folder
  std::mutex spools_mu_;  // shared_spools_, against the heartbeat thread
  std::vector<std::unique_ptr<Searcher>> peer_searchers_;  // per options_.peers, opened on first use
  std::vector<Inbox> inboxes_;
};

}  // namespace docket
