#include "crawler/extract/link_href_memo.h"

#include <cstdint>

#include "crawler/extract/link_href_roles.h"
#include "crawler/extract/link_memo.h"

namespace nc {
namespace {

// RoleForHref only ever keeps a headline or related role, or turns it into
// other or nav, whichever of the two it was: one answer per href.
enum class HrefRole : uint8_t { kUnknown, kKeep, kOther, kNav };

struct HrefMemoValue {
  bool facts_known = false;
  HrefFacts facts;
  HrefRole role = HrefRole::kUnknown;
};

// 1,024 slots: B1's regional hosts each repeat ~11 menu and footer links,
// and a worker goes from host to host.
using HrefMemo = LinkMemo<HrefMemoValue, 1024>;

HrefMemo::Slot* Lookup(std::string_view href) {
  thread_local HrefMemo per_thread;
  bool hit = false;
  HrefMemo::Slot* slot = per_thread.Find({}, href, hit);
  if (slot != nullptr && !hit) {
    slot->value = HrefMemoValue{};
    per_thread.Keep(*slot);
  }
  return slot;
}

}  // namespace

HrefFacts MemoAnalyzeHref(std::string_view href) {
  HrefMemo::Slot* slot = Lookup(href);
  if (slot == nullptr) return AnalyzeHref(href);
  HrefMemoValue& v = slot->value;
  if (!v.facts_known) {
    v.facts = AnalyzeHref(href);
    v.facts_known = true;
  }
  return v.facts;
}

LinkRole MemoRoleForHref(LinkRole role, std::string_view href) {
  if (role != LinkRole::kHeadline && role != LinkRole::kRelated) return role;
  HrefMemo::Slot* slot = Lookup(href);
  if (slot == nullptr) return RoleForHref(role, href);
  HrefMemoValue& v = slot->value;
  if (v.role == HrefRole::kUnknown) {
    // The facts are asked of every link later (ResolveLinkRoles): taken
    // now, they also tell whether the href names a service.
    if (!v.facts_known) {
      v.facts = AnalyzeHref(href);
      v.facts_known = true;
    }
    const LinkRole r = RoleForHref(role, href, v.facts.service);
    v.role = r == role               ? HrefRole::kKeep
             : r == LinkRole::kOther ? HrefRole::kOther
             : r == LinkRole::kNav   ? HrefRole::kNav
                                     : HrefRole::kUnknown;
    if (v.role == HrefRole::kUnknown) return r;  // a new kind of answer: not memoised
  }
  switch (v.role) {
    case HrefRole::kOther:
      return LinkRole::kOther;
    case HrefRole::kNav:
      return LinkRole::kNav;
    default:
      return role;
  }
}

}  // namespace nc
