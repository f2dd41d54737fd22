#pragma once
// The host key mode ([politeness] host_key) is fixed for the life of a job:
// the durable frontier stores pending URLs under their host key, so a run
// with another mode would look for them under keys they are not stored
// under, and split one server's budget between old and new keys. The first
// run records the mode in store meta (`host_key`); later runs (resume, or
// crawl on an existing store) with another mode are refused with a message
// that says how to go on. Stores made before the option existed were keyed
// by host name.

#include "config/crawl_config.h"
#include "storage/store.h"

namespace nc {

inline constexpr char kHostKeyMetaKey[] = "host_key";

// Ok when `config.host_key` is the job's mode (recording it on a new job);
// else a "config.host_key" error naming both modes.
Status CheckJobHostKeyMode(storage::Store& store, const CrawlConfig& config);

}  // namespace nc
