// `newscrawl status --failed [--json]`: every URL whose outcome is a
// failure (common/failure_reason.h), with its reason, attempts and the time
// of its last attempt, read from one snapshot of the store.
#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include "common/failure_reason.h"
#include "crawler/cli/cli.h"
#include "crawler/cli/commands.h"
#include "storage/export_text.h"
#include "storage/snapshot.h"
#include "storage/store.h"

namespace nc {

namespace {

struct FailedUrl {
  std::string url;
  FailureReason reason = FailureReason::kNone;
  uint16_t http_status = 0;
  uint32_t attempts = 0;
  int64_t last_ms = 0;
  std::string error;
};

std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string Detail(const FailedUrl& f) {
  if (!f.error.empty()) return OneLine(f.error);
  if (f.http_status != 0) return "HTTP " + std::to_string(f.http_status);
  return std::string(FailureReasonText(f.reason));
}

void PrintJson(const std::string& store_dir, const std::map<std::string, uint64_t>& counts,
               const std::vector<FailedUrl>& failed) {
  namespace text = storage::export_text;
  std::string out = "{\"store\":";
  text::AppendJsonString(store_dir, &out);
  out += ",\"by_reason\":{";
  bool first = true;
  for (const auto& [label, n] : counts) {
    if (!first) out += ",";
    first = false;
    text::AppendJsonString(label, &out);
    out += ":" + std::to_string(n);
  }
  out += "},\"failed\":[";
  for (size_t i = 0; i < failed.size(); ++i) {
    const FailedUrl& f = failed[i];
    out += i == 0 ? "{\"url\":" : ",{\"url\":";
    text::AppendJsonString(f.url, &out);
    out += ",\"reason\":";
    text::AppendJsonString(FailureReasonName(f.reason), &out);
    out += ",\"http_status\":" + std::to_string(f.http_status);
    out += ",\"attempts\":" + std::to_string(f.attempts);
    out += ",\"last_attempt\":";
    text::AppendJsonString(text::IsoTime(f.last_ms), &out);
    out += ",\"error\":";
    text::AppendJsonString(Detail(f), &out);
    out += "}";
  }
  out += "]}\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
}

}  // namespace

int RunStatusFailed(storage::Store& store, const std::string& store_dir, bool json) {
  auto snapshot = storage::StoreSnapshot::Begin(store);
  if (!snapshot.ok()) {
    std::cerr << "newscrawl: " << snapshot.error().message << "\n";
    return kExitFailure;
  }
  std::vector<FailedUrl> failed;
  std::map<std::string, uint64_t> counts;
  Status s = snapshot->ForEachUrl([&](const storage::UrlView& url) {
    if (url.page == nullptr) return true;
    const storage::PageView& page = *url.page;
    const FailureReason reason = storage::FailureOf(page.kind, page.http_status, page.reason);
    if (reason == FailureReason::kNone) return true;
    ++counts[FailureLabel(reason, page.http_status)];
    failed.push_back(FailedUrl{std::string(url.url), reason, page.http_status, page.attempts,
                               page.fetch_end_ms, std::string(page.error)});
    return true;
  });
  if (!s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return kExitFailure;
  }
  if (json) {
    PrintJson(store_dir, counts, failed);
    return kExitOk;
  }
  // reason, attempts, last attempt (UTC), URL, detail: tab-separated.
  for (const FailedUrl& f : failed) {
    std::printf("%s\t%u\t%s\t%s\t%s\n", FailureLabel(f.reason, f.http_status).c_str(), f.attempts,
                storage::export_text::IsoTime(f.last_ms).c_str(), f.url.c_str(),
                Detail(f).c_str());
  }
  std::string summary;
  for (const auto& [label, n] : counts) {
    summary += (summary.empty() ? "" : ", ") + label + " " + std::to_string(n);
  }
  std::fprintf(stderr, "newscrawl: %zu failed URL(s)%s%s\n", failed.size(),
               summary.empty() ? "" : ": ", summary.c_str());
  return kExitOk;
}

}  // namespace nc
