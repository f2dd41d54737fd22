#include "crawler/extract/link_roles.h"

#include <algorithm>
#include <iterator>

#include "common/ascii.h"

namespace nc {
namespace {

using namespace link_feature;  // NOLINT: short flag names

uint32_t NameHash(std::string_view name) {  // FNV-1a
  uint32_t h = 2166136261u;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

const uint32_t kHashP = NameHash("p");

bool Contains(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}

uint16_t WordFeatures(std::string_view w) {
  uint16_t f = 0;
  if (w.starts_with("nav") || w.ends_with("nav") || Contains(w, "navigation") ||
      w.starts_with("menu") || w.ends_with("menu") || Contains(w, "breadcrumb") || w == "ariane" ||
      w.starts_with("pagin") || w == "pager") {
    f |= kNav;
  }
  if (Contains(w, "footer") || w.starts_with("pied") || w.starts_with("share") || w == "sharing" ||
      w.starts_with("social") || w == "sociaux" || w.starts_with("partag")) {
    f |= kFooter;
  }
  if (w == "une" || w == "alaune" || Contains(w, "headline") || Contains(w, "list") ||
      Contains(w, "teaser") || Contains(w, "story") || Contains(w, "stories") ||
      w.starts_with("card") || w.ends_with("card") || w.ends_with("item") || w.ends_with("items") ||
      w == "news" || w.starts_with("actu") || w == "post" || w == "posts" ||
      Contains(w, "article") || w == "entry" || w == "entries" || w == "feed") {
    f |= kLinkBlock;
  }
  if (Contains(w, "title") || Contains(w, "titre")) f |= kTitle;
  if (w == "lies" || w == "connexes" || w == "lireaussi" || w == "alire" || w == "memesujet" ||
      w == "readmore" || w == "morestories" || w == "seealso" || w == "voiraussi" ||
      Contains(w, "related")) {
    f |= kRelated;
  }
  return f;
}

// Phrases spread over several words of a class name ("lire-aussi").
constexpr std::string_view kRelatedClassPhrases[] = {"lire aussi", "a lire",    "meme sujet",
                                                     "same topic", "read more", "more stories",
                                                     "see also",   "voir aussi"};

uint16_t AttributeFeatures(std::string_view value, std::string& folded) {
  FoldForMatch(value, folded);
  uint16_t f = 0;
  size_t i = 0;
  while (i < folded.size()) {
    size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    f |= WordFeatures(std::string_view(folded).substr(i, j - i));
    i = j + 1;
  }
  if (!(f & kRelated)) {
    for (std::string_view phrase : kRelatedClassPhrases) {
      if (ContainsPhrase(folded, phrase)) {
        f |= kRelated;
        break;
      }
    }
  }
  return f;
}

// Folded heading texts that introduce related headlines.
constexpr std::string_view kRelatedHeadings[] = {
    "articles lies",  "lire aussi",        "a lire aussi",      "a lire egalement",
    "lire egalement", "sur le meme sujet", "sur le meme theme", "dans la meme rubrique",
    "a voir aussi",   "voir aussi",        "related",           "read more",
    "more on this",   "see also",          "more stories",      "you may also like",
    "also read",      "read also",         "articles connexes"};

bool IsHeadingTag(HtmlTag tag, int max_rank) {
  switch (tag) {
    case HtmlTag::kH1:
      return max_rank >= 1;
    case HtmlTag::kH2:
      return max_rank >= 2;
    case HtmlTag::kH3:
      return max_rank >= 3;
    case HtmlTag::kH4:
      return max_rank >= 4;
    case HtmlTag::kH5:
      return max_rank >= 5;
    case HtmlTag::kH6:
      return max_rank >= 6;
    default:
      return false;
  }
}

bool CanHoldRelatedClass(HtmlTag tag) {
  return tag == HtmlTag::kSection || tag == HtmlTag::kAside || tag == HtmlTag::kDiv ||
         tag == HtmlTag::kUl || tag == HtmlTag::kOl || tag == HtmlTag::kDl;
}

bool IsRelatedHeadingFolded(std::string_view folded) {
  const size_t words = folded.empty() ? 0 : std::count(folded.begin(), folded.end(), ' ') + 1;
  for (std::string_view phrase : kRelatedHeadings) {
    if (folded.starts_with(phrase) &&
        (folded.size() == phrase.size() || folded[phrase.size()] == ' ')) {
      return true;
    }
    if (words <= 5 && ContainsPhrase(folded, phrase)) return true;
  }
  return false;
}

uint64_t Hash64(std::string_view s) {  // FNV-1a, 64-bit
  uint64_t h = 14695981039346656037ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

}  // namespace

uint16_t ClassFeatures(const HtmlToken& tag, std::string& folded) {
  uint16_t f = 0;
  for (const HtmlAttribute& a : tag.attributes) {
    if (a.name == "class" || a.name == "id") {
      f |= AttributeFeatures(a.value, folded);
    } else if (a.name == "role") {
      if (ascii::EqualsIgnoreCase(a.value, "navigation")) f |= kNav;
      if (ascii::EqualsIgnoreCase(a.value, "contentinfo")) f |= kFooter;
    }
  }
  return f;
}

bool IsRelatedHeading(std::string_view heading_text) {
  std::string folded;
  FoldForMatch(heading_text, folded);
  return IsRelatedHeadingFolded(folded);
}

bool IsHeadlineText(std::string_view anchor_text) {
  if (anchor_text.empty()) return false;
  const size_t words = std::count(anchor_text.begin(), anchor_text.end(), ' ') + 1;
  return words >= 3 || Utf8Length(anchor_text) >= 20;
}

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

LinkRoleTracker::LinkRoleTracker() : cache_(kCacheSlots), capture_(kMaxHeadingBytes) {
  stack_.reserve(64);
}

uint16_t LinkRoleTracker::CachedAttributeFeatures(std::string_view value) {
  const uint64_t hash = Hash64(value);
  CachedFeatures& slot = cache_[hash % kCacheSlots];
  if (!slot.used || slot.hash != hash) {
    slot = {hash, AttributeFeatures(value, folded_), true};
  }
  return slot.features;
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
    } else if (a.name == "role") {
      if (ascii::EqualsIgnoreCase(a.value, "navigation")) e.features |= kNav;
      if (ascii::EqualsIgnoreCase(a.value, "contentinfo")) e.features |= kFooter;
    }
  }
  if (!CanHoldRelatedClass(e.tag)) e.features &= static_cast<uint16_t>(~kRelated);
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
  if (element.heading_rank && capture_owner_ == kNone) {
    capture_owner_ = stack_.size() - 1;
    capture_.Clear();
    capture_has_link_ = false;
  }
}

void LinkRoleTracker::CloseImplied(const HtmlTagInfo& info) {
  if (info.Has(html_trait::kClosesP)) {
    if (size_t p = FindOpen(kHashP, html_trait::kScopeBoundary); p != kNone) PopTo(p);
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
  // A block that held nothing but a heading passes the heading's verdict on.
  if (e.heading_result != 0 && e.children == 1 && index >= 1)
    ApplyHeadingResult(index - 1, e.heading_result);
  stack_.pop_back();
  low_water_ = std::min(low_water_, stack_.size());
}

void LinkRoleTracker::OnText(std::string_view decoded) {
  if (capturing()) capture_.Append(decoded);
}

void LinkRoleTracker::CloseHeading(size_t index) {
  capture_owner_ = kNone;
  if (index == 0) return;
  FoldForMatch(capture_.view(), folded_);
  const int rank = stack_[index].heading_rank;
  int result = 0;
  if (IsRelatedHeadingFolded(folded_)) {
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
  for (const Element& e : stack_) {
    const uint16_t f = e.features;
    if (e.tag == HtmlTag::kFooter || (f & kFooter)) c.footer = true;
    if (e.tag == HtmlTag::kNav || (f & kNav)) c.nav = true;
    if (e.tag == HtmlTag::kHeader) {
      if (!sectioning) c.nav = true;  // the page header: logo, menus, services
      header = true;
    }
    if (header && (e.traits & html_trait::kList)) c.nav = true;
    if ((f & kRelated) || e.mark_rank) c.related = true;
    if (IsHeadingTag(e.tag, 4) || (f & kTitle)) c.heading = true;
    if (e.tag == HtmlTag::kP) c.paragraph = true;
    if (e.tag == HtmlTag::kLi) c.list_item = true;
    if (e.traits & html_trait::kList) c.list = true;
    if (e.tag == HtmlTag::kSection || (f & kLinkBlock)) c.link_block = true;
    if (e.tag == HtmlTag::kArticle && (c.list || c.link_block)) c.link_block = true;
    if (e.tag == HtmlTag::kArticle || e.tag == HtmlTag::kSection || e.tag == HtmlTag::kAside ||
        e.tag == HtmlTag::kMain) {
      sectioning = true;
    }
  }
  return c;
}

}  // namespace nc
