#include "server/audit_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <boost/json.hpp>

#include "base/clock.h"
#include "base/fs.h"

namespace docket::server {

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const std::string& path) {
  if (size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0) {
    DOCKET_RETURN_IF_ERROR(DefaultFs()->MakeDirs(path.substr(0, slash)));
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return Status::IoError("cannot open the audit log " + path + ": " + std::strerror(errno));
  return std::unique_ptr<AuditLog>(new AuditLog(path, fd));
}

AuditLog::~AuditLog() { ::close(fd_); }

Status AuditLog::Append(const std::string& user, const std::string& action, boost::json::object details) {
  boost::json::object line{{"at", NowIso8601()}, {"user", user}, {"action", action}};
  for (auto& kv : details) line[kv.key()] = std::move(kv.value());
  std::string text = boost::json::serialize(line) + "\n";
  std::lock_guard<std::mutex> lock(mu_);
  // One write per line: with O_APPEND the kernel puts it at the end whole,
  // even if another process appends too.
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::IoError("writing the audit log: " + std::string(std::strerror(errno)));
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fdatasync(fd_) != 0) return Status::IoError("syncing the audit log: " + std::string(std::strerror(errno)));
  return Status::Ok();
}

}  // namespace docket::server
