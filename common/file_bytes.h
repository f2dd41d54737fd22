#pragma once
// A whole file read into memory (config files, a page or robots.txt given
// to a tool command, the status file): the bytes as stored, no newline or
// encoding conversion. Any thread.

#include <optional>
#include <string>

namespace nc {

// The file's bytes, or nullopt when it cannot be opened; callers say why in
// their own words (which flag, which exit code).
std::optional<std::string> ReadFileBytes(const std::string& path);

}  // namespace nc
