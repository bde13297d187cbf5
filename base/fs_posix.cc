// Fs on POSIX calls, with the temp-fsync-rename discipline in one place.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include "base/fs.h"

namespace docket {
namespace {

Status Errno(const std::string& what, const std::string& path) {
  return Status::IoError(what + " " + path + ": " + std::strerror(errno));
}

std::string DirOf(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

Status SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("opening folder", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Errno("syncing folder", dir);
  return Status::Ok();
}

Status WriteAll(int fd, const char* p, size_t n, const std::string& path) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Errno("writing", path);
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return Status::Ok();
}

// A name no other writer in this or another process will pick.
std::string TempNameFor(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  return path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
}

class PosixFs : public Fs {
 public:
  Status WriteAtomic(const std::string& path, std::string_view data) override {
    return Publish(path, [&](int fd, const std::string& tmp) {
      return WriteAll(fd, data.data(), data.size(), tmp);
    });
  }

  Status CopyAtomic(const std::string& from, const std::string& to) override {
    int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return Errno("opening", from);
    Status st = Publish(to, [&](int fd, const std::string& tmp) {
      std::vector<char> buf(1 << 20);
      for (;;) {
        ssize_t r = ::read(in, buf.data(), buf.size());
        if (r < 0) {
          if (errno == EINTR) continue;
          return Errno("reading", from);
        }
        if (r == 0) return Status::Ok();
        DOCKET_RETURN_IF_ERROR(WriteAll(fd, buf.data(), static_cast<size_t>(r), tmp));
      }
    });
    ::close(in);
    return st;
  }

  Result<std::string> ReadFile(const std::string& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return Status::NotFound(path);
      return Errno("opening", path);
    }
    std::string out;
    char buf[65536];
    for (;;) {
      ssize_t r = ::read(fd, buf, sizeof buf);
      if (r < 0) {
        if (errno == EINTR) continue;
        Status st = Errno("reading", path);
        ::close(fd);
        return st;
      }
      if (r == 0) break;
      out.append(buf, static_cast<size_t>(r));
    }
    ::close(fd);
    return out;
  }

  Status MakeDirs(const std::string& path) override {
    std::string cur;
    size_t i = 0;
    while (i <= path.size()) {
      size_t next = path.find('/', i);
      if (next == std::string::npos) next = path.size();
      cur = path.substr(0, next);
      if (!cur.empty() && ::mkdir(cur.c_str(), 0755) != 0 && errno != EEXIST) {
        return Errno("creating folder", cur);
      }
      i = next + 1;
    }
    return Status::Ok();
  }

  bool Exists(const std::string& path) override {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
  }

  Status Remove(const std::string& path) override {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return Errno("removing", path);
    return Status::Ok();
  }

  Status Rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) return Errno("renaming " + from + " to", to);
    DOCKET_RETURN_IF_ERROR(SyncDir(DirOf(to)));
    if (DirOf(to) != DirOf(from)) DOCKET_RETURN_IF_ERROR(SyncDir(DirOf(from)));
    return Status::Ok();
  }

  Result<std::vector<std::string>> List(const std::string& dir) override {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) {
      if (errno == ENOENT) return Status::NotFound(dir);
      return Errno("listing", dir);
    }
    std::vector<std::string> names;
    while (struct dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(std::move(n));
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
  }

  Result<uint64_t> FileSize(const std::string& path) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT) return Status::NotFound(path);
      return Errno("examining", path);
    }
    return static_cast<uint64_t>(st.st_size);
  }

 private:
  // Temp file, fill, fsync, rename over `path`, fsync the folder. On any
  // failure the temp file is removed and `path` is untouched.
  template <typename Fill>
  Status Publish(const std::string& path, Fill fill) {
    std::string tmp = TempNameFor(path);
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return Errno("creating", tmp);
    Status st = fill(fd, tmp);
    if (st.ok() && ::fsync(fd) != 0) st = Errno("syncing", tmp);
    if (::close(fd) != 0 && st.ok()) st = Errno("closing", tmp);
    if (st.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) st = Errno("renaming into", path);
    if (!st.ok()) {
      ::unlink(tmp.c_str());
      return st;
    }
    return SyncDir(DirOf(path));
  }
};

}  // namespace

Fs* DefaultFs() {
  static PosixFs fs;
  return &fs;
}

}  // namespace docket
