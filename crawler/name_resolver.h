#pragma once
// The system's name resolution for the frontier's host keys: HostKeyer
// (frontier/host_keyer.h) groups hosts by address in ip mode but does no
// network I/O itself, so the crawler hands it this lookup.
//
// Thread safety: any thread may call it, but it blocks for as long as the
// resolver takes (seconds when DNS is slow): never on the network thread.

#include <optional>
#include <string>

namespace nc {

// The first address getaddrinfo gives for `host` ("192.0.2.1",
// "2001:db8::1"), the one the HTTP client (Asio's resolver, also
// getaddrinfo) tries first; nothing when the name does not resolve.
// Matches frontier's NameLookup.
std::optional<std::string> SystemNameLookup(const std::string& host);

}  // namespace nc
