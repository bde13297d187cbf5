// A temporary folder for one test, removed with everything in it.
#pragma once

#include <string>

namespace docket::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Writes `data` to `path` (plain, for test fixtures).
void WriteFile(const std::string& path, const std::string& data);

}  // namespace docket::testing
