#include "crawler/extract/html_links.h"

#include <string>

#include "common/ascii.h"
#include "crawler/extract/article_dom.h"
#include "crawler/extract/html_entities.h"
#include "crawler/extract/html_tags.h"
#include "crawler/extract/html_text.h"
#include "crawler/extract/html_tokenizer.h"
#include "crawler/extract/link_features.h"
#include "crawler/extract/link_href_memo.h"
#include "crawler/extract/link_roles.h"

namespace nc {
namespace {

constexpr size_t kMaxAnchorTextBytes = 512;
constexpr size_t kMaxTitleBytes = 1024;
// Inline text before a link that may introduce it ("À lire aussi :"); a
// longer run of text is a sentence, not such a prefix.
constexpr size_t kMaxPrefixBytes = 64;
// The shortest read-also phrase ("related", "see also"): shorter block texts
// are not folded and matched at each block end.
constexpr size_t kMinCarriedPrefixBytes = 7;

using ascii::EqualsIgnoreCase;
using ascii::IsHtmlSpace;

// Calls `f` for each token of `value` split on ASCII whitespace and
// `extra_separator`.
template <class F>
void ForEachToken(std::string_view value, char extra_separator, F f) {
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (IsHtmlSpace(value[i]) || value[i] == extra_separator)) ++i;
    size_t j = i;
    while (j < value.size() && !IsHtmlSpace(value[j]) && value[j] != extra_separator) ++j;
    if (j > i) f(value.substr(i, j - i));
    i = j;
  }
}

// An open <a>: where its link is, what surrounds it, what it says.
struct OpenAnchor {
  bool open = false;
  bool has_href = false;
  size_t link_index = 0;
  size_t depth = 0;  // open elements when it started; closing one of them ends it
  LinkContext context;
  bool contains_heading = false;
  bool own_related = false;  // the <a>'s own class says related ("correlatedLink")
  bool time_marked = false;  // carries its item's time: TimeMarkedAnchor, or a <time> inside
  CollapsedText text{kMaxAnchorTextBytes};
  CollapsedText alt{kMaxAnchorTextBytes};
};

class Extractor {
 public:
  // The tokens reach the On* handlers below through DispatchHtmlToken.
  template <typename Handler>
  friend void nc::DispatchHtmlToken(const HtmlToken& token, Handler& handler);

  Extractor(std::string_view html, std::string_view page_url)
      : tokenizer_(html), page_url_(page_url) {}

  // kScanToo: every token also goes to `scanner` (the article scan), so a
  // crawled article page is tokenized once; without it the loop is the
  // link extraction alone.
  template <bool kScanToo>
  PageLinks Run(PageScanner* scanner) {
    HtmlToken token;
    while (tokenizer_.Next(token)) {
      if constexpr (kScanToo) scanner->OnToken(token);
      DispatchHtmlToken(token, *this);
    }
    CloseAnchor();
    ResolveLinkRoles(page_.links, observations_, page_url_);
    page_.title = title_.Take();
    return std::move(page_);
  }

 private:
  void OnText(const HtmlToken& token) {
    if (token.foreign) return;
    const bool for_title = in_title_ && token.text_kind == HtmlTextKind::kRcdata;
    const bool data = token.text_kind == HtmlTextKind::kData;
    const bool for_anchor = data && anchor_.open && anchor_.has_href && !anchor_.text.full();
    const bool for_heading = data && roles_.capturing();
    if (data && !anchor_.open) NotePrefixText(token.text);
    if (!for_title && !for_anchor && !for_heading) return;
    decoded_.clear();
    AppendDecodedHtml(token.text, /*in_attribute=*/false, decoded_);
    if (for_title) title_.Append(decoded_);
    if (for_anchor) anchor_.text.Append(decoded_);
    if (for_heading) roles_.OnText(decoded_);
  }

  // Inline text before a link, kept raw: it is decoded only when a link
  // follows, and only when it is short enough to be a prefix. Whitespace
  // between tags (most text tokens of a link-dense page) costs one scan.
  void NotePrefixText(std::string_view raw) {
    if (prefix_raw_.empty()) {
      size_t i = 0;
      while (i < raw.size() && IsHtmlSpace(raw[i])) ++i;
      if (i == raw.size()) return;
      raw.remove_prefix(i);
    }
    // A sentence runs before the link: only its tail is kept, where an
    // inline "À LIRE AUSSI" after the sentence's end would be.
    if (raw.size() > 2 * kMaxPrefixBytes) raw.remove_prefix(raw.size() - 2 * kMaxPrefixBytes);
    prefix_raw_.append(raw);
    if (prefix_raw_.size() > 2 * kMaxPrefixBytes) {
      prefix_raw_.erase(0, prefix_raw_.size() - 2 * kMaxPrefixBytes);
      prefix_truncated_ = true;
    }
  }

  bool PrefixIsRelated() {
    if (prefix_raw_.empty()) return false;
    decoded_.clear();
    AppendDecodedHtml(prefix_raw_, /*in_attribute=*/false, decoded_);
    std::string_view text = decoded_;
    if (prefix_truncated_) {
      // After a sentence only what follows its end can introduce the link.
      size_t end = text.find_last_of(".!?");
      const size_t quote = text.rfind("\xC2\xBB");  // »
      if (quote != std::string_view::npos && (end == std::string_view::npos || quote > end)) {
        end = quote + 1;
      }
      if (end == std::string_view::npos) return false;
      text.remove_prefix(end + 1);
    }
    return text.size() <= kMaxPrefixBytes && IsRelatedPrefix(text, scratch_);
  }

  void ClearPrefix() {
    prefix_raw_.clear();
    prefix_truncated_ = false;
  }

  // A block boundary: the inline text before the next link starts again.
  // A block whose text after its last link is a read-also phrase alone
  // ("<p><strong>LIRE AUSSI SUR REGARDS.FR</strong></p>") introduces the
  // first link of the blocks that follow (carried_related_).
  void EndInlineRun() {
    if (prefix_truncated_ || prefix_raw_.size() > kMaxPrefixBytes) {
      carried_related_ = false;
    } else if (!PrefixHasNoWords()) {  // a block of "&nbsp;" or ">>" carries it on
      carried_related_ = prefix_raw_.size() >= kMinCarriedPrefixBytes && PrefixIsRelated();
    }
    ClearPrefix();
    prefix_related_ = false;
  }

  // True when the inline text (as written) holds no letter or digit outside
  // character references (">> ", "&gt;&gt;", "&nbsp;"): nothing of its own
  // stands between a carried read-also phrase and the link. Non-ASCII text
  // counts as words ("→" too: rare, and on the safe side).
  bool PrefixHasNoWords() const {
    const std::string_view raw = prefix_raw_;
    for (size_t i = 0; i < raw.size(); ++i) {
      const auto u = static_cast<unsigned char>(raw[i]);
      if (u == '&') {
        size_t j = i + 1;
        while (j < raw.size() && j - i <= 10 && (ascii::IsAlnum(raw[j]) || raw[j] == '#')) ++j;
        if (j < raw.size() && raw[j] == ';' && j > i + 1) {
          i = j;
          continue;
        }
      }
      if (u >= 0x80 || ascii::IsAlnum(raw[i])) return false;
    }
    return true;
  }

  void OnStartTag(const HtmlToken& token) {
    const HtmlTagInfo& info = token.info;
    switch (info.tag) {
      case HtmlTag::kA:
        OpenAnchorTag(token);
        return;
      case HtmlTag::kArea:
        AddArea(token);
        break;
      case HtmlTag::kBase:
        if (!base_seen_) {
          if (auto href = token.Attribute("href")) {
            page_.base_href = std::string(*href);
            base_seen_ = true;
          }
        }
        break;
      case HtmlTag::kMeta:
        OnMeta(token);
        break;
      case HtmlTag::kOther:
        // <link> has no tag of its own (nothing else needs it): compare the name.
        if (token.name == "link") OnLinkElement(token);
        break;
      case HtmlTag::kTitle:
        in_title_ = !title_seen_;
        break;
      default:
        break;
    }
    if (!info.Has(html_trait::kInline)) EndInlineRun();
    roles_.ResetLowWater();
    roles_.OnStartTag(token, info);
    if (!anchor_.open) return;
    if (roles_.low_water() < anchor_.depth) {  // the block the <a> was in has closed
      CloseAnchor();
      return;
    }
    if (info.tag == HtmlTag::kOther && token.name == "time") anchor_.time_marked = true;
    if (info.tag == HtmlTag::kImg) {
      if (auto alt = token.Attribute("alt")) {
        anchor_.alt.Break();
        anchor_.alt.Append(*alt);
      }
    }
    if ((info.heading_rank >= 1 && info.heading_rank <= 4) ||
        (roles_.TagClassFeatures(token) & link_feature::kTitle)) {
      anchor_.contains_heading = true;
    }
    if (!info.Has(html_trait::kInline)) anchor_.text.Break();
  }

  void OnEndTag(const HtmlToken& token) {
    const HtmlTagInfo& info = token.info;
    if (info.tag == HtmlTag::kA) {
      CloseAnchor();
      return;
    }
    if (info.tag == HtmlTag::kTitle && in_title_) {
      in_title_ = false;
      title_seen_ = true;
    }
    if (!info.Has(html_trait::kInline)) EndInlineRun();
    roles_.ResetLowWater();
    roles_.OnEndTag(token.name, info);
    if (!anchor_.open) return;
    if (roles_.low_water() < anchor_.depth) {
      CloseAnchor();
      return;
    }
    if (!info.Has(html_trait::kInline)) anchor_.text.Break();
  }

  void OpenAnchorTag(const HtmlToken& token) {
    CloseAnchor();  // an unclosed <a> ends at the next one
    anchor_.open = true;
    anchor_.depth = roles_.depth();
    anchor_.contains_heading = false;
    anchor_.own_related = false;
    anchor_.time_marked = TimeMarkedAnchor(token);
    anchor_.text.Clear();
    anchor_.alt.Clear();
    const auto href = token.Attribute("href");
    anchor_.has_href = href.has_value();
    if (!href) return;
    roles_.NoteLink();
    anchor_.context = roles_.Context();
    // "<p><span>À lire aussi</span> <a>...</a></p>": an inline read-also
    // pointer; it covers the links that follow it in the same block.
    if (!prefix_related_ &&
        (PrefixIsRelated() || (carried_related_ && PrefixHasNoWords()))) {
      prefix_related_ = true;
    }
    carried_related_ = false;
    if (prefix_related_) anchor_.context.related = true;
    ClearPrefix();
    // The link's own class may say nav/footer/social too, and related when
    // its text is a title (20 Minutes "correlatedLink"), not a teaser's
    // "Read more" continuation link.
    const uint16_t own = roles_.TagClassFeatures(token);
    if (own & link_feature::kNav) {
      anchor_.context.nav = true;
      anchor_.context.header_nav = false;
    }
    if (own & link_feature::kFooter) anchor_.context.footer = true;
    anchor_.own_related = own & link_feature::kRelated;
    anchor_.link_index = page_.links.size();
    page_.links.push_back(NewLink(token, *href));
  }

  void CloseAnchor() {
    if (!anchor_.open) return;
    anchor_.open = false;
    if (!anchor_.has_href) return;
    ExtractedLink& link = page_.links[anchor_.link_index];
    link.anchor_text = anchor_.text.empty() ? anchor_.alt.Take() : anchor_.text.Take();
    if (anchor_.own_related && IsHeadlineText(link.anchor_text)) anchor_.context.related = true;
    Observe(anchor_.link_index, anchor_.context, anchor_.contains_heading, link);
    observations_[anchor_.link_index].time_marked = anchor_.time_marked;
  }

  // The structural role; the page-level pass (ResolveLinkRoles) decides.
  void Observe(size_t index, const LinkContext& context, bool contains_heading,
               ExtractedLink& link) {
    // An <area> inside an open <a> is observed first: index, not order.
    if (observations_.size() <= index) observations_.resize(index + 1);
    LinkObservation& o = observations_[index];
    o.context = context;
    o.contains_heading = contains_heading;
    const LinkRole structural = ClassifyLink(context, link.anchor_text, contains_heading);
    o.structural_role = MemoRoleForHref(structural, link.href);
    o.href_decided = o.structural_role != structural;
    link.role = o.structural_role;
  }

  void AddArea(const HtmlToken& token) {
    const auto href = token.Attribute("href");
    if (!href) return;
    ExtractedLink link = NewLink(token, *href);
    CollapsedText text(kMaxAnchorTextBytes);
    if (auto alt = token.Attribute("alt")) text.Append(*alt);
    link.anchor_text = text.Take();
    LinkContext context = roles_.Context();
    const uint16_t own = roles_.TagClassFeatures(token);
    if (own & link_feature::kNav) {
      context.nav = true;
      context.header_nav = false;
    }
    if (own & link_feature::kFooter) context.footer = true;
    Observe(page_.links.size(), context, /*contains_heading=*/false, link);
    page_.links.push_back(std::move(link));
  }

  static ExtractedLink NewLink(const HtmlToken& token, std::string_view href) {
    ExtractedLink link;
    link.href = std::string(href);
    if (auto rel = token.Attribute("rel")) {
      ForEachToken(*rel, '\0', [&](std::string_view t) {
        if (EqualsIgnoreCase(t, "nofollow")) link.rel_nofollow = true;
      });
    }
    return link;
  }

  // <link rel="alternate" type="application/rss+xml|application/atom+xml" href>.
  void OnLinkElement(const HtmlToken& token) {
    if (page_.feed_hrefs.size() >= kMaxFeedHrefs) return;
    const auto rel = token.Attribute("rel");
    const auto type = token.Attribute("type");
    const auto href = token.Attribute("href");
    if (!rel || !type || !href) return;
    bool alternate = false;
    ForEachToken(*rel, '\0', [&](std::string_view t) {
      if (EqualsIgnoreCase(t, "alternate")) alternate = true;
    });
    if (!alternate) return;
    std::string_view media = type->substr(0, type->find(';'));
    while (!media.empty() && IsHtmlSpace(media.front())) media.remove_prefix(1);
    while (!media.empty() && IsHtmlSpace(media.back())) media.remove_suffix(1);
    if (EqualsIgnoreCase(media, "application/rss+xml") ||
        EqualsIgnoreCase(media, "application/atom+xml")) {
      page_.feed_hrefs.emplace_back(*href);
    }
  }

  void OnMeta(const HtmlToken& token) {
    const auto name = token.Attribute("name");
    const auto content = token.Attribute("content");
    if (!name || !content) return;
    if (!EqualsIgnoreCase(*name, "robots") && !EqualsIgnoreCase(*name, "newscrawl")) return;
    ForEachToken(*content, ',', [&](std::string_view t) {
      if (EqualsIgnoreCase(t, "nofollow") || EqualsIgnoreCase(t, "none"))
        page_.meta_nofollow = true;
      if (EqualsIgnoreCase(t, "noindex") || EqualsIgnoreCase(t, "none")) page_.meta_noindex = true;
    });
  }

  HtmlTokenizer tokenizer_;
  std::string_view page_url_;
  LinkRoleTracker roles_;
  PageLinks page_;
  std::vector<LinkObservation> observations_;  // one per link of page_, same order
  OpenAnchor anchor_;
  CollapsedText title_{kMaxTitleBytes};
  std::string prefix_raw_;         // inline text (as written) since a block boundary or link
  bool prefix_truncated_ = false;  // ...of which only the tail is kept
  bool prefix_related_ = false;    // a read-also prefix leads this inline run
  bool carried_related_ = false;   // a block of a read-also phrase alone just ended
  bool in_title_ = false;
  bool title_seen_ = false;
  bool base_seen_ = false;
  std::string decoded_;
  std::string scratch_;
};

}  // namespace

PageLinks ExtractLinks(std::string_view html, std::string_view page_url) {
  return Extractor(html, page_url).Run<false>(nullptr);
}

PageLinks ExtractLinks(std::string_view html, std::string_view page_url, PageScanner& scanner) {
  return Extractor(html, page_url).Run<true>(&scanner);
}

}  // namespace nc
