#include "crawler/extract/feed_parser.h"

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdarg>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>

#include "common/enum_table.h"
#include "crawler/extract/content_decoding.h"
#include "crawler/extract/html_text.h"
#include "frontier/url.h"

namespace nc {
namespace {

constexpr size_t kMaxTitleBytes = 512;
constexpr size_t kMaxPublishedBytes = 64;
constexpr std::string_view kGoogleNewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
constexpr std::string_view kDublinCoreNs = "http://purl.org/dc/elements/1.1/";

// Refuses every external entity and DTD: documents from the web never get
// to name files or URLs for libxml2 to open. XML_PARSE_NONET and leaving
// XML_PARSE_NOENT / XML_PARSE_DTDLOAD off already avoid loading them; this
// guards against a libxml2 code path that would load one anyway.
xmlParserInputPtr RefuseExternalEntity(const char* /*url*/, const char* /*id*/,
                                       xmlParserCtxtPtr /*context*/) {
  return nullptr;
}

// libxml2 wants one initialisation before it is used from several threads.
void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(RefuseExternalEntity);
  });
}

std::string_view View(const xmlChar* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

struct ReaderDeleter {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};
using ReaderPtr = std::unique_ptr<xmlTextReader, ReaderDeleter>;

// The first error libxml2 reports, with its line.
struct XmlErrorState {
  std::string message;
  int line = 0;
};

void OnXmlError(void* user_data, xmlErrorPtr error) {
  auto* state = static_cast<XmlErrorState*>(user_data);
  if (error == nullptr || error->level < XML_ERR_ERROR || !state->message.empty()) return;
  std::string_view text = error->message ? std::string_view(error->message) : "XML error";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  state->message = std::string(text.substr(0, 200));
  state->line = error->line;
}

// Messages libxml2 sends to its "generic" channel (encoding conversion
// errors) instead of the reader's handler. The default handler prints to
// stderr from worker threads; this keeps the first one for the error
// instead. libxml2 keeps this handler per thread, so the guard below
// installs it around one parse and restores what was there.
void OnGenericXmlError(void* user_data, const char* format, ...) {
  auto* state = static_cast<XmlErrorState*>(user_data);
  if (!state->message.empty() || format == nullptr) return;
  char buffer[256];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  std::string_view text(buffer);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  state->message = std::string(text);
}

class GenericErrorGuard {
 public:
  explicit GenericErrorGuard(XmlErrorState* state)
      : saved_handler_(xmlGenericError), saved_context_(xmlGenericErrorContext) {
    xmlSetGenericErrorFunc(state, OnGenericXmlError);
  }
  ~GenericErrorGuard() { xmlSetGenericErrorFunc(saved_context_, saved_handler_); }
  GenericErrorGuard(const GenericErrorGuard&) = delete;
  GenericErrorGuard& operator=(const GenericErrorGuard&) = delete;

 private:
  xmlGenericErrorFunc saved_handler_;
  void* saved_context_;
};

// Which entry field a text capture fills, and how strongly: a later source
// of higher priority replaces an earlier one (news:title over title).
enum class Field : uint8_t { kNone, kUrl, kTitle, kPublished };

struct Capture {
  Field field = Field::kNone;
  int priority = 0;
  int depth = -1;  // element depth whose end closes the capture
};

// Streams the document once, keeping only the entry being read.
class FeedReader {
 public:
  FeedReader(xmlTextReader* reader, size_t max_entries)
      : reader_(reader), max_entries_(max_entries) {}

  // False when reading stopped on an XML error (reported by the handler).
  bool Run(FeedDocument& doc) {
    int rc;
    while ((rc = xmlTextReaderRead(reader_)) == 1) {
      switch (xmlTextReaderNodeType(reader_)) {
        case XML_READER_TYPE_ELEMENT:
          if (!OnStart(doc)) return true;
          break;
        case XML_READER_TYPE_END_ELEMENT:
          OnEnd(xmlTextReaderDepth(reader_), doc);
          break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          if (capture_.field != Field::kNone) text_.Append(View(xmlTextReaderConstValue(reader_)));
          break;
        default:
          break;  // entity references stay unexpanded and add nothing
      }
      if (doc.entries.size() >= max_entries_) {
        doc.incomplete = "more than " + std::to_string(max_entries_) + " entries: the rest ignored";
        return true;
      }
    }
    return rc == 0;
  }

 private:
  // False when the document is not a format we read (stop early).
  bool OnStart(FeedDocument& doc) {
    const int depth = xmlTextReaderDepth(reader_);
    const std::string_view local = View(xmlTextReaderConstLocalName(reader_));
    const std::string_view ns = View(xmlTextReaderConstNamespaceUri(reader_));
    const bool empty = xmlTextReaderIsEmptyElement(reader_) == 1;
    if (depth == 0) {
      if (local == "urlset") doc.kind = FeedKind::kUrlset;
      else if (local == "sitemapindex") doc.kind = FeedKind::kSitemapIndex;
      else if (local == "rss" || local == "RDF") doc.kind = FeedKind::kRss;
      else if (local == "feed") doc.kind = FeedKind::kAtom;
      return doc.kind != FeedKind::kUnknown;
    }
    if (entry_depth_ < 0) {
      if (IsEntryElement(doc.kind, local, depth)) {
        entry_depth_ = depth;
        entry_ns_ = std::string(ns);
        entry_ = FeedEntry();
        ranks_ = {};
        if (empty) EndEntry(doc);
      }
      return true;
    }
    if (capture_.field != Field::kNone) return true;  // markup inside a captured field
    const bool own = ns == entry_ns_ && depth == entry_depth_ + 1;
    Capture next;
    next.depth = depth;
    if (own && (local == "loc" || local == "link") && doc.kind != FeedKind::kAtom) {
      next = {Field::kUrl, 2, depth};
    } else if (own && local == "guid" && doc.kind == FeedKind::kRss) {
      // A permalink guid stands in for a missing <link>.
      auto perma = Attribute("isPermaLink");
      if (!perma || *perma != "false") next = {Field::kUrl, 1, depth};
    } else if (own && local == "link" && doc.kind == FeedKind::kAtom) {
      OnAtomLink();
    } else if (own && local == "title") {
      next = {Field::kTitle, 1, depth};
    } else if (ns == kGoogleNewsNs && local == "title") {
      next = {Field::kTitle, 2, depth};
    } else if (ns == kGoogleNewsNs && local == "publication_date") {
      next = {Field::kPublished, 4, depth};
    } else if (own && (local == "pubDate" || local == "published")) {
      next = {Field::kPublished, 3, depth};
    } else if (ns == kDublinCoreNs && local == "date") {
      next = {Field::kPublished, 2, depth};
    } else if (own && (local == "updated" || local == "lastmod")) {
      next = {Field::kPublished, 1, depth};
    }
    if (next.field != Field::kNone && next.priority > Rank(next.field) && !empty) {
      capture_ = next;
      text_.Clear();
    }
    return true;
  }

  void OnEnd(int depth, FeedDocument& doc) {
    if (capture_.field != Field::kNone && depth == capture_.depth) {
      Store(capture_.field, capture_.priority, text_.Take());
      capture_ = Capture();
    }
    if (depth == entry_depth_) EndEntry(doc);
  }

  static bool IsEntryElement(FeedKind kind, std::string_view local, int depth) {
    switch (kind) {
      case FeedKind::kUrlset: return depth == 1 && local == "url";
      case FeedKind::kSitemapIndex: return depth == 1 && local == "sitemap";
      case FeedKind::kRss: return local == "item";  // rss/channel/item, or rdf:RDF/item
      case FeedKind::kAtom: return depth == 1 && local == "entry";
      case FeedKind::kUnknown: return false;
    }
    return false;
  }

  // <link href> of an Atom entry: rel="alternate", or no rel (which means
  // alternate), is the page the entry is about.
  void OnAtomLink() {
    auto rel = Attribute("rel");
    if (rel && *rel != "alternate") return;
    if (auto href = Attribute("href")) {
      CollapsedText text(kMaxUrlLength + 1);
      text.Append(*href);
      Store(Field::kUrl, 2, text.Take());
    }
  }

  std::optional<std::string> Attribute(const char* name) {
    xmlChar* value = xmlTextReaderGetAttribute(reader_, reinterpret_cast<const xmlChar*>(name));
    if (value == nullptr) return std::nullopt;
    std::string out(View(value));
    xmlFree(value);
    return out;
  }

  int& Rank(Field field) {
    switch (field) {
      case Field::kUrl: return ranks_[0];
      case Field::kTitle: return ranks_[1];
      default: return ranks_[2];
    }
  }

  void Store(Field field, int priority, std::string value) {
    if (value.empty() || priority <= Rank(field)) return;
    switch (field) {
      case Field::kUrl:
        if (value.size() > kMaxUrlLength) return;  // cut by the cap: not the real URL
        entry_.url = std::move(value);
        break;
      case Field::kTitle: {
        // The shared capture buffer is capped for URLs, not titles: cut to
        // the promised 512 bytes at a UTF-8 boundary (value is already collapsed).
        CollapsedText title(kMaxTitleBytes);
        title.Append(value);
        entry_.title = title.Take();
        break;
      }
      case Field::kPublished:
        value.resize(std::min(value.size(), kMaxPublishedBytes));
        entry_.published = std::move(value);
        break;
      case Field::kNone:
        return;
    }
    Rank(field) = priority;
  }

  void EndEntry(FeedDocument& doc) {
    entry_depth_ = -1;
    capture_ = Capture();
    if (!entry_.url.empty()) doc.entries.push_back(std::move(entry_));
  }

  xmlTextReader* const reader_;
  const size_t max_entries_;
  int entry_depth_ = -1;
  std::string entry_ns_;
  FeedEntry entry_;
  std::array<int, 3> ranks_{};
  Capture capture_;
  // Captured text; the cap is the largest field (a URL one byte over the
  // limit is recognised as too long and dropped).
  CollapsedText text_{kMaxUrlLength + 1};
};

}  // namespace

std::string_view FeedKindName(FeedKind kind) {
  static constexpr auto kNames = MakeEnumNames<FeedKind>(
      {{FeedKind::kUnknown, "unknown"}, {FeedKind::kUrlset, "urlset"},
       {FeedKind::kSitemapIndex, "sitemapindex"}, {FeedKind::kRss, "rss"},
       {FeedKind::kAtom, "atom"}});
  return kNames.Get(kind, "unknown");
}

Result<FeedDocument> ParseFeed(std::string_view body, const FeedLimits& limits) {
  InitLibxml();
  FeedDocument doc;
  std::string gunzipped;
  if (HasGzipMagic(body)) {
    auto decoded = DecodeContent("gzip", std::string(body), limits.max_bytes);
    if (!decoded.ok()) return MakeError("feed.gzip", "feed: " + decoded.error().message);
    gunzipped = std::move(decoded->bytes);
    body = gunzipped;
    if (decoded->truncated) {
      doc.incomplete = "gunzipped body cut at " + std::to_string(limits.max_bytes) + " bytes";
    }
  }
  const size_t max_bytes = std::min<size_t>(limits.max_bytes, INT_MAX);
  if (body.size() > max_bytes) {
    body = body.substr(0, max_bytes);
    doc.incomplete = "input cut at " + std::to_string(max_bytes) + " bytes";
  }
  // NONET: no network; no NOENT (entities stay references), no DTDLOAD /
  // DTDATTR / DTDVALID (the DTD is never fetched), no HUGE (libxml2 keeps
  // its limits on names, text nodes and nesting depth).
  constexpr int kOptions =
      XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  ReaderPtr reader(xmlReaderForMemory(body.data(), static_cast<int>(body.size()), nullptr,
                                      nullptr, kOptions));
  if (!reader) return MakeError("feed.xml", "feed: libxml2 could not create a reader");
  XmlErrorState error;
  GenericErrorGuard generic_errors(&error);
  xmlTextReaderSetStructuredErrorHandler(reader.get(), OnXmlError, &error);
  FeedReader feed(reader.get(), limits.max_entries);
  if (feed.Run(doc)) return doc;
  std::string message = "feed: ";
  if (error.line > 0) message += "line " + std::to_string(error.line) + ": ";
  message += error.message.empty() ? "malformed XML" : error.message;
  if (doc.entries.empty()) return MakeError("feed.xml", message);
  // Entries read before the error are real; keep them and say why the rest is missing.
  if (doc.incomplete.empty()) doc.incomplete = message;
  return doc;
}

}  // namespace nc
