#include "ingest/watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "base/log.h"
#include "base/sha256.h"

namespace docket {
namespace {

using Clock = Inbox::Clock;

// inotify descriptors for the inboxes; empty when inotify is unavailable,
// in which case the rescans do all the work.
class InboxEvents {
 public:
  explicit InboxEvents(const std::vector<Inbox>& inboxes) {
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) return;
    for (size_t i = 0; i < inboxes.size(); ++i) {
      int wd = inotify_add_watch(fd_, inboxes[i].options().path.c_str(),
                                 IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_ATTRIB);
      if (wd >= 0) inbox_of_[wd] = i;
    }
  }
  ~InboxEvents() {
    if (fd_ >= 0) close(fd_);
  }
  InboxEvents(const InboxEvents&) = delete;
  InboxEvents& operator=(const InboxEvents&) = delete;

  // Waits up to `ms` for events; passes (inbox index, name) of each.
  template <typename F>
  void Wait(int ms, F on_event) {
    if (fd_ < 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      return;
    }
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, ms) <= 0) return;
    alignas(inotify_event) char buf[16384];
    for (;;) {
      ssize_t n = read(fd_, buf, sizeof buf);
      if (n <= 0) return;
      for (char* at = buf; at < buf + n;) {
        auto* e = reinterpret_cast<inotify_event*>(at);
        auto it = inbox_of_.find(e->wd);
        if (it != inbox_of_.end() && e->len > 0) on_event(it->second, std::string(e->name));
        at += sizeof(inotify_event) + e->len;
      }
    }
  }

 private:
  int fd_ = -1;
  std::map<int, size_t> inbox_of_;
};

// Rewrites the heartbeat of every shared claim folder until destroyed, on
// its own thread, so that a long batch never lets the lease run out.
class HeartbeatThread {
 public:
  HeartbeatThread(std::function<void()> beat, double every_seconds) : beat_(std::move(beat)) {
    thread_ = std::thread([this, every_seconds] {
      std::unique_lock<std::mutex> lock(mu_);
      while (!stop_) {
        lock.unlock();
        beat_();
        lock.lock();
        cv_.wait_for(lock, std::chrono::duration<double>(every_seconds), [this] { return stop_; });
      }
    });
  }
  ~HeartbeatThread() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::function<void()> beat_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

std::string MachineName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  std::string h = buf;
  for (char& c : h) {
    if (c == '.' || c == '/') c = '_';
  }
  return h;
}

bool IsSymlink(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

}  // namespace

Watcher::Watcher(WatchOptions options, Archive* archive, EnginePool* engines,
                 const Classifier* classifier)
    : archive_(archive), engines_(engines), classifier_(classifier) {
  Configure(std::move(options));
}

void Watcher::Configure(WatchOptions options) {
  options_ = std::move(options);
  if (options_.host.empty()) options_.host = MachineName();
  inboxes_.clear();
  for (const InboxOptions& in : options_.inboxes) inboxes_.emplace_back(in, options_.stable_seconds);
}

const InboxOptions* Watcher::InboxOf(const Claim& claim) const {
  for (const Inbox& in : inboxes_) {
    if (in.options().path == claim.inbox) return &in.options();
  }
  return nullptr;
}

Spool* Watcher::SpoolOf(const std::string& inbox) {
  auto it = shared_spools_.find(inbox);
  return it == shared_spools_.end() ? spool_.get() : it->second.get();
}

Status Watcher::OpenSharedSpools(std::vector<Claim>* recovered) {
  std::lock_guard<std::mutex> lock(spools_mu_);
  for (const InboxOptions& in : options_.inboxes) {
    if (!in.shared || shared_spools_.count(in.path)) continue;
    auto spool = Spool::OpenShared(in.path, options_.host);
    if (!spool.ok()) return spool.status().Annotate("inbox " + in.path);
    // Alive before anything is taken over, so no other host takes ours.
    DOCKET_RETURN_IF_ERROR((*spool)->Heartbeat());
    auto mine = (*spool)->Recover();
    if (!mine.ok()) return mine.status().Annotate("inbox " + in.path);
    for (Claim& c : *mine) recovered->push_back(std::move(c));
    shared_spools_[in.path] = std::move(*spool);
  }
  return Status::Ok();
}

Status Watcher::Run(const WatchHooks& hooks) {
  auto spool = Spool::Open(archive_->dir());
  if (!spool.ok()) return spool.status();
  spool_ = std::move(*spool);
  // An empty index from the start, so that xapian-tcpsrv can serve this
  // host's shard before its first file arrives. (The archive makes the
  // folder; "iamglass" marks a database in it, glass being Xapian 1.4's.)
  if (!DefaultFs()->Exists(archive_->IndexPath() + "/iamglass")) {
    // Not fatal: a full disk now is retried with the first batch.
    auto created = IndexWriter::Open(archive_->IndexPath(), options_.index);
    Status st = created.ok() ? (*created)->Commit() : created.status();
    if (!st.ok()) LogWarning("watch: creating the index: " + st.message());
  }
  CatchUpIndex();

  // First finish what a stopped watcher left in the spool.
  auto recovered = spool_->Recover();
  if (!recovered.ok()) return recovered.status();
  std::vector<Claim> retry = std::move(*recovered);
  DOCKET_RETURN_IF_ERROR(OpenSharedSpools(&retry));
  HeartbeatThread heartbeat(
      [this] {
        std::lock_guard<std::mutex> lock(spools_mu_);
        for (auto& [inbox, spool] : shared_spools_) {
          if (Status st = spool->Heartbeat(); !st.ok()) LogWarning("inbox " + inbox + ": " + st.message());
        }
      },
      std::max(0.2, options_.lease_seconds / 4));

  auto events = std::make_unique<InboxEvents>(inboxes_);
  auto next_rescan = Clock::now();
  auto retry_after = Clock::now();
  for (;;) {
    if (hooks.should_stop && hooks.should_stop()) return Status::Ok();
    if (hooks.new_options) {
      if (auto changed = hooks.new_options()) {
        Configure(std::move(*changed));
        if (Status st = OpenSharedSpools(&retry); !st.ok()) LogError("watch: " + st.message());
        events = std::make_unique<InboxEvents>(inboxes_);
        next_rescan = Clock::now();
        LogInfo("watch: configuration reloaded");
      }
    }
    auto now = Clock::now();
    if (now >= next_rescan) {
      for (Inbox& in : inboxes_) in.Rescan(now);
      // Claims of hosts whose heartbeat ran out: ours to finish now.
      for (auto& [inbox, spool] : shared_spools_) {
        auto expired = spool->RecoverExpired(options_.lease_seconds);
        if (!expired.ok()) {
          LogWarning("inbox " + inbox + ": looking for claims of stopped hosts: " + expired.status().message());
          continue;
        }
        for (Claim& c : *expired) retry.push_back(std::move(c));
      }
      next_rescan = now + std::chrono::milliseconds(static_cast<int>(options_.rescan_seconds * 1000));
    }

    std::vector<Claim> batch;
    if (now >= retry_after) batch.swap(retry);
    for (Inbox& in : inboxes_) {
      if (batch.size() >= options_.batch_files) break;
      for (const std::string& name : in.TakeReady(now, options_.batch_files - batch.size())) {
        auto claim = SpoolOf(in.options().path)->Take(in.options().path, name);
        if (claim.ok()) {
          batch.push_back(std::move(*claim));
        } else if (!claim.status().IsNotFound()) {
          LogWarning(in.options().path + "/" + name + ": cannot claim: " + claim.status().message());
        }
      }
    }

    if (!batch.empty()) {
      Status fatal;
      retry = Process(std::move(batch), hooks, &fatal);
      if (!fatal.ok()) {
        // The archive failed (disk full?): keep the claims and try later.
        LogError("watch: " + fatal.message() + "; retrying in 10 s");
        retry_after = Clock::now() + std::chrono::seconds(10);
        if (options_.once) return fatal;
      }
      continue;  // more may be ready already
    }

    bool pending = false;
    for (const Inbox& in : inboxes_) pending |= in.HasPending();
    if (options_.once && !pending && retry.empty()) return Status::Ok();
    // Pending files need a look soon; otherwise sleep until an event.
    int wait_ms = pending || !retry.empty() ? 200 : 1000;
    events->Wait(wait_ms, [&](size_t inbox, const std::string& name) {
      inboxes_[inbox].Touch(name, Clock::now());
    });
  }
}

std::vector<Claim> Watcher::Process(std::vector<Claim> claims, const WatchHooks& hooks,
                                    Status* fatal) {
  auto fail = [&](const Claim& c, const std::string& reason, Record record) {
    const InboxOptions* in = InboxOf(c);
    std::string failed = in ? Inbox(*in, 0).failed_dir() : c.inbox + "/failed";
    Status st = spool_->Fail(c, failed, reason);
    WatchEvent ev{std::move(record), ""};
    if (st.ok()) {
      ev.failed_path = failed + "/" + c.name;
      LogWarning(c.source() + ": failed: " + reason + " (moved to " + failed + ")");
    } else {
      LogError(c.source() + ": failed (" + reason + ") and cannot be moved to " + failed + ": " +
               st.message() + "; it stays in the spool");
    }
    if (hooks.on_file) hooks.on_file(ev);
  };

  // Already archived, by a host that stopped before its clean-up, or by
  // another shard: a duplicate of that record, never archived again.
  auto duplicate_of = [&](const Claim& c, const std::string& qualified_id) {
    Record r;
    r.id = qualified_id;
    r.source = c.source();
    r.status = "duplicate";
    LogInfo(c.source() + ": duplicate of " + qualified_id);
    if (Status d = spool_->Done(c); !d.ok()) LogWarning(c.source() + ": " + d.message());
    if (hooks.on_file) hooks.on_file(WatchEvent{r, ""});
  };

  std::vector<Claim> todo;
  std::vector<Input> inputs;
  for (Claim& c : claims) {
    if (!c.archived_as.empty() && c.archived_as.substr(c.archived_as.rfind('@') + 1) != options_.host) {
      duplicate_of(c, c.archived_as);
      continue;
    }
    if (!options_.peers.empty() && !IsSymlink(c.path)) {
      if (std::string known = KnownToPeers(c); !known.empty()) {
        duplicate_of(c, known);
        continue;
      }
    }
    if (IsSymlink(c.path)) {
      Record r;
      r.source = c.source();
      r.status = "rejected";
      r.error = "a symbolic link; docket does not follow links out of an inbox";
      fail(c, r.error, r);
      continue;
    }
    const InboxOptions* in = InboxOf(c);
    inputs.push_back(Input{c.path, c.source(), in ? in->type_hint : ""});
    todo.push_back(std::move(c));
  }
  if (todo.empty()) return {};

  // One index writer at a time per archive (Xapian's lock): held only for
  // the batch, so other watchers and `ingest` take turns.
  auto index = IndexWriter::Open(archive_->IndexPath(), options_.index);
  if (!index.ok()) {
    *fatal = index.status().Annotate("opening the index");
    return todo;
  }
  std::vector<Record> records;
  PipelineOptions pipeline_options = options_.pipeline;
  pipeline_options.peers = options_.peers;  // business duplicates across shards
  Pipeline pipeline(pipeline_options, archive_, index->get(), engines_, classifier_);
  Status st = pipeline.Run(
      inputs,
      [&](const Record& r) {
        const Claim& c = todo[records.size()];
        records.push_back(r);
        // On a shared inbox, say so beside the claim at once: a host that
        // takes the claim over after we die must not archive it again.
        if (r.status == "archived" && shared_spools_.count(c.inbox)) {
          if (Status n = spool_->NoteArchived(c, r.id, options_.host); !n.ok()) {
            LogWarning(c.source() + ": " + n.message());
          }
        }
      },
      nullptr);
  index->reset();  // commit and release the lock before the files leave the spool
  if (!st.ok()) *fatal = st;

  std::vector<Claim> retry;
  for (size_t i = 0; i < todo.size(); ++i) {
    const Claim& c = todo[i];
    if (i >= records.size()) {
      retry.push_back(c);
      continue;
    }
    const Record& r = records[i];
    if (r.status == "archived" || r.status == "duplicate") {
      if (Status d = spool_->Done(c); !d.ok()) LogWarning(c.source() + ": " + d.message());
      if (hooks.on_file) hooks.on_file(WatchEvent{r, ""});
    } else if (st.ok()) {
      fail(c, r.error, r);
    } else {
      retry.push_back(c);  // rejected because the batch stopped: not the file's fault
    }
  }
  return retry;
}

}  // namespace docket

namespace docket {

std::string Watcher::KnownToPeers(const Claim& claim) {
  auto sha = Sha256File(claim.path);
  if (!sha.ok()) return "";  // the pipeline rejects it with the reason
  if (archive_->FindBySha256(*sha).ok()) return "";  // ours: the pipeline sees it
  if (peer_searchers_.size() != options_.peers.size()) {
    peer_searchers_.clear();
    peer_searchers_.resize(options_.peers.size());
  }
  for (size_t i = 0; i < options_.peers.size(); ++i) {
    const Shard& peer = options_.peers[i];
    if (!peer_searchers_[i]) {
      auto opened = Searcher::OpenShards({peer});
      if (!opened.ok()) {
        LogWarning(claim.source() + ": cannot ask shard " + peer.name + " whether it holds " + *sha + ": " +
                   opened.status().message() + "; archiving it here (docket check --shards finds a double)");
        continue;
      }
      peer_searchers_[i] = std::move(*opened);
    }
    auto known = peer_searchers_[i]->FindKnown(KnownKeys{*sha, {}});
    if (!known.ok()) {
      peer_searchers_[i].reset();  // reconnect next time
      LogWarning(claim.source() + ": cannot ask shard " + peer.name + " whether it holds " + *sha + ": " +
                 known.status().message() + "; archiving it here (docket check --shards finds a double)");
      continue;
    }
    if (!known->empty()) return known->front();
  }
  return "";
}

void Watcher::CatchUpIndex() {
  auto ids = archive_->ListIds();
  if (!ids.ok()) return;
  auto searcher = Searcher::Open(archive_->IndexPath());
  if (!searcher.ok()) return;
  auto indexed = (*searcher)->Ids();
  if (!indexed.ok()) return;
  std::set<std::string> in_index(indexed->begin(), indexed->end());
  std::vector<std::string> missing;
  for (const std::string& id : *ids) {
    if (!in_index.count(id)) missing.push_back(id);
  }
  if (missing.empty()) return;
  auto index = IndexWriter::Open(archive_->IndexPath(), options_.index);
  if (!index.ok()) {
    LogWarning("watch: cannot index " + std::to_string(missing.size()) + " records the index lacks: " +
               index.status().message());
    return;
  }
  size_t added = 0;
  for (const std::string& id : missing) {
    auto r = archive_->GetRecord(id);
    auto pages = archive_->GetPages(id);
    if (!r.ok() || !pages.ok() || r->status != "archived") continue;
    if ((*index)->Put(*r, *pages).ok()) ++added;
  }
  if (Status st = (*index)->Commit(); !st.ok()) LogWarning("watch: " + st.message());
  LogInfo("watch: indexed " + std::to_string(added) + " stored records the index lacked");
}

}  // namespace docket
