#pragma once
// JSON-LD (<script type="application/ld+json">) facts about a news article:
// the first schema.org object whose @type names an article (NewsArticle,
// Article, ReportageNewsArticle, BlogPosting, LiveBlogPosting, ...), found at
// the top level, in a top-level array, in an "@graph" or as the "mainEntity"
// of a WebPage; an author given as {"@id": ...} is the name of the node of
// the same script with that @id. Parsed with
// Boost.JSON (comments and trailing commas allowed, depth capped); a script
// that is not JSON, or holds no article, is recorded as a problem and
// otherwise ignored. Pure, safe from any thread.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nc {

struct JsonLdArticle {
  bool found = false;          // an article object was seen
  std::string type;            // its @type ("NewsArticle")
  std::string headline;        // headline, else name
  std::string date_published;  // as written (ISO 8601 expected)
  std::string date_modified;
  std::vector<std::string> authors;  // author names (strings, {"name":...} or {"@id":...})
  std::string in_language;           // inLanguage (string or {"name"|"alternateName"})
  std::string section;               // articleSection (first, if a list)
  std::string url;                   // url, else mainEntityOfPage (string or {"@id"})
  std::string article_body;          // articleBody, when the publisher gives it
};

// Scripts larger than this are not parsed (a problem is recorded).
inline constexpr size_t kMaxJsonLdBytes = 1 << 20;

// Reads one script's text into `article` (fields already set are kept: the
// first script that names a field wins) and appends what went wrong to
// `problems` ("json-ld: syntax error at byte 17").
void ReadJsonLd(std::string_view script, JsonLdArticle& article,
                std::vector<std::string>& problems);

}  // namespace nc
