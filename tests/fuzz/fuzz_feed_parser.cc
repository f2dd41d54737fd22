// Fuzzes the sitemap/feed parser with arbitrary bytes. Checks the promises of
// crawler/extract/feed_parser.h: no crash, bounded fields, entries only with a URL,
// and no entries from a document of unknown kind.
#include <cstdint>
#include <string_view>

#include "crawler/extract/feed_parser.h"
#include "frontier/url.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body = nc::fuzz::InputText(data, size);
  nc::FeedLimits limits;
  limits.max_entries = 1000;
  const auto doc = nc::ParseFeed(body, limits);
  if (!doc.ok()) {
    Check(!doc.error().message.empty());
    return 0;
  }
  Check(doc->entries.size() <= limits.max_entries);
  if (doc->kind == nc::FeedKind::kUnknown) Check(doc->entries.empty());
  for (const nc::FeedEntry& entry : doc->entries) {
    Check(!entry.url.empty() && entry.url.size() <= nc::kMaxUrlLength);
    Check(entry.title.size() <= 512);
    Check(entry.published.size() <= 64);
  }
  return 0;
}
