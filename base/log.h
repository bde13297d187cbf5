// The logger. Libraries report what happened to each file through it; only
// the program (cli/, server/) decides where lines go, by installing a sink.
#pragma once

#include <functional>
#include <string>

namespace docket {

enum class LogLevel { kDebug = 0, kInfo, kWarning, kError };

using LogSink = std::function<void(LogLevel, const std::string&)>;

// Installs the sink (thread-safe); lines below `min_level` are dropped.
// With no sink installed, lines are dropped.
void SetLogSink(LogSink sink, LogLevel min_level = LogLevel::kInfo);

void Log(LogLevel level, const std::string& line);
inline void LogInfo(const std::string& line) { Log(LogLevel::kInfo, line); }
inline void LogWarning(const std::string& line) { Log(LogLevel::kWarning, line); }
inline void LogError(const std::string& line) { Log(LogLevel::kError, line); }
inline void LogDebug(const std::string& line) { Log(LogLevel::kDebug, line); }

}  // namespace docket
