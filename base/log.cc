#include "base/log.h"

#include <mutex>

namespace docket {
namespace {
std::mutex g_mu;
LogSink g_sink;
LogLevel g_min = LogLevel::kInfo;
}  // namespace

void SetLogSink(LogSink sink, LogLevel min_level) {
  std::lock_guard<std::mutex> lock(g_mu);
  g_sink = std::move(sink);
  g_min = min_level;
}

void Log(LogLevel level, const std::string& line) {
  std::lock_guard<std::mutex> lock(g_mu);
  if (g_sink && level >= g_min) g_sink(level, line);
}

}  // namespace docket
