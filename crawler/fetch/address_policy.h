#pragma once
// The private-address guard's classifier: which IP addresses a crawl may
// connect to when a page names a host. A crawled page can point the crawler
// at any name, and a name can resolve to an internal service (127.0.0.1, a
// router's admin page, a cloud metadata endpoint at 169.254.169.254), so
// only public unicast addresses are allowed unless the operator says
// otherwise (--resolve for a host, or allow_private_networks).
//
// IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:0:0/96,
// IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by
// the IPv4 address they carry, so ::ffff:127.0.0.1 is loopback.
//
// Pure functions over already-parsed addresses (no text is parsed here):
// any thread. The HTTP client applies them to the addresses it is about to
// connect to (crawler/fetch/http_client.cc), after name resolution, so the
// address checked is the address connected to.

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <string>
#include <vector>

namespace nc {

enum class AddressClass {
  kPublic,       // anything below does not apply: may be connected to
  kUnspecified,  // 0.0.0.0/8, ::/128
  kLoopback,     // 127.0.0.0/8, ::1/128
  kPrivate,      // 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10, 64:ff9b:1::/48
  kLinkLocal,    // 169.254/16, fe80::/10
  kSharedCgnat,  // 100.64.0.0/10 (RFC 6598 carrier-grade NAT)
  kMulticast,    // 224.0.0.0/4, ff00::/8
  kBroadcast,    // 255.255.255.255
  kReserved,     // 240.0.0.0/4 (future use; never a reachable server)
};

// "public", "unspecified", "loopback", "private", "link-local", "cgnat",
// "multicast", "broadcast", "reserved".
const char* AddressClassName(AddressClass address_class);

AddressClass ClassifyAddress(const boost::asio::ip::address_v4& address);
// An IPv6 address that carries an IPv4 address is classified by that address.
AddressClass ClassifyAddress(const boost::asio::ip::address_v6& address);
AddressClass ClassifyAddress(const boost::asio::ip::address& address);

// Removes from `endpoints` every endpoint whose address is not public, and
// returns the removed ones, each described as "127.0.0.1 (loopback)", in
// their original order.
std::vector<std::string> RemoveNonPublicEndpoints(
    std::vector<boost::asio::ip::tcp::endpoint>& endpoints);

}  // namespace nc
