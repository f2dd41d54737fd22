// Fuzz target for watch mode's records read back from a store
// (storage/watch_schema.h): the `watch` value a resumed or `watch` job
// trusts for its re-poll schedule and validators, the `first_seen` value
// exports print, and the `versions` value of a page's history. A damaged
// or foreign store may hold any bytes there. Checks properties: a decoded
// value re-encodes to bytes that decode to the same value; anything else
// is a store.corrupt error, never a crash.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "storage/watch_schema.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

namespace schema = nc::storage::schema;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  nc::Result<schema::WatchValue> watch = schema::DecodeWatchValue(bytes);
  if (watch.ok()) {
    Check(watch->url.empty());  // the key's id names the page, not the value
    nc::Result<schema::WatchValue> round = schema::DecodeWatchValue(schema::EncodeWatchValue(*watch));
    Check(round.ok() && *round == *watch);
  } else {
    Check(watch.error().code == "store.corrupt");
  }

  nc::Result<schema::FirstSeenValue> seen = schema::DecodeFirstSeenValue(bytes);
  if (seen.ok()) {
    nc::Result<schema::FirstSeenValue> round =
        schema::DecodeFirstSeenValue(schema::EncodeFirstSeenValue(*seen));
    Check(round.ok() && round->first_seen_ms == seen->first_seen_ms &&
          round->announcer_id == seen->announcer_id);
  } else {
    Check(seen.error().code == "store.corrupt");
  }

  nc::Result<schema::VersionValue> version = schema::DecodeVersionValue(bytes);
  if (version.ok()) {
    Check(version->http_status <= 999);
    nc::Result<schema::VersionValue> round =
        schema::DecodeVersionValue(schema::EncodeVersionValue(*version));
    Check(round.ok() && round->http_status == version->http_status &&
          round->body_hash == version->body_hash);
  } else {
    Check(version.error().code == "store.corrupt");
  }
  return 0;
}
