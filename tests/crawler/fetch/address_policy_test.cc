// The private-address guard's classifier: every range at its edges, just
// inside and just outside, and the IPv6 forms that carry an IPv4 address.
#include "crawler/fetch/address_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace nc {
namespace {

struct Case {
  const char* address;
  AddressClass expected;
};

void ExpectAll(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(AddressClassName(ClassifyAddress(boost::asio::ip::make_address(c.address))),
              std::string(AddressClassName(c.expected)))
        << c.address;
  }
}

constexpr AddressClass kPublic = AddressClass::kPublic;

TEST(AddressPolicy, Ipv4RangesAtTheirEdges) {
  ExpectAll({
      {"0.0.0.0", AddressClass::kUnspecified},
      {"0.255.255.255", AddressClass::kUnspecified},
      {"1.0.0.0", kPublic},
      {"9.255.255.255", kPublic},
      {"10.0.0.0", AddressClass::kPrivate},
      {"10.255.255.255", AddressClass::kPrivate},
      {"11.0.0.0", kPublic},
      {"100.63.255.255", kPublic},
      {"100.64.0.0", AddressClass::kSharedCgnat},
      {"100.127.255.255", AddressClass::kSharedCgnat},
      {"100.128.0.0", kPublic},
      {"126.255.255.255", kPublic},
      {"127.0.0.0", AddressClass::kLoopback},
      {"127.0.0.1", AddressClass::kLoopback},
      {"127.255.255.255", AddressClass::kLoopback},
      {"128.0.0.0", kPublic},
      {"169.253.255.255", kPublic},
      {"169.254.0.0", AddressClass::kLinkLocal},
      {"169.254.169.254", AddressClass::kLinkLocal},  // cloud metadata service
      {"169.254.255.255", AddressClass::kLinkLocal},
      {"169.255.0.0", kPublic},
      {"172.15.255.255", kPublic},
      {"172.16.0.0", AddressClass::kPrivate},
      {"172.31.255.255", AddressClass::kPrivate},
      {"172.32.0.0", kPublic},
      {"192.167.255.255", kPublic},
      {"192.168.0.0", AddressClass::kPrivate},
      {"192.168.255.255", AddressClass::kPrivate},
      {"192.169.0.0", kPublic},
      {"223.255.255.255", kPublic},
      {"224.0.0.0", AddressClass::kMulticast},
      {"239.255.255.255", AddressClass::kMulticast},
      {"240.0.0.0", AddressClass::kReserved},
      {"255.255.255.254", AddressClass::kReserved},
      {"255.255.255.255", AddressClass::kBroadcast},
      {"8.8.8.8", kPublic},
      {"93.184.215.14", kPublic},
  });
}

TEST(AddressPolicy, Ipv6RangesAtTheirEdges) {
  ExpectAll({
      {"::", AddressClass::kUnspecified},
      {"::1", AddressClass::kLoopback},
      {"::2", AddressClass::kUnspecified},  // IPv4-compatible 0.0.0.2
      {"fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", kPublic},
      {"fc00::", AddressClass::kPrivate},
      {"fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressClass::kPrivate},
      {"fe00::", kPublic},
      {"fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", kPublic},
      {"fe80::", AddressClass::kLinkLocal},
      {"febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressClass::kLinkLocal},
      {"fec0::", AddressClass::kPrivate},  // site-local, deprecated
      {"feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressClass::kPrivate},
      {"ff00::", AddressClass::kMulticast},
      {"ff02::1", AddressClass::kMulticast},
      {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressClass::kMulticast},
      {"2001:db8::1", kPublic},
      {"2606:4700::1111", kPublic},
  });
}

TEST(AddressPolicy, Ipv6FormsCarryingIpv4AreJudgedByTheIpv4Address) {
  ExpectAll({
      // IPv4-mapped ::ffff:0:0/96.
      {"::ffff:127.0.0.1", AddressClass::kLoopback},
      {"::ffff:10.1.2.3", AddressClass::kPrivate},
      {"::ffff:169.254.169.254", AddressClass::kLinkLocal},
      {"::ffff:100.64.0.1", AddressClass::kSharedCgnat},
      {"::ffff:0.0.0.0", AddressClass::kUnspecified},
      {"::ffff:255.255.255.255", AddressClass::kBroadcast},
      {"::ffff:8.8.8.8", kPublic},
      // IPv4-compatible ::/96 (deprecated).
      {"::127.0.0.1", AddressClass::kLoopback},
      {"::8.8.8.8", kPublic},
      // Neither mapped nor compatible: ::fffe:0:0/96 and ::1:ffff:0:0 are public.
      {"::fffe:7f00:1", kPublic},
      {"::1:ffff:7f00:1", kPublic},
      // NAT64 well-known prefix 64:ff9b::/96.
      {"64:ff9b::127.0.0.1", AddressClass::kLoopback},
      {"64:ff9b::192.168.1.1", AddressClass::kPrivate},
      {"64:ff9b::8.8.8.8", kPublic},
      {"64:ff9b:0:0:1::7f00:1", kPublic},  // outside /96: not NAT64, not private
      // NAT64 local-use prefix 64:ff9b:1::/48.
      {"64:ff9b:1::", AddressClass::kPrivate},
      {"64:ff9b:1:ffff:ffff:ffff:ffff:ffff", AddressClass::kPrivate},
      {"64:ff9b:2::", kPublic},
      // 6to4 2002::/16: the IPv4 address in bits 16..47.
      {"2002:7f00:1::", AddressClass::kLoopback},
      {"2002:a00:1::1", AddressClass::kPrivate},
      {"2002:a9fe:a9fe::", AddressClass::kLinkLocal},
      {"2002:808:808::1", kPublic},
      {"2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", kPublic},
      {"2003::", kPublic},
  });
}

TEST(AddressPolicy, RemoveNonPublicEndpointsKeepsPublicOnesInOrder) {
  using boost::asio::ip::make_address;
  using boost::asio::ip::tcp;
  std::vector<tcp::endpoint> endpoints{{make_address("127.0.0.1"), 80},
                                       {make_address("8.8.8.8"), 80},
                                       {make_address("fd00::1"), 80},
                                       {make_address("2001:db8::1"), 80}};
  const std::vector<std::string> removed = RemoveNonPublicEndpoints(endpoints);

  EXPECT_EQ(removed, (std::vector<std::string>{"127.0.0.1 (loopback)", "fd00::1 (private)"}));
  ASSERT_EQ(endpoints.size(), 2u);
  EXPECT_EQ(endpoints[0].address().to_string(), "8.8.8.8");
  EXPECT_EQ(endpoints[1].address().to_string(), "2001:db8::1");
}

}  // namespace
}  // namespace nc
