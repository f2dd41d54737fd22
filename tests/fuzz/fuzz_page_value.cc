// Fuzz target for the `pages` values read back from a store
// (storage/schema.h DecodePage), every format from 1 to 4: `status`,
// `export` and `cat` decode them from files a damaged or foreign store may
// hold. Checks properties: a decoded value re-encodes (header, then the
// body bytes) to a value that decodes to the same fields.
#include <cstdint>
#include <string>
#include <string_view>

#include "storage/schema.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace schema = nc::storage::schema;
  const std::string_view bytes = nc::fuzz::InputText(data, size);
  nc::Result<schema::DecodedPage> page = schema::DecodePage(bytes);
  if (!nc::fuzz::DecodedOrFailedWith(page, "store.corrupt")) return 0;
  const schema::PageHeader& h = page->header;
  Check(h.exchange_recorded || (h.request.empty() && h.peer_address.empty()));
  Check(h.received_body_differs || h.received_body.empty());
  std::string again;
  schema::EncodePageHeader(h, &again);
  again.append(page->body_zstd);
  nc::Result<schema::DecodedPage> round = schema::DecodePage(again);
  Check(round.ok());
  const schema::PageHeader& r = round->header;
  Check(r.kind == h.kind && r.http_status == h.http_status && r.depth == h.depth &&
        r.fetch_start_ms == h.fetch_start_ms && r.fetch_end_ms == h.fetch_end_ms &&
        r.body_size == h.body_size && r.body_truncated == h.body_truncated && r.error == h.error &&
        r.content_type == h.content_type && r.response_headers == h.response_headers &&
        r.charset == h.charset && r.reason == h.reason && r.attempts == h.attempts &&
        r.request == h.request && r.peer_address == h.peer_address &&
        r.received_body_differs == h.received_body_differs && r.received_body == h.received_body &&
        round->body_zstd == page->body_zstd);
  Check(r.exchange_recorded);  // re-encoded in the current format
  return 0;
}
