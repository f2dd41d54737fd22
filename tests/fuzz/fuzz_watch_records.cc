// Fuzz target for watch mode's records read back from a store
// (storage/watch_schema.h): the `watch` value a resumed or `watch` job
// trusts for its re-poll schedule and validators, the `first_seen` value
// exports print, and the `versions` value of a page's history. A damaged
// or foreign store may hold any bytes there. Checks properties: a decoded
// value re-encodes to bytes that decode to the same value; anything else
// is a store.corrupt error, never a crash.
#include <cstdint>
#include <string_view>

#include "storage/watch_schema.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

namespace {

namespace schema = nc::storage::schema;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = nc::fuzz::InputText(data, size);

  nc::Result<schema::WatchValue> watch = schema::DecodeWatchValue(bytes);
  if (nc::fuzz::DecodedOrFailedWith(watch, "store.corrupt")) {
    Check(watch->url.empty());  // the key's id names the page, not the value
    nc::Result<schema::WatchValue> round = schema::DecodeWatchValue(schema::EncodeWatchValue(*watch));
    Check(round.ok() && *round == *watch);
  }

  nc::Result<schema::FirstSeenValue> seen = schema::DecodeFirstSeenValue(bytes);
  if (nc::fuzz::DecodedOrFailedWith(seen, "store.corrupt")) {
    nc::Result<schema::FirstSeenValue> round =
        schema::DecodeFirstSeenValue(schema::EncodeFirstSeenValue(*seen));
    Check(round.ok() && round->first_seen_ms == seen->first_seen_ms &&
          round->announcer_id == seen->announcer_id);
  }

  nc::Result<schema::VersionValue> version = schema::DecodeVersionValue(bytes);
  if (nc::fuzz::DecodedOrFailedWith(version, "store.corrupt")) {
    Check(version->http_status <= 999);
    nc::Result<schema::VersionValue> round =
        schema::DecodeVersionValue(schema::EncodeVersionValue(*version));
    Check(round.ok() && round->http_status == version->http_status &&
          round->body_hash == version->body_hash);
  }
  return 0;
}
