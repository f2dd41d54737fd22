#pragma once
// What a crawler killed with -9 can have fetched and not committed, for the
// tests that kill one: the engine dispatches a page only while fewer page
// records than this are between dispatch and commit
// (CrawlEngine::Impl::MaxOutstanding()), however far a loaded writer falls
// behind (fetches keep finishing while a slow commit holds it: "in flight plus
// two batches" failed under load with 13 and 14 against 12).

#include <string>

namespace nc::testing {

constexpr int MostUncommittedAtKill(int max_connections, int commit_batch_pages) {
  return 4 * max_connections + 2 * commit_batch_pages;
}

// The crawl.toml of those tests: small commit batches committed often (so a
// kill lands between commits) under `max_connections`.
inline std::string KillTestToml(int commit_batch_pages, int max_connections) {
  return "[storage]\ncommit_batch_pages = " + std::to_string(commit_batch_pages) +
         "\ncommit_interval_ms = 20\n[politeness]\nmax_connections = " +
         std::to_string(max_connections) + "\n";
}

}  // namespace nc::testing
