#include "frontier/link.h"

#include <array>

namespace nc {
namespace {
constexpr std::array<std::string_view, 8> kRoleNames = {
    "headline", "related", "nav", "footer", "external", "other", "redirect", "feed"};
constexpr std::array<std::string_view, 9> kReasonNames = {
    "", "role", "scope", "robots", "nofollow", "trap", "limit", "invalid", "filter"};
}  // namespace

std::string_view LinkRoleName(LinkRole role) {
  auto i = static_cast<size_t>(role);
  return i < kRoleNames.size() ? kRoleNames[i] : "unknown";
}

std::optional<LinkRole> ParseLinkRole(std::string_view name) {
  for (size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == name) return static_cast<LinkRole>(i);
  }
  return std::nullopt;
}

std::string_view SkipReasonName(SkipReason reason) {
  auto i = static_cast<size_t>(reason);
  return i < kReasonNames.size() ? kReasonNames[i] : "unknown";
}

}  // namespace nc
