// The audit log: ARCHIVE/logs/audit.jsonl, one JSON object per line for
// every login, view, download, pull and correction. Opened for appending
// only (O_APPEND), each line written whole and fsync'd before the request
// is answered; docket never rewrites or truncates it. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include <boost/json/object.hpp>

#include "base/status.h"

namespace docket::server {

class AuditLog {
 public:
  // Opens (creating it and its folder when missing) the log at `path`.
  static Result<std::unique_ptr<AuditLog>> Open(const std::string& path);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends {"at": now, "user", "action", ...details}. An error means the
  // line may not be durable; the caller refuses the request.
  Status Append(const std::string& user, const std::string& action, boost::json::object details = {});

  const std::string& path() const { return path_; }

 private:
  AuditLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_;
  std::mutex mu_;
};

}  // namespace docket::server
