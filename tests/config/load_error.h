#pragma once
// The config tests' question: what does loading this TOML text say?

#include <string>

#include "config/crawl_config.h"

namespace nc {

// The error LoadConfigText gives for `text` read as the file `file` into
// `config`; "" when the text loads.
inline std::string LoadError(const std::string& text, CrawlConfig& config,
                             const std::string& file = "news.toml") {
  Status s = LoadConfigText(text, file, config);
  return s.ok() ? "" : s.error().message;
}

// The same, into a default CrawlConfig.
inline std::string LoadError(const std::string& text, const std::string& file = "news.toml") {
  CrawlConfig config;
  return LoadError(text, config, file);
}

}  // namespace nc
