#pragma once
// `newscrawl status`: the watched pages of a job (watch mode, issue 14),
// with when each is polled next. Main thread; reads the store only.

#include <string>

#include "storage/store.h"

namespace nc {

// Text lines: a summary, then up to `max_rows` pages, soonest poll first.
// Nothing when the job watches no page.
void PrintWatched(const storage::Store& store, int64_t now_ms, size_t max_rows = 20);
// `,"watched":[{...},...]` for the status JSON object ("" when none).
std::string WatchedJsonField(const storage::Store& store);

}  // namespace nc
