// HostKeyer: the politeness key per mode (host, domain, ip), --resolve
// before the resolver, the bounded resolution cache, and concurrent use.
// Name lookups are injected: no real DNS.
#include "frontier/host_keyer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <initializer_list>
#include <map>
#include <thread>
#include <utility>
#include <vector>

#include "tests/frontier/url_test_helpers.h"

namespace nc {
namespace {

using testing::U;

// Expects the key of each (url, key) pair under `mode`, no resolver needed.
void ExpectKeys(HostKeyMode mode,
                std::initializer_list<std::pair<const char*, const char*>> url_keys) {
  HostKeyerOptions options;
  options.mode = mode;
  HostKeyer keyer(options);
  for (const auto& [url, key] : url_keys) EXPECT_EQ(keyer.Key(U(url)), key) << url;
}

// A resolver that knows a fixed table and counts its calls.
struct FakeDns {
  std::map<std::string, std::string> table;
  std::atomic<int> calls{0};

  std::function<std::optional<std::string>(const std::string&)> Lookup() {
    return [this](const std::string& host) -> std::optional<std::string> {
      ++calls;
      auto it = table.find(host);
      if (it == table.end()) return std::nullopt;
      return it->second;
    };
  }
};

HostKeyerOptions Ip(FakeDns& dns, size_t capacity = 4096) {
  HostKeyerOptions o;
  o.mode = HostKeyMode::kIp;
  o.lookup = dns.Lookup();
  o.cache_capacity = capacity;
  return o;
}

TEST(HostKeyMode, ParsesTheThreeModesAndNamesThem) {
  for (HostKeyMode mode : {HostKeyMode::kHost, HostKeyMode::kIp, HostKeyMode::kDomain}) {
    auto parsed = ParseMode<HostKeyMode>(ModeName(mode));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, mode);
  }
  EXPECT_FALSE(ParseMode<HostKeyMode>("IP").has_value());
  EXPECT_FALSE(ParseMode<HostKeyMode>("").has_value());
}

TEST(HostKeyer, HostModeKeysByLowerCaseHostName) {
  ExpectKeys(HostKeyMode::kHost, {{"http://WWW.LeJournal.test:8080/a", "www.lejournal.test"},
                                  {"https://sport.lejournal.test/", "sport.lejournal.test"}});
}

TEST(HostKeyer, DomainModeKeysByRegistrableDomain) {
  ExpectKeys(HostKeyMode::kDomain, {{"http://www.lejournal.test/", "lejournal.test"},
                                    {"https://sport.lejournal.test:8443/x", "lejournal.test"},
                                    {"https://www.bbc.co.uk/news", "bbc.co.uk"},
                                    {"https://a.b.example.com/", "example.com"}});
}

TEST(HostKeyer, DomainModeKeysIpLiteralsAndSuffixlessHostsAsThemselves) {
  ExpectKeys(HostKeyMode::kDomain, {{"http://127.0.0.1:8080/", "127.0.0.1"},
                                    {"http://10.1.2.3/", "10.1.2.3"},
                                    {"http://[::1]:8080/", "[::1]"},
                                    {"http://localhost/", "localhost"},
                                    {"http://co.uk/", "co.uk"}});
}

TEST(HostKeyer, IpModeUsesResolveOverridesPerHostAndPortBeforeTheResolver) {
  FakeDns dns;
  dns.table["www.lejournal.test"] = "192.0.2.7";
  HostKeyerOptions o = Ip(dns);
  o.resolve = {{"www.lejournal.test", 8080, "127.0.0.1"},
               {"sport.lejournal.test", 8080, "127.0.0.1"},
               {"v6.lejournal.test", 8080, "[0:0::1]"}};
  HostKeyer keyer(o);
  EXPECT_EQ(keyer.Key(U("http://www.lejournal.test:8080/")), "127.0.0.1");
  EXPECT_EQ(keyer.Key(U("http://sport.lejournal.test:8080/a")), "127.0.0.1");
  EXPECT_EQ(keyer.Key(U("http://v6.lejournal.test:8080/")), "[::1]");
  EXPECT_EQ(dns.calls, 0);
  // Another port has no override: the resolver answers.
  EXPECT_EQ(keyer.Key(U("http://www.lejournal.test/")), "192.0.2.7");
  EXPECT_EQ(dns.calls, 1);
}

TEST(HostKeyer, IpModeGroupsNamesOnOneAddressAndKeysLiteralsAsThemselves) {
  FakeDns dns;
  dns.table["www.x.test"] = "198.51.100.1";
  dns.table["sport.x.test"] = "198.51.100.1";
  dns.table["other.test"] = "198.51.100.2";
  dns.table["v6.test"] = "2001:DB8:0:0::1";
  HostKeyer keyer(Ip(dns));
  EXPECT_EQ(keyer.Key(U("http://www.x.test/")), keyer.Key(U("https://sport.x.test/")));
  EXPECT_EQ(keyer.Key(U("http://www.x.test/")), "198.51.100.1");
  EXPECT_EQ(keyer.Key(U("http://198.51.100.1/")), "198.51.100.1");
  EXPECT_EQ(keyer.Key(U("http://other.test/")), "198.51.100.2");
  EXPECT_EQ(keyer.Key(U("http://v6.test/")), "[2001:db8::1]");
  EXPECT_EQ(keyer.Key(U("http://[2001:db8::1]/")), "[2001:db8::1]");
}

TEST(HostKeyer, IpModeKeysAnUnresolvedNameAsItsHostName) {
  FakeDns dns;
  HostKeyer keyer(Ip(dns));
  EXPECT_EQ(keyer.Key(U("http://nowhere.test/")), "nowhere.test");
  // The failure is remembered too: one lookup per name, not per link.
  EXPECT_EQ(keyer.Key(U("http://nowhere.test/a")), "nowhere.test");
  EXPECT_EQ(dns.calls, 1);
}

TEST(HostKeyer, IpModeResolvesEachNameOnceWhileCached) {
  FakeDns dns;
  dns.table["a.test"] = "192.0.2.1";
  HostKeyer keyer(Ip(dns));
  for (int i = 0; i < 10; ++i) EXPECT_EQ(keyer.Key(U("http://a.test/" + std::to_string(i))), "192.0.2.1");
  EXPECT_EQ(dns.calls, 1);
}

TEST(HostKeyer, ResolutionCacheIsBoundedAndDropsTheLeastRecentlyUsed) {
  FakeDns dns;
  for (int i = 0; i < 100; ++i) dns.table["h" + std::to_string(i) + ".test"] = "192.0.2.1";
  HostKeyer keyer(Ip(dns, /*capacity=*/3));
  for (int i = 0; i < 100; ++i) keyer.Key(U("http://h" + std::to_string(i) + ".test/"));
  EXPECT_EQ(keyer.CachedHosts(), 3u);
  EXPECT_EQ(dns.calls, 100);
  // h97..h99 are cached; touching h97 makes h98 the oldest.
  keyer.Key(U("http://h97.test/"));
  EXPECT_EQ(dns.calls, 100);
  keyer.Key(U("http://h0.test/"));  // evicts h98
  EXPECT_EQ(dns.calls, 101);
  keyer.Key(U("http://h97.test/"));
  keyer.Key(U("http://h99.test/"));
  EXPECT_EQ(dns.calls, 101);
  keyer.Key(U("http://h98.test/"));
  EXPECT_EQ(dns.calls, 102);
  EXPECT_EQ(keyer.CachedHosts(), 3u);
}

TEST(HostKeyer, ConcurrentCallersAgreeAndTheCacheStaysBounded) {
  FakeDns dns;
  for (int i = 0; i < 50; ++i) {
    dns.table["h" + std::to_string(i) + ".test"] = "192.0.2." + std::to_string(i % 5 + 1);
  }
  HostKeyer keyer(Ip(dns, /*capacity=*/16));
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < 2000; ++n) {
        const int i = (n * 7 + t) % 50;
        if (keyer.Key(U("http://h" + std::to_string(i) + ".test/")) !=
            "192.0.2." + std::to_string(i % 5 + 1)) {
          ++wrong;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong, 0);
  EXPECT_LE(keyer.CachedHosts(), 16u);
}

TEST(AddressKey, WritesAddressesAsUrlHostsDo) {
  EXPECT_EQ(AddressKey("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(AddressKey("[::1]"), "[::1]");
  EXPECT_EQ(AddressKey("0:0:0:0:0:0:0:1"), "[::1]");
  EXPECT_EQ(AddressKey("www.x.test"), std::nullopt);
  EXPECT_EQ(AddressKey(""), std::nullopt);
}

}  // namespace
}  // namespace nc
