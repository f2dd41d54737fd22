// `export --format articles`: one JSON object per line for every article
// the crawl stored (crawler/article_record.h), streamed from each store's
// `articles` database in url id order: one article in memory at a time.
// Filters: --host (the article page's host) and --since (its fetch time).

#include "crawler/cli/export_articles.h"

#include <string>

#include "crawler/article_record.h"
#include "crawler/extract/article.h"
#include "storage/body_codec.h"

namespace nc {

Status ExportArticles(const std::vector<const storage::Store*>& stores,
                      const storage::ExportFilter& filter, std::ostream& out) {
  std::string line;
  for (const storage::Store* store : stores) {
    Status written = Status::Ok();
    Status s = store->ForEachArticle([&](const storage::Store::ArticleEntry& entry) {
      if (!filter.KeepsUrl(entry.url)) return true;
      if (filter.since_ms && entry.fetch_start_ms < *filter.since_ms) return true;
      // A version-3 article's paragraphs are references into its page body.
      std::string page_body;
      if (ArticleRecordReadsPageBody(entry.value)) {
        Result<std::string> body = storage::DecompressBody(entry.page_body_zstd);
        if (!body) {
          written = MakeError("store.corrupt", std::string(entry.url) + ": " + body.error().message);
          return false;
        }
        page_body = std::move(*body);
      }
      Result<Article> article = DecodeArticleRecord(entry.value, page_body);
      if (!article) {
        written = MakeError("store.corrupt", std::string(entry.url) + ": " + article.error().message);
        return false;
      }
      // The article's own JSON (crawler/extract/article.h) with the fetch
      // time of its page in front: {"fetched_ms":...,"url":...}.
      const std::string json = ArticleToJson(*article);
      line.assign("{\"fetched_ms\":");
      line.append(std::to_string(entry.fetch_start_ms));
      if (json.size() > 2) line.push_back(',');
      line.append(json, 1);
      line.push_back('\n');
      out.write(line.data(), static_cast<std::streamsize>(line.size()));
      if (!out) {
        written = MakeError("export.write", "writing the output failed");
        return false;
      }
      return true;
    });
    if (!s) return s;
    if (!written) return written;
  }
  out.flush();
  if (!out) return MakeError("export.write", "writing the output failed");
  return Status::Ok();
}

}  // namespace nc
