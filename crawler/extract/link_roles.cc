#include "crawler/extract/link_roles.h"

#include <algorithm>
#include <array>

#include "common/ascii.h"
#include "common/stable_hash.h"
#include "crawler/extract/html_tags.h"
#include "crawler/extract/link_memo.h"
#include "crawler/extract/site_list_headings.h"

namespace nc {
namespace {

using namespace link_feature;  // NOLINT: short flag names

uint32_t NameHash(std::string_view name) {  // FNV-1a
  uint32_t h = 2166136261u;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

const uint32_t kHashP = NameHash("p");

// What a heading's text says, asked in CloseHeading's order: site_list only
// when not commercial, related only when neither (the later ones are not
// read then).
struct HeadingVerdict {
  bool commercial = false;
  bool site_list = false;
  bool related = false;
};

// A page repeats its block headings, and a site all of them ("À lire
// aussi", "Les plus lus", its section names): a worker folds and matches
// each text once (per thread, link_memo.h).
HeadingVerdict HeadingVerdictOf(std::string_view text, std::string& folded) {
  thread_local LinkMemo<HeadingVerdict, 256> memo;
  bool hit = false;
  auto* slot = memo.Find({}, text, hit);
  if (slot != nullptr && hit) return slot->value;
  FoldForMatch(text, folded);
  HeadingVerdict v;
  v.commercial = IsCommercialHeadingFolded(folded);
  v.site_list = !v.commercial && IsSiteListHeadingFolded(folded);
  v.related = !v.commercial && !v.site_list && IsRelatedHeadingFolded(folded);
  if (slot != nullptr) {
    slot->value = v;
    memo.Keep(*slot);
  }
  return v;
}

bool IsHeadingTag(HtmlTag tag, int max_rank) {
  const int rank = HeadingRank(tag);
  return rank != 0 && rank <= max_rank;
}

}  // namespace

LinkRole ClassifyLink(const LinkContext& c, std::string_view anchor_text, bool contains_heading) {
  if (c.footer) return LinkRole::kFooter;
  if (c.nav) return LinkRole::kNav;
  if (c.related) return LinkRole::kRelated;
  if (c.heading || contains_heading) {
    // A block heading whose link reads like a section name ("Football",
    // "Monde", "World news") leads to a section page, not an article.
    return IsHeadlineText(anchor_text) ? LinkRole::kHeadline : LinkRole::kNav;
  }
  if (c.paragraph && !c.list_item) return LinkRole::kOther;
  if ((c.list || c.link_block) && IsHeadlineText(anchor_text)) return LinkRole::kHeadline;
  return LinkRole::kOther;
}

// ---- tracker ----

constexpr size_t kMaxHeadingBytes = 160;

LinkRoleTracker::LinkRoleTracker() : capture_(kMaxHeadingBytes) { stack_.reserve(64); }

namespace {

struct CachedFeatures {
  uint64_t hash = 0;
  uint16_t features = 0;
  bool used = false;
};
constexpr size_t kCacheSlots = 256;

}  // namespace

uint16_t LinkRoleTracker::CachedAttributeFeatures(std::string_view value) {
  // One cache per thread, kept from page to page: a worker parses many
  // pages of the same sites, whose class names repeat. A tracker is used
  // by one thread, so the cache is never shared.
  thread_local std::array<CachedFeatures, kCacheSlots> cache;
  const uint64_t hash = Fnv1a64(value);
  CachedFeatures& slot = cache[hash % kCacheSlots];
  if (!slot.used || slot.hash != hash) {
    slot = {hash, AttributeFeatures(value, folded_), true};
  }
  return slot.features;
}

uint16_t LinkRoleTracker::TagClassFeatures(const HtmlToken& token) {
  uint16_t f = 0;
  for (const HtmlAttribute& a : token.attributes) {
    if (a.name == "class" || a.name == "id") {
      f |= CachedAttributeFeatures(a.value);
    } else if (a.name == "role") {
      if (ascii::EqualsIgnoreCase(a.value, "navigation")) f |= kNav;
      if (ascii::EqualsIgnoreCase(a.value, "contentinfo")) f |= kFooter;
    }
  }
  return f;
}

void LinkRoleTracker::OnStartTag(const HtmlToken& token, const HtmlTagInfo& info) {
  CloseImplied(info);
  if (info.Has(html_trait::kNotTracked) || info.Has(html_trait::kVoid)) return;
  Element e{};
  e.name_hash = NameHash(token.name);
  e.tag = info.tag;
  e.traits = info.traits;
  for (const HtmlAttribute& a : token.attributes) {
    if (a.name == "class" || a.name == "id") {
      e.features |= CachedAttributeFeatures(a.value);
      if (a.name == "class") e.class_hash = static_cast<uint32_t>(Fnv1a64(a.value));
    } else if (a.name == "itemprop") {
      if (ascii::EqualsIgnoreCase(a.value, "articleBody")) e.features |= kArticleBody;
    } else if (a.name == "data-testid") {
      // Component names of React sites ("ohio-title" at the BBC): only a
      // title says something; their other words name layouts.
      e.features |= CachedAttributeFeatures(a.value) & kTitle;
    } else if (a.name == "role") {
      if (ascii::EqualsIgnoreCase(a.value, "navigation")) e.features |= kNav | kNavRole;
      if (ascii::EqualsIgnoreCase(a.value, "contentinfo")) e.features |= kFooter;
    }
  }
  if ((e.features & kRelated) && !CanHoldRelatedClass(e.tag, token.name)) {
    e.features &= static_cast<uint16_t>(~kRelated);
  }
  // <main> holds the page's content and <article> a story, whatever their
  // classes say ("main--with-contextual-nav"); a real <nav> inside still counts.
  if (e.tag == HtmlTag::kMain) e.features &= static_cast<uint16_t>(~(kNav | kFooter));
  if (e.tag == HtmlTag::kArticle) e.features &= static_cast<uint16_t>(~kNav);
  e.heading_rank = info.heading_rank ? info.heading_rank : (e.features & kTitle) ? 3 : 0;
  Push(e);
}

void LinkRoleTracker::Push(const Element& element) {
  if (stack_.size() >= kMaxDepth) {
    ++skipped_pushes_;
    return;
  }
  if (!stack_.empty() && stack_.back().children < UINT16_MAX) ++stack_.back().children;
  stack_.push_back(element);
  // A heading takes the capture over from an open label (a "label" class on
  // a container around the heading): the heading's text is what decides.
  const bool label_capturing = capture_owner_ != kNone && stack_[capture_owner_].heading_rank == 0;
  if ((element.heading_rank && (capture_owner_ == kNone || label_capturing)) ||
      ((element.features & kLabel) && capture_owner_ == kNone)) {
    capture_owner_ = stack_.size() - 1;
    capture_.Clear();
    capture_has_link_ = false;
  }
}

void LinkRoleTracker::CloseImplied(const HtmlTagInfo& info) {
  if (info.Has(html_trait::kClosesP)) {
    if (size_t p = FindOpen(kHashP, html_trait::kScopeBoundary | html_trait::kButtonScope);
        p != kNone) {
      PopTo(p);
    }
  }
  auto close_nearest = [this](auto matches, auto stops) {
    for (size_t i = stack_.size(); i-- > 0;) {
      if (matches(stack_[i].tag)) {
        PopTo(i);
        return;
      }
      if (stops(stack_[i])) return;
    }
  };
  // "Special" elements other than div and p end the search for an open <li>.
  auto stops_list_item = [](const Element& e) {
    return (e.traits & html_trait::kSpecial) && e.tag != HtmlTag::kDiv && e.tag != HtmlTag::kP;
  };
  switch (info.tag) {
    case HtmlTag::kLi:
      close_nearest([](HtmlTag t) { return t == HtmlTag::kLi; }, stops_list_item);
      break;
    case HtmlTag::kDd:
    case HtmlTag::kDt:
      close_nearest([](HtmlTag t) { return t == HtmlTag::kDd || t == HtmlTag::kDt; },
                    stops_list_item);
      break;
    case HtmlTag::kTd:
    case HtmlTag::kTh:
      close_nearest(
          [](HtmlTag t) { return t == HtmlTag::kTd || t == HtmlTag::kTh; },
          [](const Element& e) { return e.tag == HtmlTag::kTr || e.tag == HtmlTag::kTable; });
      break;
    case HtmlTag::kTr:
      close_nearest([](HtmlTag t) { return t == HtmlTag::kTr; },
                    [](const Element& e) {
                      return e.tag == HtmlTag::kTable || e.tag == HtmlTag::kTbody ||
                             e.tag == HtmlTag::kThead || e.tag == HtmlTag::kTfoot;
                    });
      break;
    case HtmlTag::kTbody:
    case HtmlTag::kThead:
    case HtmlTag::kTfoot:
      close_nearest(
          [](HtmlTag t) {
            return t == HtmlTag::kTbody || t == HtmlTag::kThead || t == HtmlTag::kTfoot;
          },
          [](const Element& e) { return e.tag == HtmlTag::kTable; });
      break;
    case HtmlTag::kH1:
    case HtmlTag::kH2:
    case HtmlTag::kH3:
    case HtmlTag::kH4:
    case HtmlTag::kH5:
    case HtmlTag::kH6:
      if (!stack_.empty() && (stack_.back().traits & html_trait::kHeading)) PopOne();
      break;
    default:
      break;
  }
}

size_t LinkRoleTracker::FindOpen(uint32_t hash, uint16_t boundary_traits) const {
  for (size_t i = stack_.size(); i-- > 0;) {
    if (stack_[i].name_hash == hash) return i;
    if (stack_[i].traits & boundary_traits) return kNone;
  }
  return kNone;
}

void LinkRoleTracker::OnEndTag(std::string_view name, const HtmlTagInfo& info) {
  if (info.Has(html_trait::kNotTracked) || info.Has(html_trait::kVoid)) return;
  if (skipped_pushes_ > 0) {  // the end of an element that was never pushed
    --skipped_pushes_;
    return;
  }
  const uint32_t hash = NameHash(name);
  size_t index = kNone;
  if (info.tag == HtmlTag::kTable) {
    index = FindOpen(hash, 0);
  } else if (info.Has(html_trait::kTableFamily)) {
    for (size_t i = stack_.size(); i-- > 0;) {
      if (stack_[i].name_hash == hash) {
        index = i;
        break;
      }
      if (stack_[i].tag == HtmlTag::kTable) break;
    }
  } else {
    uint16_t boundary = html_trait::kScopeBoundary;
    if (hash == kHashP) boundary |= html_trait::kButtonScope;
    if (info.tag == HtmlTag::kLi) boundary |= html_trait::kList;
    index = FindOpen(hash, boundary);
  }
  if (index == kNone) return;
  if (info.Has(html_trait::kFormatting)) {
    // </b> after an unclosed block inside the <b>: browsers keep the block
    // open (adoption agency); ignoring the end tag is the closest cheap match.
    for (size_t i = index + 1; i < stack_.size(); ++i) {
      if (stack_[i].traits & html_trait::kSpecial) return;
    }
  }
  PopTo(index);
}

void LinkRoleTracker::PopTo(size_t index) {
  while (stack_.size() > index) PopOne();
}

void LinkRoleTracker::PopOne() {
  const size_t index = stack_.size() - 1;
  if (capture_owner_ == index) CloseHeading(index);
  const Element& e = stack_.back();
  // A block that held nothing but a heading passes the heading's verdict on,
  // through every wrapper that held nothing else (BBC's "Related" sits in
  // three nested <div>s above its cards).
  if (e.heading_result != 0 && e.children == 1 && index >= 1) {
    ApplyHeadingResult(index - 1, e.heading_result);
    if (stack_[index - 1].children == 1) stack_[index - 1].heading_result = e.heading_result;
  }
  if (e.commercial_pass && e.children == 1 && index >= 1) stack_[index - 1].commercial = true;
  if (e.site_list_pass && e.children == 1 && index >= 1) stack_[index - 1].site_list = true;
  stack_.pop_back();
  low_water_ = std::min(low_water_, stack_.size());
}

void LinkRoleTracker::OnText(std::string_view decoded) {
  if (capturing()) capture_.Append(decoded);
}

void LinkRoleTracker::CloseHeading(size_t index) {
  capture_owner_ = kNone;
  if (index == 0) return;
  const int rank = stack_[index].heading_rank;
  if (rank == 0) {
    // A label in a block's <header> ("Anzeige" beside "Unsere
    // Finanztipps"): when it says advertisement, the block (the header's
    // parent) is commercial. Elsewhere such labels mark ad slots inside a
    // story ("ad-label" in heise's article body), not the story.
    if (index >= 2 && stack_[index - 1].tag == HtmlTag::kHeader) {
      FoldForMatch(capture_.view(), folded_);
      if (IsCommercialHeadingFolded(folded_)) stack_[index - 2].commercial = true;
    }
    return;
  }
  const HeadingVerdict verdict = HeadingVerdictOf(capture_.view(), folded_);
  if (verdict.commercial) {
    Element& parent = stack_[index - 1];
    parent.commercial = true;
    if (parent.children == 1) parent.commercial_pass = true;
    return;
  }
  if (verdict.site_list) {
    Element& parent = stack_[index - 1];
    parent.site_list = true;
    if (parent.children == 1) parent.site_list_pass = true;
    return;
  }
  int result = 0;
  if (verdict.related) {
    result = rank;
  } else if (!capture_has_link_) {
    result = -rank;
  }
  if (result == 0) return;
  ApplyHeadingResult(index - 1, result);
  Element& parent = stack_[index - 1];
  if (parent.children == 1) parent.heading_result = static_cast<int8_t>(result);
}

void LinkRoleTracker::ApplyHeadingResult(size_t target, int result) {
  Element& t = stack_[target];
  if (result > 0) {
    t.mark_rank = static_cast<uint8_t>(result);
  } else if (t.mark_rank != 0 && -result <= t.mark_rank) {
    t.mark_rank = 0;
  }
}

LinkContext LinkRoleTracker::Context() const {
  LinkContext c;
  bool sectioning = false;
  bool header = false;
  bool element_nav = false;  // by <nav> or role=navigation
  bool class_nav = false;    // by a class or id word only ("pagination", "subnav")
  bool page_header = false;  // nav by being in the page header
  bool in_article = false;
  uint64_t group = 14695981039346656037ull;
  for (const Element& e : stack_) {
    group = (group ^ ((uint64_t{e.name_hash} << 32) | e.class_hash)) * 1099511628211ull;
    const uint16_t f = e.features;
    if (e.tag == HtmlTag::kFooter || (f & kFooter)) c.footer = true;
    if (e.tag == HtmlTag::kNav || (f & kNavRole)) {
      element_nav = true;
    } else if (f & kNav) {
      class_nav = true;
    } else if (e.tag == HtmlTag::kArticle && class_nav && !element_nav) {
      // A story inside a container that only a class word calls navigation
      // ("article-gallery pagination", a carousel's pager class): one token
      // does not make the stories in it menu entries.
      class_nav = false;
    }
    if (e.tag == HtmlTag::kHeader) {
      if (!sectioning) page_header = true;  // the page header: logo, menus, services
      header = true;
    }
    if (header && (e.traits & html_trait::kList)) page_header = true;
    if ((f & kRelated) || e.mark_rank) c.related = true;
    if (e.commercial) c.commercial = true;
    if (e.site_list) c.site_list = true;
    if (IsHeadingTag(e.tag, 4) || (f & kTitle)) c.heading = true;
    if (e.tag == HtmlTag::kP) c.paragraph = true;
    if (e.tag == HtmlTag::kLi) c.list_item = true;
    if (e.traits & html_trait::kList) c.list = true;
    if (e.tag == HtmlTag::kSection || (f & kLinkBlock)) c.link_block = true;
    if (e.tag == HtmlTag::kArticle && (c.list || c.link_block)) c.link_block = true;
    if (e.tag == HtmlTag::kAside && in_article) c.article_aside = true;
    if (e.tag == HtmlTag::kArticle) in_article = true;
    if (f & kArticleBody) c.in_body = true;
    if (e.tag == HtmlTag::kArticle || e.tag == HtmlTag::kSection || e.tag == HtmlTag::kAside ||
        e.tag == HtmlTag::kMain) {
      sectioning = true;
    }
  }
  c.in_article = in_article;
  if (c.site_list) c.related = false;
  c.nav = element_nav || class_nav || page_header;
  c.header_nav = page_header && !element_nav && !class_nav;
  c.group = group;
  return c;
}

}  // namespace nc
