#include "ingest/inbox.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace docket {

Inbox::Inbox(InboxOptions options, double stable_seconds)
    : options_(std::move(options)), stable_(stable_seconds) {
  while (options_.path.size() > 1 && options_.path.back() == '/') options_.path.pop_back();
}

std::string Inbox::failed_dir() const {
  return options_.failed.empty() ? options_.path + "/failed" : options_.failed;
}

bool Inbox::Waits(const std::string& name) {
  if (name.empty() || name[0] == '.' || name[0] == '~') return true;
  for (const char* glob : {"*.part", "*.tmp", "*.crdownload", "*.partial", "*.error.json"}) {
    if (fnmatch(glob, name.c_str(), 0) == 0) return true;
  }
  return false;
}

void Inbox::Rescan(Clock::time_point now) {
  DIR* d = ::opendir(options_.path.c_str());
  if (d == nullptr) return;
  std::vector<std::string> names;
  while (struct dirent* e = ::readdir(d)) names.emplace_back(e->d_name);
  ::closedir(d);
  std::map<std::string, Seen> kept;
  for (const std::string& n : names) {
    if (Waits(n)) continue;
    auto it = seen_.find(n);
    if (it != seen_.end()) kept.insert(*it);
  }
  seen_.swap(kept);  // forget what is gone
  for (const std::string& n : names) {
    if (!Waits(n)) Look(n, now);
  }
}

void Inbox::Touch(const std::string& name, Clock::time_point now) {
  if (!Waits(name)) Look(name, now);
}

void Inbox::Look(const std::string& name, Clock::time_point now) {
  struct stat st;
  std::string path = options_.path + "/" + name;
  if (::lstat(path.c_str(), &st) != 0) {
    seen_.erase(name);
    return;
  }
  // Folders (the failed folder among them) are not documents to take.
  if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
    seen_.erase(name);
    return;
  }
  long long mtime = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  auto [it, inserted] = seen_.try_emplace(name);
  Seen& s = it->second;
  if (inserted) s.first = now;
  if (inserted || s.size != st.st_size || s.mtime_ns != mtime) {
    s.size = st.st_size;
    s.mtime_ns = mtime;
    s.since = now;
  }
}

std::vector<std::string> Inbox::TakeReady(Clock::time_point now, size_t max) {
  std::vector<std::string> names;
  for (const auto& kv : seen_) names.push_back(kv.first);
  std::vector<std::pair<Clock::time_point, std::string>> ready;
  for (const std::string& name : names) {
    Look(name, now);  // may update or forget it
    auto it = seen_.find(name);
    if (it == seen_.end() || now - it->second.since < stable_) continue;
    if (!OpenForWriting(options_.path + "/" + name)) ready.emplace_back(it->second.first, name);
  }
  std::sort(ready.begin(), ready.end());
  if (ready.size() > max) ready.resize(max);
  std::vector<std::string> out;
  for (auto& r : ready) {
    seen_.erase(r.second);
    out.push_back(std::move(r.second));
  }
  return out;
}

bool OpenForWriting(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  bool writing = false;
  // A read lease is refused (EAGAIN) while anyone has the file open for
  // writing. Released at once; SIGIO from a lease break is ignored by the
  // watcher. Network filesystems refuse leases altogether (not EAGAIN):
  // there the stability time alone decides.
  if (::fcntl(fd, F_SETLEASE, F_RDLCK) == 0) {
    ::fcntl(fd, F_SETLEASE, F_UNLCK);
  } else {
    writing = errno == EAGAIN;
  }
  ::close(fd);
  return writing;
}

}  // namespace docket
