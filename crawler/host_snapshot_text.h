#pragma once
// The per-host politeness state a crawl leaves in store meta (key
// storage::schema::kHostSnapshotKey) for `newscrawl status --hosts`: the
// live scheduler lives only in the crawler process, so the engine writes
// this every few seconds and at the end of a run, and the status command
// reads it back.
//
// Text, one host per line, tab-separated, after a "#written_ms=N" line:
//   host queued more_in_store in_flight wait_s delay_s delay_reason failures
//   parked_reason robots_state active
// Tabs and newlines inside fields are replaced by spaces. `active` is 0 for a
// host the scheduler has dropped from memory (its other fields are the last
// ones seen). Pure functions, any thread.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "frontier/scheduler.h"

namespace nc {

struct HostSnapshotRow {
  HostSnapshot host;        // next_allowed is not kept: see wait_seconds
  double wait_seconds = 0;  // until next_allowed, when written
  bool active = true;       // held by the scheduler when written
};

std::string EncodeHostSnapshot(const std::vector<HostSnapshotRow>& rows, int64_t written_ms);
// Malformed lines are skipped (the value may come from another version).
std::vector<HostSnapshotRow> DecodeHostSnapshot(std::string_view text, int64_t* written_ms);

}  // namespace nc
