#pragma once
// Reading the status file a running job keeps in its store directory
// (STORE/status.json, written by crawler/observe/crawl_monitor.h about once
// a second and at the end of a run), for `newscrawl status`. Main thread.

#include <cstdint>
#include <optional>
#include <string>

namespace nc {

struct StatusFile {
  int64_t wall_ms = 0;        // when it was written
  std::string progress_line;  // the line the crawl's terminal showed
  std::string json;           // the whole file (one JSON object)
};

// Nothing when the file is missing or is not the JSON object we write.
std::optional<StatusFile> ReadStatusFile(const std::string& store_dir);

}  // namespace nc
