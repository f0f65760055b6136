#include "common/log.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace briefsearch {
namespace {

std::mutex& LogMutex() {
  static std::mutex mu;
  return mu;
}
std::string& ProgramName() {
  static std::string name = "briefsearch";
  return name;
}

}  // namespace

void SetLogProgramName(std::string_view name) {
  std::lock_guard<std::mutex> l(LogMutex());
  ProgramName() = std::string(name);
}

void LogLine(LogLevel level, std::string_view message) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
  const char tag = level == LogLevel::kInfo ? 'I' : level == LogLevel::kWarning ? 'W' : 'E';
  std::lock_guard<std::mutex> l(LogMutex());
  std::fprintf(stderr, "%s.%03dZ %c %s: %.*s\n", stamp, static_cast<int>(millis), tag,
               ProgramName().c_str(), static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
}

}  // namespace briefsearch
