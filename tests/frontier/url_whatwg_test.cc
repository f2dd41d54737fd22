// WHATWG URL conformance: runs every http(s) case of the Web Platform Tests'
// urltestdata.json (base + input -> href, or failure) through ParseUrl /
// ResolveUrl and checks that exactly the cases listed in kKnownDifferences
// differ, so a regression and an unexpected fix both fail. Each listed case
// is explained in frontier/README.md ("URLs: where we differ from WHATWG").
//
// The data file is not part of this repository (third-party test data stays
// outside it). The test looks for it, in order, at $NC_URLTESTDATA,
// tests/frontier/testdata/urltestdata.json and ../shared/testdata/
// urltestdata.json (beside the checkout), and is skipped when none exists.
// Source: repository ada-url/ada, path tests/wpt/urltestdata.json, commit
// 308110b26b32d12db492d460a41e57932366269d (a copy of WPT's url/resources/).
//
// Hrefs are compared exactly, userinfo included: the parser keeps it as
// WHATWG does (only the canonical key drops it, frontier/url.h). The cases
// whose href has userinfo are counted in the report line.
#include <gtest/gtest.h>

#include <boost/json/src.hpp>  // header-only Boost.JSON, compiled into this test only
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "frontier/url.h"

namespace nc {
namespace {

namespace json = boost::json;

// Case keys: "input" or "input @ base", non-printable and non-ASCII bytes as
// \xNN. Why each differs: frontier/README.md, same order.
const std::set<std::string> kKnownDifferences = {
    // Hosts that are not DNS names: WHATWG accepts any host without a
    // forbidden code point; a crawler can look up only DNS names (letters,
    // digits, '-', '_', non-empty labels), so these are url.invalid_host.
    "http://./",                       // empty label (after the one trailing dot we remove)
    "http://../",                      // empty labels
    "http://foo.09..",                 // empty label
    R"(http://!"$&'()*+,-.;=_`{}~/)",  // symbols no DNS name has
};

std::string CaseKey(std::string_view input, const json::value* base) {
  std::string key;
  auto append = [&key](std::string_view s) {
    for (unsigned char c : s) {
      if (c < 0x20 || c >= 0x7f || c == '\\') {
        char buf[5];
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        key += buf;
      } else {
        key.push_back(static_cast<char>(c));
      }
    }
  };
  append(input);
  if (base && base->is_string()) {
    key += " @ ";
    append(base->as_string());
  }
  return key;
}

bool IsHttpScheme(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  std::string lower;
  for (char c : s.substr(0, 6)) lower.push_back(static_cast<char>(std::tolower(c)));
  return lower.rfind("http:", 0) == 0 || lower.rfind("https:", 0) == 0;
}

// Has a scheme of its own (any): "x:..." where x is ALPHA *(ALPHA DIGIT + - .).
bool HasScheme(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return false;
}

std::filesystem::path FindData() {
  if (const char* env = std::getenv("NC_URLTESTDATA"); env && *env) return env;
  const std::filesystem::path source = NEWSCRAWL_SOURCE_DIR;
  for (const auto& candidate : {source / "tests/frontier/testdata/urltestdata.json",
                                source.parent_path() / "shared/testdata/urltestdata.json"}) {
    if (std::filesystem::exists(candidate)) return candidate;
  }
  return {};
}

TEST(WhatwgUrlTestData, OnlyTheKnownDifferencesDiffer) {
  const std::filesystem::path path = FindData();
  if (path.empty()) GTEST_SKIP() << "urltestdata.json not found (see the comment at the top)";
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  const json::value data = json::parse(text.str(), ec);
  ASSERT_FALSE(ec) << path << ": " << ec.message();

  int cases = 0, passed = 0, userinfo = 0;
  std::set<std::string> differences;
  for (const json::value& item : data.as_array()) {
    if (!item.is_object()) continue;  // comments
    const json::object& c = item.as_object();
    const std::string_view input = c.at("input").as_string();
    const json::value* base = c.if_contains("base");
    const bool has_base = base && base->is_string();
    const bool failure = c.contains("failure");
    bool http = false;
    if (failure) {
      http =
          IsHttpScheme(input) || (!HasScheme(input) && has_base && IsHttpScheme(base->as_string()));
    } else {
      http = IsHttpScheme(c.at("href").as_string());
    }
    if (!http) continue;
    ++cases;

    Result<Url> got = MakeError("test.no_base", "");
    if (has_base) {
      Result<Url> base_url = ParseUrl(base->as_string());
      if (base_url.ok()) got = ResolveUrl(*base_url, input);
    } else {
      got = ParseUrl(input);
    }
    bool ok;
    std::string want = "(failure)";
    if (failure) {
      ok = !got.ok();
    } else {
      want = c.at("href").as_string();
      if (!c.at("username").as_string().empty() || !c.at("password").as_string().empty()) {
        ++userinfo;
      }
      ok = got.ok() && got->spec == want;
    }
    const std::string key = CaseKey(input, base);
    if (ok) {
      ++passed;
      EXPECT_FALSE(kKnownDifferences.count(key)) << "now passes, remove it from the list: " << key;
    } else {
      differences.insert(key);
      EXPECT_TRUE(kKnownDifferences.count(key))
          << "unexpected difference: " << key << "\n  want " << want << "\n  got  "
          << (got.ok() ? got->spec : got.error().code + " " + got.error().message);
    }
  }
  for (const std::string& key : kKnownDifferences) {
    EXPECT_TRUE(differences.count(key)) << "listed but not an http(s) case that differs: " << key;
  }
  std::printf(
      "WHATWG urltestdata: %d/%d http(s) cases pass (%d with userinfo, compared exactly)\n",
      passed, cases, userinfo);
}

}  // namespace
}  // namespace nc
