// The mailroom daemon's loop: sees files arrive in the inboxes (inotify on
// local disks, a rescan on an interval for network shares), claims the
// complete ones into the spool, ingests them in batches through the
// Pipeline, and then removes them from the spool or moves them, with their
// reason, to the inbox's failed folder. Nothing leaves the spool before its
// record and index entry are durable.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
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
  std::unique_ptr<Spool> spool_;
  std::vector<Inbox> inboxes_;
};

}  // namespace docket
