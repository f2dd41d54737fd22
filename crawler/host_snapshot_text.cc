#include "crawler/host_snapshot_text.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace nc {
namespace {

constexpr size_t kFields = 11;

std::string Field(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

template <class Int>
bool ParseInt(std::string_view text, Int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

bool ParseDouble(std::string_view text, double& out) {
  // from_chars for double needs GCC 11+; strtod on a copy is enough here.
  std::string copy(text);
  char* end = nullptr;
  out = std::strtod(copy.c_str(), &end);
  return !copy.empty() && end == copy.c_str() + copy.size();
}

}  // namespace

std::string EncodeHostSnapshot(const std::vector<HostSnapshotRow>& rows, int64_t written_ms) {
  std::string out = "#written_ms=" + std::to_string(written_ms) + "\n";
  for (const HostSnapshotRow& row : rows) {
    const HostSnapshot& h = row.host;
    out += Field(h.host_key) + '\t' + std::to_string(h.queued_in_memory) + '\t' +
           (h.store_may_have_more ? "1" : "0") + '\t' + std::to_string(h.in_flight) + '\t' +
           Number(row.wait_seconds) + '\t' + Number(h.delay_seconds) + '\t' +
           Field(h.delay_reason) + '\t' + std::to_string(h.consecutive_failures) + '\t' +
           Field(h.parked_reason) + '\t' + Field(h.robots_state) + '\t' + (row.active ? "1" : "0") +
           '\n';
  }
  return out;
}

std::vector<HostSnapshotRow> DecodeHostSnapshot(std::string_view text, int64_t* written_ms) {
  std::vector<HostSnapshotRow> rows;
  if (written_ms) *written_ms = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.starts_with("#written_ms=")) {
      if (written_ms) (void)ParseInt(line.substr(12), *written_ms);
      continue;
    }
    std::vector<std::string_view> f;
    while (f.size() < kFields) {
      const size_t tab = line.find('\t');
      f.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line = line.substr(tab + 1);
    }
    if (f.size() != kFields || f[0].empty()) continue;
    HostSnapshotRow row;
    HostSnapshot& h = row.host;
    h.host_key = std::string(f[0]);
    if (!ParseInt(f[1], h.queued_in_memory) || !ParseInt(f[3], h.in_flight) ||
        !ParseDouble(f[4], row.wait_seconds) || !ParseDouble(f[5], h.delay_seconds) ||
        !ParseInt(f[7], h.consecutive_failures)) {
      continue;
    }
    h.store_may_have_more = f[2] == "1";
    h.delay_reason = std::string(f[6]);
    h.parked_reason = std::string(f[8]);
    h.robots_state = std::string(f[9]);
    row.active = f[10] == "1";
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace nc
