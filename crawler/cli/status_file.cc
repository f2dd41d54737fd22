#include "crawler/cli/status_file.h"

// Boost.JSON compiled here, once (header-only mode: no library to link).
#include <boost/json/src.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crawler/cli/job_observer.h"

namespace nc {

std::optional<StatusFile> ReadStatusFile(const std::string& store_dir) {
  std::ifstream in(std::filesystem::path(store_dir) / kStatusFileName, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text.str(), ec);
  if (ec || !value.is_object()) return std::nullopt;
  const boost::json::object& object = value.as_object();
  StatusFile file;
  file.json = text.str();
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
