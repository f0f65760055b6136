// One-line log records on stderr: "2026-11-22T03:04:05.123Z I briefsearchd: message".
// Never pass document text or secrets: log ids, counts, reasons.
#pragma once

#include <string_view>

#include "absl/strings/str_format.h"

namespace briefsearch {

enum class LogLevel { kInfo, kWarning, kError };

void SetLogProgramName(std::string_view name);
void LogLine(LogLevel level, std::string_view message);

template <typename... Args>
void LogInfo(const absl::FormatSpec<Args...>& format, const Args&... args) {
  LogLine(LogLevel::kInfo, absl::StrFormat(format, args...));
}
template <typename... Args>
void LogWarning(const absl::FormatSpec<Args...>& format, const Args&... args) {
  LogLine(LogLevel::kWarning, absl::StrFormat(format, args...));
}
template <typename... Args>
void LogError(const absl::FormatSpec<Args...>& format, const Args&... args) {
  LogLine(LogLevel::kError, absl::StrFormat(format, args...));
}

}  // namespace briefsearch
