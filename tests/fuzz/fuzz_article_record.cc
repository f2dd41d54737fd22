// Fuzzes the stored article decoder (crawler/article_record.h), which reads
// store files: any bytes give an Article or an Error, never a crash, a read
// outside the page body (version 3) or a huge allocation, and what decodes
// encodes and decodes again to the same article.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crawler/article_record.h"

// The page body a version-3 value's paragraphs are copied from.
constexpr std::string_view kPageBody =
    "<html><body><article><p>Le gouvernement a pr\xC3\xA9sent\xC3\xA9 mercredi ses "
    "mesures &amp; annonces.</p>\n<p>Une deuxi\xC3\xA8me phrase.</p></article></body></html>";

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  nc::Result<nc::Article> article = nc::DecodeArticleRecord(bytes, kPageBody);
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
