#include "crawler/fetch/address_policy.h"

#include <array>
#include <cstdint>

#include "common/enum_table.h"

namespace nc {
namespace {

using boost::asio::ip::address_v4;
using boost::asio::ip::address_v6;

struct V4Range {
  uint32_t first;
  int prefix_length;
  AddressClass address_class;
};

constexpr uint32_t Ip(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

// Disjoint, so the order does not matter; 255.255.255.255 (broadcast),
// inside 240/4, is checked first.
constexpr std::array<V4Range, 9> kV4Ranges{{
    {Ip(0, 0, 0, 0), 8, AddressClass::kUnspecified},  // "this network" (RFC 1122)
    {Ip(10, 0, 0, 0), 8, AddressClass::kPrivate},     // RFC 1918
    {Ip(100, 64, 0, 0), 10, AddressClass::kSharedCgnat},
    {Ip(127, 0, 0, 0), 8, AddressClass::kLoopback},
    {Ip(169, 254, 0, 0), 16, AddressClass::kLinkLocal},
    {Ip(172, 16, 0, 0), 12, AddressClass::kPrivate},
    {Ip(192, 168, 0, 0), 16, AddressClass::kPrivate},
    {Ip(224, 0, 0, 0), 4, AddressClass::kMulticast},
    {Ip(240, 0, 0, 0), 4, AddressClass::kReserved},
}};

bool InPrefix(uint32_t value, uint32_t first, int prefix_length) {
  const uint32_t mask = prefix_length == 0 ? 0 : ~uint32_t{0} << (32 - prefix_length);
  return (value & mask) == first;
}

address_v4 V4FromBytes(const address_v6::bytes_type& b, size_t offset) {
  return address_v4(address_v4::bytes_type{b[offset], b[offset + 1], b[offset + 2], b[offset + 3]});
}

bool AllZero(const address_v6::bytes_type& b, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (b[i] != 0) return false;
  }
  return true;
}

}  // namespace

const char* AddressClassName(AddressClass address_class) {
  static constexpr auto kNames = MakeEnumNames<AddressClass>({
      {AddressClass::kPublic, "public"}, {AddressClass::kUnspecified, "unspecified"},
      {AddressClass::kLoopback, "loopback"}, {AddressClass::kPrivate, "private"},
      {AddressClass::kLinkLocal, "link-local"}, {AddressClass::kSharedCgnat, "cgnat"},
      {AddressClass::kMulticast, "multicast"}, {AddressClass::kBroadcast, "broadcast"},
      {AddressClass::kReserved, "reserved"}});
  return kNames.Get(address_class, "unknown");
}

AddressClass ClassifyAddress(const address_v4& address) {
  const uint32_t value = address.to_uint();
  if (value == Ip(255, 255, 255, 255)) return AddressClass::kBroadcast;
  for (const V4Range& range : kV4Ranges) {
    if (InPrefix(value, range.first, range.prefix_length)) return range.address_class;
  }
  return AddressClass::kPublic;
}

AddressClass ClassifyAddress(const address_v6& address) {
  const address_v6::bytes_type b = address.to_bytes();
  if (AllZero(b, 0, 16)) return AddressClass::kUnspecified;
  if (AllZero(b, 0, 15) && b[15] == 1) return AddressClass::kLoopback;
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated but
  // still routed by some stacks to the IPv4 address).
  if (AllZero(b, 0, 10) && ((b[10] == 0xff && b[11] == 0xff) || (b[10] == 0 && b[11] == 0))) {
    return ClassifyAddress(V4FromBytes(b, 12));
  }
  // 64:ff9b::/96, NAT64 well-known prefix (RFC 6052).
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && AllZero(b, 4, 12)) {
    return ClassifyAddress(V4FromBytes(b, 12));
  }
  // 64:ff9b:1::/48, NAT64 local-use prefix (RFC 8215): an operator's own translator.
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 &&
      b[5] == 0x01) {
    return AddressClass::kPrivate;
  }
  // 2002::/16, 6to4 (RFC 3056): the IPv4 address follows the prefix.
  if (b[0] == 0x20 && b[1] == 0x02) return ClassifyAddress(V4FromBytes(b, 2));
  if (b[0] == 0xff) return AddressClass::kMulticast;
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressClass::kLinkLocal;
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
    return AddressClass::kPrivate;                           // site-local (deprecated)
  if ((b[0] & 0xfe) == 0xfc) return AddressClass::kPrivate;  // unique local fc00::/7
  return AddressClass::kPublic;
}

AddressClass ClassifyAddress(const boost::asio::ip::address& address) {
  return address.is_v4() ? ClassifyAddress(address.to_v4()) : ClassifyAddress(address.to_v6());
}

std::vector<std::string> RemoveNonPublicEndpoints(
    std::vector<boost::asio::ip::tcp::endpoint>& endpoints) {
  std::vector<std::string> removed;
  std::erase_if(endpoints, [&removed](const boost::asio::ip::tcp::endpoint& endpoint) {
    const AddressClass address_class = ClassifyAddress(endpoint.address());
    if (address_class == AddressClass::kPublic) return false;
    removed.push_back(endpoint.address().to_string() + " (" + AddressClassName(address_class) +
                      ")");
    return true;
  });
  return removed;
}

}  // namespace nc
