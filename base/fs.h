// The filesystem seam. Every durable write in docket goes through Fs so that
// a test can swap in a faulty one and prove that nothing is lost or
// half-written when a write fails (disk full, I/O error).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace docket {

class Fs {
 public:
  virtual ~Fs() = default;

  // Writes `data` to `path` so that a crash leaves either the old file or
  // the new one: temp file in the same folder, fsync, rename, fsync folder.
  virtual Status WriteAtomic(const std::string& path, std::string_view data) = 0;

  // Copies the file at `from` to `to` with the same guarantee as WriteAtomic,
  // streaming, so a large original is never held in memory.
  virtual Status CopyAtomic(const std::string& from, const std::string& to) = 0;

  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  virtual Status MakeDirs(const std::string& path) = 0;
  virtual bool Exists(const std::string& path) = 0;
  virtual Status Remove(const std::string& path) = 0;
  // Renames and makes the rename durable (fsync of both folders).
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  // Names (not paths) of the entries of a folder, sorted.
  virtual Result<std::vector<std::string>> List(const std::string& dir) = 0;
  virtual Result<uint64_t> FileSize(const std::string& path) = 0;
};

// The real filesystem. Thread-safe; never deleted.
Fs* DefaultFs();

}  // namespace docket
