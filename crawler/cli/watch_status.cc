#include "crawler/cli/watch_status.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

#include "storage/export_text.h"

namespace nc {
namespace {

std::vector<storage::WatchedPage> ReadWatched(const storage::Store& store) {
  std::vector<storage::WatchedPage> pages;
  // A damaged entry ends the listing; status still shows the rest of the store.
  (void)store.ForEachWatched([&](const storage::WatchedPage& page) {
    pages.push_back(page);
    return true;
  });
  return pages;
}

std::string UtcTime(int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
  return text;
}

}  // namespace

void PrintWatched(const storage::Store& store, int64_t now_ms, size_t max_rows) {
  std::vector<storage::WatchedPage> pages = ReadWatched(store);
  if (pages.empty()) return;
  // Pages never fetched or not given an interval (a job that did not watch
  // yet) are polled as soon as watching starts: they sort first.
  std::stable_sort(pages.begin(), pages.end(), [](const auto& a, const auto& b) {
    return a.next_poll_ms < b.next_poll_ms;
  });
  const size_t articles = static_cast<size_t>(
      std::count_if(pages.begin(), pages.end(), [](const auto& p) { return p.article; }));
  std::printf("watched: %zu pages (seeds, sections, feeds, sitemaps)", pages.size() - articles);
  if (articles > 0) std::printf(" and %zu articles (revisit_articles_after)", articles);
  std::printf("\n");
  size_t shown = 0;
  for (const storage::WatchedPage& p : pages) {
    if (shown++ == max_rows) {
      std::printf("  ... and %zu more (status --json lists them all)\n", pages.size() - max_rows);
      break;
    }
    std::string next = "when watching starts";
    if (p.pending_seq != 0) {
      next = "queued now";
    } else if (p.next_poll_ms != 0) {
      const double in = static_cast<double>(p.next_poll_ms - now_ms) / 1000.0;
      char text[64];
      std::snprintf(text, sizeof text, "%s UTC (%s%.0fs)", UtcTime(p.next_poll_ms).c_str(),
                    in >= 0 ? "in " : "due ", in >= 0 ? in : -in);
      next = text;
    }
    // A job that never watched has no interval yet: say so rather than "every 0.0s".
    char every[48] = "";
    if (p.interval_ms > 0) {
      std::snprintf(every, sizeof every, ", every %.1fs", static_cast<double>(p.interval_ms) / 1000.0);
    }
    std::printf("  next poll %s%s, %llu re-polls (%llu not modified, %llu changed)  %s\n",
                next.c_str(), every, static_cast<unsigned long long>(p.polls),
                static_cast<unsigned long long>(p.not_modified),
                static_cast<unsigned long long>(p.changes), p.url.c_str());
  }
}

std::string WatchedJsonField(const storage::Store& store) {
  const std::vector<storage::WatchedPage> pages = ReadWatched(store);
  if (pages.empty()) return "";
  std::string out = ",\"watched\":[";
  for (size_t i = 0; i < pages.size(); ++i) {
    const storage::WatchedPage& p = pages[i];
    char numbers[256];
    std::snprintf(numbers, sizeof numbers,
                  "\"next_poll_ms\":%lld,\"interval_ms\":%lld,\"last_fetch_ms\":%lld,"
                  "\"polls\":%llu,\"not_modified\":%llu,\"changes\":%llu,\"queued\":%s}",
                  static_cast<long long>(p.next_poll_ms), static_cast<long long>(p.interval_ms),
                  static_cast<long long>(p.last_fetch_ms), static_cast<unsigned long long>(p.polls),
                  static_cast<unsigned long long>(p.not_modified),
                  static_cast<unsigned long long>(p.changes), p.pending_seq != 0 ? "true" : "false");
    if (i > 0) out += ",";
    out += "{\"url\":";
    storage::export_text::AppendJsonString(p.url, &out);
    out += p.article ? ",\"article\":true," : ",";
    out += numbers;
  }
  return out + "]";
}

}  // namespace nc
