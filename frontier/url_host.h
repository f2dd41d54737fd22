#pragma once
// The host of an http(s) URL in its canonical form (frontier/url.cc's
// parser calls it for every authority it reads).

#include <string>
#include <string_view>

#include "common/result.h"

namespace nc::url_detail {

// Turns the raw host of an http(s) URL into its canonical form in place:
// percent-decoded, IDN to ASCII, lower-case, IPv4 in dotted decimal, one
// trailing dot removed, then checked to be a plausible DNS name.
Status CanonicalizeHost(std::string_view raw, std::string& host);

}  // namespace nc::url_detail
