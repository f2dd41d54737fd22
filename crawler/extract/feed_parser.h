#pragma once
// Feeds and sitemaps: reads an XML sitemap (urlset, with the Google News
// extension), a sitemap index, an RSS 2.0 (or RSS 1.0/RDF) feed or an Atom
// feed and lists the URLs it announces. libxml2's streaming reader does the
// parsing with the network off, no DTD loading and no entity expansion, so a
// hostile document cannot make it read files, reach the network or blow up.
// A body that starts with the gzip magic (a .xml.gz sitemap served without
// Content-Encoding) is gunzipped first, bounded like the XML itself.
//
// Pure apart from a one-time libxml2 initialisation (which also installs an
// external-entity loader that refuses everything): safe from any thread.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace nc {

enum class FeedKind : uint8_t {
  kUnknown = 0,       // well-formed XML, but not a format we read: no entries
  kUrlset = 1,        // sitemap <urlset>: pages (articles)
  kSitemapIndex = 2,  // <sitemapindex>: more sitemaps
  kRss = 3,           // RSS 2.0 <rss>, or RSS 1.0 <rdf:RDF>
  kAtom = 4,          // Atom <feed>
};

struct FeedEntry {
  std::string url;        // as written (trimmed), not yet resolved
  std::string title;      // whitespace collapsed, <= 512 bytes; may be empty
  std::string published;  // as written: news:publication_date / lastmod,
                          // pubDate / dc:date, Atom published / updated; may be empty
};

struct FeedDocument {
  FeedKind kind = FeedKind::kUnknown;
  std::vector<FeedEntry> entries;  // document order; entries without a URL are dropped
  // Set when reading stopped early but entries were already found (malformed
  // XML after them, input or entry limit reached): the entries are kept —
  // a sitemap cut in the middle still names real articles — and this says
  // why the rest is missing. Empty when the whole document was read.
  std::string incomplete;
};

struct FeedLimits {
  // Bytes of XML read (after gunzip); the rest is ignored and the document
  // marked incomplete. The sitemap protocol caps a sitemap at 50 MB
  // uncompressed. Default: 50 MiB.
  size_t max_bytes = size_t{50} << 20;
  // Entries kept; the sitemap protocol caps a sitemap at 50,000 URLs.
  // Default: 50000.
  size_t max_entries = 50000;
};

// Errors: "feed.gzip" (corrupt gzip body), "feed.xml" (malformed XML before
// any entry, with libxml2's message and line: "feed: line 3: Opening and
// ending tag mismatch: loc line 3 and url").
Result<FeedDocument> ParseFeed(std::string_view body, const FeedLimits& limits = {});

std::string_view FeedKindName(FeedKind kind);

}  // namespace nc
