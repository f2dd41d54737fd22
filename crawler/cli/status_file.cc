#include "crawler/cli/status_file.h"

// Boost.JSON compiled here, once (header-only mode: no library to link).
#include <boost/json/src.hpp>
#include <filesystem>
#include <utility>

#include "common/file_bytes.h"
#include "crawler/cli/job_observer.h"

namespace nc {

std::optional<StatusFile> ReadStatusFile(const std::string& store_dir) {
  std::optional<std::string> text =
      ReadFileBytes((std::filesystem::path(store_dir) / kStatusFileName).string());
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(*text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const boost::json::object& object = value.as_object();
  StatusFile file;
  file.json = std::move(*text);
  if (const auto* t = object.if_contains("t"); t != nullptr && t->is_int64()) {
    file.wall_ms = t->as_int64();
  }
  if (const auto* line = object.if_contains("progress_line");
      line != nullptr && line->is_string()) {
    file.progress_line = std::string(line->as_string());
  }
  if (file.progress_line.empty()) return std::nullopt;
  return file;
}

}  // namespace nc
