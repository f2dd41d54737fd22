// SystemNameLookup: the getaddrinfo lookup the crawler injects into the
// frontier's HostKeyer. Only address literals here: they resolve without
// asking DNS, so the test stays on this machine.
#include "crawler/name_resolver.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

TEST(SystemNameLookup, AddressLiteralsResolveToThemselves) {
  EXPECT_EQ(SystemNameLookup("127.0.0.1"), std::optional<std::string>("127.0.0.1"));
  EXPECT_EQ(SystemNameLookup("::1"), std::optional<std::string>("::1"));
}

}  // namespace
}  // namespace nc
