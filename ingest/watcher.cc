#include "ingest/watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <thread>

#include "base/log.h"

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
  inboxes_.clear();
  for (const InboxOptions& in : options_.inboxes) inboxes_.emplace_back(in, options_.stable_seconds);
}

const InboxOptions* Watcher::InboxOf(const Claim& claim) const {
  for (const Inbox& in : inboxes_) {
    if (in.options().path == claim.inbox) return &in.options();
  }
  return nullptr;
}

Status Watcher::Run(const WatchHooks& hooks) {
  auto spool = Spool::Open(archive_->dir());
  if (!spool.ok()) return spool.status();
  spool_ = std::move(*spool);

  // First finish what a stopped watcher left in the spool.
  auto recovered = spool_->Recover();
  if (!recovered.ok()) return recovered.status();
  std::vector<Claim> retry = std::move(*recovered);

  auto events = std::make_unique<InboxEvents>(inboxes_);
  auto next_rescan = Clock::now();
  auto retry_after = Clock::now();
  for (;;) {
    if (hooks.should_stop && hooks.should_stop()) return Status::Ok();
    if (hooks.new_options) {
      if (auto changed = hooks.new_options()) {
        Configure(std::move(*changed));
        events = std::make_unique<InboxEvents>(inboxes_);
        next_rescan = Clock::now();
        LogInfo("watch: configuration reloaded");
      }
    }
    auto now = Clock::now();
    if (now >= next_rescan) {
      for (Inbox& in : inboxes_) in.Rescan(now);
      next_rescan = now + std::chrono::milliseconds(static_cast<int>(options_.rescan_seconds * 1000));
    }

    std::vector<Claim> batch;
    if (now >= retry_after) batch.swap(retry);
    for (Inbox& in : inboxes_) {
      if (batch.size() >= options_.batch_files) break;
      for (const std::string& name : in.TakeReady(now, options_.batch_files - batch.size())) {
        auto claim = spool_->Take(in.options().path, name);
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

  std::vector<Claim> todo;
  std::vector<Input> inputs;
  for (Claim& c : claims) {
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
  Pipeline pipeline(options_.pipeline, archive_, index->get(), engines_, classifier_);
  Status st = pipeline.Run(inputs, [&](const Record& r) { records.push_back(r); }, nullptr);
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
