#include "crawler/cli/export_command.h"

#include <CLI/CLI.hpp>

#include <cctype>
#include <chrono>
#include <ctime>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "crawler/cli/cli.h"
#include "crawler/cli/export_articles.h"
#include "crawler/extract/html_links.h"
#include "storage/export.h"
#include "storage/store.h"

namespace nc {

CLI::App* AddExportCommand(CLI::App& app, ExportFlags& flags) {
  auto* cmd = app.add_subcommand("export", "export the link graph or the pages of a store");
  cmd->add_option("--store", flags.store_dirs,
                  "store directory; repeat to export the union of several stores (a page "
                  "fetched in several is written once: the latest fetch)")
      ->required()
      ->allow_extra_args(false);
  cmd->add_option("--format", flags.format,
                  "edges (TSV, default), csv, nodes-csv, graphml, gexf, dot, jsonl, warc, articles "
                  "(JSON lines of the stored articles)");
  cmd->add_option("--out", flags.out_file, "output file; - or none: standard output");
  cmd->add_option("--roles", flags.roles,
                  "only edges of these roles, comma-separated (headline,related,nav,footer,"
                  "external,other,redirect,feed)");
  cmd->add_flag("--followed-only", flags.followed_only, "only edges the crawler followed");
  cmd->add_option("--host", flags.host_patterns,
                  "only URLs whose host matches this glob (repeatable; *.example.com), and the "
                  "edges between them")
      ->allow_extra_args(false);
  cmd->add_flag("--by-host", flags.by_host, "dot: one node per host, edges weighted by links");
  cmd->add_flag("--header", flags.header, "edges: a first line naming the columns");
  cmd->add_flag("--with-body", flags.with_body, "jsonl: the body too (text, or base64)");
  cmd->add_flag("--no-titles", flags.no_titles,
                "do not read stored HTML bodies for <title> (faster)");
  cmd->add_option("--since", flags.since,
                  "jsonl, warc, articles: only pages fetched at or after TIME (UTC: 2026-12-05, "
                  "2026-12-05T04:00:00Z) or within the last 30m, 24h, 7d");
  cmd->add_option("--max-size", flags.max_size,
                  "warc: start a new numbered file (NAME-00001.warc.gz, ...) past this size "
                  "(bytes, or with K, M, G); needs --out FILE");
  return cmd;
}

std::optional<std::vector<std::unique_ptr<storage::Store>>> OpenStoresReadOnly(
    const std::vector<std::string>& dirs, std::string_view command) {
  std::vector<std::unique_ptr<storage::Store>> stores;
  std::vector<std::string> opened;
  storage::OpenOptions open_options;
  open_options.read_only = true;
  for (const std::string& dir : dirs) {
    // LMDB must not open one environment twice in a process, and a store
    // merged with itself is itself: the second mention is dropped.
    std::error_code error;
    bool repeated = false;
    for (const std::string& earlier : opened) {
      if (std::filesystem::equivalent(earlier, dir, error)) repeated = true;
    }
    if (repeated) {
      std::cerr << "newscrawl: " << command << ": --store " << dir
                << " is given more than once; reading it once\n";
      continue;
    }
    auto store = storage::Store::Open(dir, storage::OpenMode::kOpenExisting, open_options);
    if (!store.ok()) {
      std::cerr << "newscrawl: " << store.error().message << "\n";
      return std::nullopt;
    }
    stores.push_back(std::move(*store));
    opened.push_back(dir);
  }
  return stores;
}

namespace {

// "100M" -> 104857600; nullopt when malformed or zero.
std::optional<uint64_t> ParseSize(const std::string& text) {
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text[0]))) return std::nullopt;
  size_t used = 0;
  uint64_t value = 0;
  try {
    value = std::stoull(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::string suffix = text.substr(used);
  uint64_t unit = 1;
  if (suffix == "K" || suffix == "k") unit = 1ULL << 10;
  else if (suffix == "M" || suffix == "m") unit = 1ULL << 20;
  else if (suffix == "G" || suffix == "g") unit = 1ULL << 30;
  else if (!suffix.empty()) return std::nullopt;
  if (value == 0 || value > (UINT64_MAX / unit)) return std::nullopt;
  return value * unit;
}

// --since: an ISO 8601 UTC date or date-time, or a duration back from
// `now_ms` ("90s", "30m", "24h", "7d"). Unix ms; nullopt when malformed.
std::optional<int64_t> ParseSince(const std::string& text, int64_t now_ms) {
  if (!text.empty() && std::isdigit(static_cast<unsigned char>(text[0])) &&
      std::string_view("smhd").find(text.back()) != std::string_view::npos &&
      text.find('-') == std::string::npos) {
    const std::string number = text.substr(0, text.size() - 1);
    if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos ||
        number.size() > 9) {
      return std::nullopt;
    }
    const int64_t unit_ms = text.back() == 's'   ? 1000
                            : text.back() == 'm' ? 60'000
                            : text.back() == 'h' ? 3'600'000
                                                 : 86'400'000;
    return now_ms - std::stoll(number) * unit_ms;
  }
  std::tm tm{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char tail[8] = {};
  const int fields = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%7s", &year, &month, &day,
                                 &hour, &minute, &second, tail);
  const bool date_only = fields == 3 && text.size() == 10;
  const bool date_time = fields == 7 && std::string_view(tail) == "Z";
  if (!date_only && !date_time) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

// crawl.warc.gz -> crawl-00001.warc.gz (the first file keeps its name).
std::string NumberedName(const std::string& out, int index) {
  if (index == 0) return out;
  char number[16];
  std::snprintf(number, sizeof number, "-%05d", index);
  const std::filesystem::path path(out);
  std::string name = path.filename().string();
  size_t dot = name.find('.');
  if (dot == 0 || dot == std::string::npos) dot = name.size();
  name.insert(dot, number);
  return (path.parent_path() / name).string();
}

}  // namespace

int RunExport(const ExportFlags& flags) {
  storage::ExportOptions options;
  // articles: written here (storage does not decode articles), with the
  // filters of the page formats.
  const bool articles = flags.format == "articles";
  std::optional<storage::ExportFormat> format =
      articles ? storage::ExportFormat::kJsonl : storage::ParseExportFormat(flags.format);
  if (!format) {
    std::cerr << "newscrawl: export: unknown format '" << flags.format << "' (formats: "
              << storage::kExportFormatNames << ", articles)\n";
    return kExitUsage;
  }
  if (articles && (flags.by_host || flags.header || flags.with_body || !flags.roles.empty() ||
                   flags.followed_only || !flags.max_size.empty())) {
    std::cerr << "newscrawl: export: --format articles takes --host, --since and --out only\n";
    return kExitUsage;
  }
  options.format = *format;
  Result<std::vector<LinkRole>> roles = storage::ParseRoleList(flags.roles);
  if (!roles) {
    std::cerr << "newscrawl: export: " << roles.error().message << "\n";
    return kExitUsage;
  }
  options.filter.roles = std::move(*roles);
  options.filter.followed_only = flags.followed_only;
  options.filter.host_patterns = flags.host_patterns;
  options.header = flags.header;
  options.by_host = flags.by_host;
  options.with_body = flags.with_body;
  if (!flags.no_titles) {
    options.title = [](std::string_view html) { return ExtractLinks(html).title; };
  }

  if (!flags.since.empty()) {
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    options.filter.since_ms = ParseSince(flags.since, now_ms);
    if (!options.filter.since_ms) {
      std::cerr << "newscrawl: export: --since '" << flags.since
                << "': a UTC date (2026-12-05), date-time (2026-12-05T04:00:00Z) or a duration "
                   "back from now (30m, 24h, 7d)\n";
      return kExitUsage;
    }
  }
  const bool to_file = !flags.out_file.empty() && flags.out_file != "-";
  std::vector<std::unique_ptr<std::ofstream>> rolled_files;
  if (!flags.max_size.empty()) {
    std::optional<uint64_t> max_size = ParseSize(flags.max_size);
    if (!max_size) {
      std::cerr << "newscrawl: export: --max-size '" << flags.max_size
                << "': a positive size in bytes, or with K, M, G (100M)\n";
      return kExitUsage;
    }
    if (!to_file) {
      std::cerr << "newscrawl: export: --max-size needs --out FILE (the numbered files are "
                   "named after it)\n";
      return kExitUsage;
    }
    options.warc_files.max_size = *max_size;
    options.warc_files.name = [out = flags.out_file](int index) {
      return std::filesystem::path(NumberedName(out, index)).filename().string();
    };
    options.warc_files.open = [&rolled_files, out = flags.out_file](int index) -> std::ostream* {
      const std::string name = NumberedName(out, index);
      errno = 0;
      auto file = std::make_unique<std::ofstream>(name, std::ios::binary | std::ios::trunc);
      if (!*file) {
        std::cerr << "newscrawl: export: cannot write " << name << ": "
                  << (errno != 0 ? std::strerror(errno) : "open failed") << "\n";
        return nullptr;
      }
      rolled_files.push_back(std::move(file));
      return rolled_files.back().get();
    };
  } else if (to_file) {
    options.warc_files.name = [out = std::filesystem::path(flags.out_file).filename().string()](
                                  int) { return out; };
  }

  auto stores = OpenStoresReadOnly(flags.store_dirs, "export");
  if (!stores) return kExitFailure;
  std::vector<const storage::Store*> store_list;
  for (const auto& store : *stores) store_list.push_back(store.get());
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (to_file) {
    errno = 0;
    file.open(flags.out_file, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "newscrawl: export: cannot write " << flags.out_file << ": "
                << (errno != 0 ? std::strerror(errno) : "open failed") << "\n";
      return kExitFailure;
    }
    out = &file;
  }
  errno = 0;
  Status s = articles ? ExportArticles(store_list, options.filter, *out)
                      : storage::Export(store_list, options, *out);
  if (!s.ok()) {
    std::string reason = s.error().message;
    if (s.error().code == "export.write" && errno != 0) reason += ": " + std::string(std::strerror(errno));
    std::cerr << "newscrawl: export " << flags.format << ": " << reason << "\n";
    file.close();
    // No half file that looks whole; but only a regular file is ours to
    // remove (never a device or a pipe given as --out).
    std::error_code ignored;
    if (to_file && std::filesystem::is_regular_file(flags.out_file, ignored)) {
      std::filesystem::remove(flags.out_file, ignored);
    }
    return s.error().code == "export.usage" ? kExitUsage : kExitFailure;
  }
  return kExitOk;
}

}  // namespace nc
