// Fuzzes the stored article decoder (crawler/article_record.h), which reads
// store files: any bytes give an Article or an Error, never a crash or a
// huge allocation, and what decodes encodes and decodes again to the same
// article.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crawler/article_record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  nc::Result<nc::Article> article = nc::DecodeArticleRecord(bytes);
  if (!article.ok()) {
    if (article.error().code != "store.corrupt") std::abort();
    return 0;
  }
  // Varints may be written in a longer form than the encoder's: compare
  // the decoded article, not the bytes.
  nc::Result<nc::Article> again = nc::DecodeArticleRecord(nc::EncodeArticleRecord(*article));
  if (!again.ok() || nc::ArticleToJson(*again) != nc::ArticleToJson(*article)) std::abort();
  return 0;
}
