#include "tests/testutil/samples.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

namespace docket::testing {

std::string SourceDir() { return DOCKET_SOURCE_DIR; }
std::string DocketBinary() { return DOCKET_BINARY; }
std::string SamplePath(const std::string& relative) { return SourceDir() + "/samples/" + relative; }

std::vector<Sample> CorpusSamples() {
  namespace fs = std::filesystem;
  std::vector<Sample> out;
  const std::string suffix = ".truth.json";
  for (const auto& e : fs::recursive_directory_iterator(SamplePath("corpus"))) {
    std::string p = e.path().string();
    if (p.size() <= suffix.size() || p.compare(p.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    boost::json::object truth = boost::json::parse(ss.str()).as_object();
    Sample s;
    s.truth_path = p;
    std::string stem = p.substr(0, p.size() - suffix.size());
    for (const auto& f : fs::directory_iterator(e.path().parent_path())) {
      std::string q = f.path().string();
      if (q != p && q.rfind(stem + ".", 0) == 0 && q.find(".truth.json") == std::string::npos) {
        s.path = q;
      }
    }
    s.type = truth["type"].as_string().c_str();
    s.format = truth["format"].as_string().c_str();
    s.keyword = truth["keyword"].as_string().c_str();
    if (auto* pages = truth.if_contains("pages")) s.pages = static_cast<int>(pages->to_number<double>());
    if (!s.path.empty()) out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const Sample& a, const Sample& b) { return a.path < b.path; });
  return out;
}

int RunCommand(const std::string& command, std::string* out) {
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return -1;
  char buf[4096];
  size_t n;
  if (out) out->clear();
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) {
    if (out) out->append(buf, n);
  }
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<boost::json::object> JsonLines(const std::string& text) {
  std::vector<boost::json::object> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(boost::json::parse(line).as_object());
  }
  return out;
}

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace docket::testing
