// Store: readers of the articles (storage/article_log.h: the `article_log`
// database, and `articles` of older stores). The writes are in
// store_write.cc, in the page's own batch transaction. The values are
// opaque here: crawler/article_record.h encodes and decodes them. Any
// thread.

#include "storage/article_log.h"
#include "storage/schema.h"
#include "storage/store_impl.h"

namespace nc::storage {

Result<std::optional<std::string>> Store::GetArticle(std::string_view url) const {
  if (url.empty()) return std::optional<std::string>();
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  const lmdb::Txn& txn = read->txn;
  Result<std::optional<schema::UrlIdValue>> id = impl_->LookupUrl(txn, url);
  if (!id) return id.error();
  if (!*id) return std::optional<std::string>();
  Result<std::optional<std::string_view>> value = article_log::Get(*impl_, txn, (*id)->id);
  if (!value) return value.error();
  if (!*value) return std::optional<std::string>();
  return std::optional<std::string>(std::string(**value));
}

Status Store::ForEachArticle(const std::function<bool(const ArticleEntry&)>& fn) const {
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  const lmdb::Txn& txn = read->txn;
  return article_log::ForEach(
      *impl_, txn, [&](uint64_t id, std::string_view value) -> Result<bool> {
        Result<std::string_view> url = impl_->UrlOf(txn, id);
        if (!url) return url.error();
        ArticleEntry entry{*url, 0, value, {}};
        Result<std::optional<std::string_view>> page =
            impl_->dbs.pages.Get(txn, schema::IdKey(id));
        if (!page) return impl_->Context(page.error());
        if (*page) {
          Result<schema::DecodedPage> decoded = schema::DecodePage(**page);
          if (!decoded) {
            return impl_->Corrupt("pages value of url id " + std::to_string(id),
                                  decoded.error());
          }
          entry.fetch_start_ms = decoded->header.fetch_start_ms;
          entry.page_body_zstd = decoded->body_zstd;
        }
        return fn(entry);
      });
}

}  // namespace nc::storage
