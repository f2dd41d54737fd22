#pragma once
// Layouts of watch mode's databases (storage/README.md, "watch",
// "first_seen", "versions", "bodies"): encoders and bounds-checked decoders,
// as schema.h is for the others. Their names are in schema.h, with every
// other database's. Pure functions; any thread.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "storage/records.h"

namespace nc::storage::schema {

// watch: url id -> the state of a watched page (WatchedPage without its url).
using WatchValue = WatchedPage;
std::string EncodeWatchValue(const WatchValue& v);
Result<WatchValue> DecodeWatchValue(std::string_view bytes);

// first_seen: url id -> when the URL was first seen and which URL announced it.
struct FirstSeenValue {
  int64_t first_seen_ms = 0;  // wall clock (of the fetch or robots.txt that linked it; of
                              // the run for seeds)
  uint64_t announcer_id = 0;  // url id of the page that linked it; 0: a seed
};
std::string EncodeFirstSeenValue(const FirstSeenValue& v);
Result<FirstSeenValue> DecodeFirstSeenValue(std::string_view bytes);

// versions: id:be64 fetch_ms:be64 -> one fetch of a watched page.
std::string VersionKey(uint64_t id, int64_t fetch_ms);
struct VersionValue {
  uint16_t http_status = 0;  // 0: no response
  std::string body_hash;     // key in `bodies`; "" when the fetch stored no body (304, error)
};
std::string EncodeVersionValue(const VersionValue& v);
Result<VersionValue> DecodeVersionValue(std::string_view bytes);

// bodies: sha256(zstd frame) -> the frame. Identical versions are stored once.
std::string BodyHash(std::string_view body_zstd);

}  // namespace nc::storage::schema
