#include "crawler/extract/article_dom.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "common/ascii.h"
#include "common/stable_hash.h"
#include "crawler/extract/article_dom_words.h"
#include "crawler/extract/html_entities.h"
#include "crawler/extract/html_tags.h"
#include "crawler/extract/html_text.h"
#include "crawler/extract/html_tokenizer.h"

namespace nc {
namespace {

using ascii::EqualsIgnoreCase;

constexpr uint32_t HashName(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

using article_dom_words::HasAdWord;
using article_dom_words::IsWholeWord;
using article_dom_words::kBylineWords;
using article_dom_words::kDateWords;
using article_dom_words::kMaybe;
using article_dom_words::kNegative;
using article_dom_words::kPositive;
using article_dom_words::kUnlikely;

// Which of the word lists above have a word inside a class/id string, in
// one pass over it: at each byte only the words that start with that byte
// are compared. (A find per word cost ~10,000 instructions per string on
// real pages, whose long utility-class lists rarely repeat: half the
// article work per page.)
namespace word_list {
inline constexpr uint8_t kUnlikelyList = 1 << 0;
inline constexpr uint8_t kMaybeList = 1 << 1;
inline constexpr uint8_t kNegativeList = 1 << 2;
inline constexpr uint8_t kPositiveList = 1 << 3;
inline constexpr uint8_t kDateList = 1 << 4;
inline constexpr uint8_t kBylineList = 1 << 5;
}  // namespace word_list

class ClassWordIndex {
 public:
  ClassWordIndex() {
    Add(kUnlikely, word_list::kUnlikelyList);
    Add(kMaybe, word_list::kMaybeList, /*whole_word=*/true);
    Add(kNegative, word_list::kNegativeList);
    Add(kPositive, word_list::kPositiveList);
    Add(kDateWords, word_list::kDateList);
    Add(kBylineWords, word_list::kBylineList);
  }

  // The lists (word_list bits) with a word that occurs in `text` (`written`
  // lower-cased): anywhere in it, or, for the lists added whole_word, as a
  // whole word of `written` (article_dom_words::IsWholeWord).
  uint8_t ListsIn(std::string_view text, std::string_view written) const {
    uint8_t lists = 0;
    const size_t size = text.size();
    for (size_t i = 0; i + 1 < size; ++i) {  // every word has 2+ bytes
      const auto& bucket = by_first_[static_cast<unsigned char>(text[i])];
      for (const Entry& e : bucket) {
        const uint8_t all = e.lists | e.word_lists;
        if (e.word[1] != text[i + 1] || (lists & all) == all) continue;
        if (text.substr(i, e.word.size()) != e.word) continue;
        lists |= e.lists;
        if (e.word_lists != 0 && IsWholeWord(written, i, e.word.size())) lists |= e.word_lists;
      }
    }
    return lists;
  }

 private:
  struct Entry {
    std::string_view word;
    uint8_t lists;       // found anywhere
    uint8_t word_lists;  // found as a whole word only
  };
  template <size_t N>
  void Add(const std::array<std::string_view, N>& words, uint8_t list, bool whole_word = false) {
    for (std::string_view w : words) {
      auto& bucket = by_first_[static_cast<unsigned char>(w[0])];
      Entry* entry = nullptr;
      for (Entry& e : bucket) {
        if (e.word == w) entry = &e;
      }
      if (entry == nullptr) entry = &bucket.emplace_back(Entry{w, 0, 0});
      (whole_word ? entry->word_lists : entry->lists) |= list;
    }
  }
  std::array<std::vector<Entry>, 256> by_first_;
};

// The attributes an element's node reads, found in one pass over the tag's
// attributes (a look-up by name per attribute cost six passes per element;
// the tokenizer keeps one attribute per name, so the first match is the
// only one). Most elements have none or only a class.
struct NodeAttributes {
  std::optional<std::string_view> class_name;
  std::optional<std::string_view> id;
  std::optional<std::string_view> style;
  std::optional<std::string_view> aria_hidden;
  bool hidden = false;
  bool itemprop = false;
};

NodeAttributes ReadNodeAttributes(const HtmlToken& token) {
  NodeAttributes a;
  for (const HtmlAttribute& attribute : token.attributes) {
    const std::string_view name = attribute.name;
    switch (name.size()) {  // the length first: most names are none of these
      case 2:
        if (name == "id") a.id = attribute.value;
        break;
      case 5:
        if (name == "class") {
          a.class_name = attribute.value;
        } else if (name == "style") {
          a.style = attribute.value;
        }
        break;
      case 6:
        if (name == "hidden") a.hidden = true;
        break;
      case 8:
        if (name == "itemprop") a.itemprop = true;
        break;
      case 11:
        if (name == "aria-hidden") a.aria_hidden = attribute.value;
        break;
      default:
        break;
    }
  }
  return a;
}

bool IsHidden(const NodeAttributes& attributes) {
  if (attributes.hidden) return true;
  if (attributes.aria_hidden && EqualsIgnoreCase(*attributes.aria_hidden, "true")) return true;
  if (const auto& style = attributes.style) {
    std::string lower = ascii::ToLower(*style);
    std::erase(lower, ' ');
    if (lower.find("display:none") != std::string::npos ||
        lower.find("visibility:hidden") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// Names (lower-case) whose content is never article text.
bool IsSkippedName(std::string_view name, HtmlTag tag) {
  switch (tag) {
    case HtmlTag::kNav:
    case HtmlTag::kFooter:
    case HtmlTag::kAside:
    case HtmlTag::kMenu:
      return true;
    case HtmlTag::kOther:
      return name == "button" || name == "select" || name == "noscript" || name == "template" ||
             name == "dialog" || name == "figure" || name == "figcaption" || name == "label" ||
             name == "object" || name == "svg" || name == "math";
    default:
      return false;
  }
}

}  // namespace

class PageScanner::Impl {
 public:
  // Room for the elements and blocks of a typical article page (~100 of
  // each), so that the vectors do not grow step by step.
  Impl() {
    page_.nodes.reserve(128);
    page_.blocks.reserve(128);
  }

  // The tokens reach the On* handlers below through DispatchHtmlToken.
  template <typename Handler>
  friend void nc::DispatchHtmlToken(const HtmlToken& token, Handler& handler);

  void OnToken(const HtmlToken& token) { DispatchHtmlToken(token, *this); }

  PageScan Finish() {
    Flush();
    page_.title = title_.Take();
    return std::move(page_);
  }

 private:
  uint16_t TopFlags() const {
    return stack_.empty() ? 0 : page_.nodes[static_cast<size_t>(stack_.back())].flags;
  }

  void OnText(const HtmlToken& token) {
    if (token.text_kind == HtmlTextKind::kRawText) {
      if (in_json_ld_) page_.json_ld.emplace_back(token.text);
      return;
    }
    if (token.text_kind == HtmlTextKind::kRcdata) {
      if (in_title_) {
        decoded_.clear();
        AppendDecodedHtml(token.text, false, decoded_);
        title_.Append(decoded_);
      }
      return;
    }
    if (token.foreign || token.text_kind != HtmlTextKind::kData) return;
    if (TopFlags() & dom_flag::kSkip) return;
    if (page_text_ >= kMaxPageTextBytes) {
      page_.truncated = true;
      return;
    }
    // Most text has no character reference: it is collapsed straight from
    // the token, without a decoded copy.
    std::string_view text = token.text;
    bool as_is = true;  // the text appended is the token's bytes
    if (text.find('&') != std::string_view::npos) {
      decoded_.clear();
      AppendDecodedHtml(token.text, false, decoded_);
      text = decoded_;
      as_is = false;
    }
    if (!block_.empty()) {
      block_verbatim_ = false;  // a second token: text from two places in the page
    } else {
      bool blank = true;
      for (char c : text) {
        if (!ascii::IsHtmlSpace(c)) {
          blank = false;
          break;
        }
      }
      if (blank) return;
      block_node_ = BlockOwner();
      block_flags_ = TopFlags();
      block_source_ = token.text.data();
      block_verbatim_ = as_is;
    }
    const size_t before = block_.view().size();
    block_.Append(text);
    const size_t added = block_.view().size() - before;
    page_text_ += added;
    if (anchor_open_) block_link_bytes_ += static_cast<uint32_t>(added);
  }

  int32_t BlockOwner() const {
    for (size_t i = stack_.size(); i-- > 0;) {
      const DomNode& n = page_.nodes[static_cast<size_t>(stack_[i])];
      if (!(n.traits & html_trait::kInline)) return stack_[i];
    }
    return -1;
  }

  void Flush() {
    if (block_.empty()) {
      block_.Clear();
      block_link_bytes_ = 0;
      return;
    }
    TextBlock b;
    b.node = block_node_;
    b.flags = block_flags_;
    if (block_node_ >= 0) {
      const DomNode& n = page_.nodes[static_cast<size_t>(block_node_)];
      b.flags |= n.flags;
      b.heading_rank = HeadingRank(n.tag);
    }
    const TextCounts counts = block_.counts();
    b.chars = static_cast<uint32_t>(counts.chars);
    b.commas = static_cast<uint32_t>(counts.commas);
    b.verbatim = block_verbatim_ && block_.verbatim();
    b.text = page_.block_texts.Add(block_.view());
    b.source = block_source_;
    b.link_bytes = std::min<uint32_t>(block_link_bytes_, static_cast<uint32_t>(b.text.size()));
    page_.blocks.push_back(b);
    block_.Clear();
    block_link_bytes_ = 0;
  }

  void OnStartTag(const HtmlToken& token) {
    const HtmlTagInfo& info = token.info;
    const std::string_view name = token.name;
    if (info.tag == HtmlTag::kA) {
      if (token.Attribute("href")) anchor_open_ = true;
      return;
    }
    if (info.tag == HtmlTag::kTitle) {
      in_title_ = !title_seen_;
      return;
    }
    if (info.tag == HtmlTag::kMeta) {
      OnMeta(token);
      return;
    }
    if (name == "html") {
      if (auto lang = token.Attribute("lang"); lang && page_.html_lang.empty()) {
        page_.html_lang = std::string(*lang);
      }
      return;
    }
    if (name == "link") {
      OnLink(token);
      return;
    }
    if (name == "script") {
      auto type = token.Attribute("type");
      in_json_ld_ = type && EqualsIgnoreCase(*type, "application/ld+json");
      return;
    }
    if (name == "br") {
      block_.Break();
      return;
    }
    if (!info.Has(html_trait::kInline)) Flush();
    const NodeAttributes attributes = ReadNodeAttributes(token);
    if (name == "time" || attributes.itemprop) NoteTime(token);
    if (info.Has(html_trait::kVoid) || info.Has(html_trait::kNotTracked)) return;
    CloseImplied(info, name);
    if (stack_.size() >= kMaxDomDepth || page_.nodes.size() >= kMaxDomNodes) {
      ++page_.skipped_nodes;
      return;
    }
    Push(token, info, attributes);
  }

  void Push(const HtmlToken& token, const HtmlTagInfo& info, const NodeAttributes& attributes) {
    DomNode node;
    node.parent = stack_.empty() ? -1 : stack_.back();
    node.tag = info.tag;
    node.traits = info.traits;
    node.name_hash = HashName(token.name);
    const uint16_t parent_flags = TopFlags();
    uint16_t flags = parent_flags & dom_flag::kInherited;
    const auto& cls = attributes.class_name;
    const auto& id = attributes.id;
    if (cls || id) {
      class_id_.clear();
      if (cls) class_id_.append(*cls);
      class_id_.push_back(' ');
      if (id) class_id_.append(*id);
      flags |= CachedClassify(class_id_);
      if (cls) node.class_hash = HashName(*cls);
    }
    const HtmlTag tag = info.tag;
    // <body>, <article>, <main> are never dropped for their class names.
    if (tag == HtmlTag::kArticle || tag == HtmlTag::kMain) {
      flags &= ~dom_flag::kUnlikely;
      flags |= dom_flag::kInArticle;
    }
    if (flags & dom_flag::kUnlikely) flags |= dom_flag::kInUnlikely;
    if (IsSkippedName(token.name, tag) || IsHidden(attributes)) flags |= dom_flag::kSkip;
    if (tag == HtmlTag::kHeader) {
      flags |= dom_flag::kInHeader;
      if (!(parent_flags & dom_flag::kInArticle)) flags |= dom_flag::kPageHeader;
    }
    if (info.Has(html_trait::kHeading)) flags |= dom_flag::kInHeading;
    node.flags = flags;
    node.is_block_name_p = tag == HtmlTag::kP;
    node.is_div_like = tag == HtmlTag::kDiv || tag == HtmlTag::kSection ||
                       tag == HtmlTag::kArticle || tag == HtmlTag::kMain;
    node.is_pre_td_quote = tag == HtmlTag::kTd || token.name == "pre" || token.name == "blockquote";
    node.is_list_or_form = info.Has(html_trait::kList) || tag == HtmlTag::kDd ||
                           tag == HtmlTag::kDt || token.name == "form" || token.name == "address";
    stack_.push_back(static_cast<int32_t>(page_.nodes.size()));
    page_.nodes.push_back(node);
  }

  // What HTML5 closes implicitly before this start tag.
  void CloseImplied(const HtmlTagInfo& info, std::string_view name) {
    const HtmlTag tag = info.tag;
    static constexpr uint32_t kP = HashName("p"), kLi = HashName("li"), kDd = HashName("dd"),
                              kDt = HashName("dt"), kTd = HashName("td"), kTh = HashName("th"),
                              kTr = HashName("tr");
    if (info.Has(html_trait::kClosesP)) CloseNearest(kP, /*stop_at_block=*/true);
    if (tag == HtmlTag::kLi) CloseNearestIn(kLi, HtmlTag::kUl, HtmlTag::kOl);
    if (tag == HtmlTag::kDd || tag == HtmlTag::kDt) {
      CloseNearestIn(kDd, HtmlTag::kDl, HtmlTag::kDl);
      CloseNearestIn(kDt, HtmlTag::kDl, HtmlTag::kDl);
    }
    if (tag == HtmlTag::kTd || tag == HtmlTag::kTh) {
      CloseNearestIn(kTd, HtmlTag::kTr, HtmlTag::kTable);
      CloseNearestIn(kTh, HtmlTag::kTr, HtmlTag::kTable);
    }
    if (tag == HtmlTag::kTr) CloseNearestIn(kTr, HtmlTag::kTable, HtmlTag::kTable);
    (void)name;
  }

  // Pops the nearest open element with `hash` if no block element other
  // than inline ones is above it (stop_at_block), as "close a p element".
  void CloseNearest(uint32_t hash, bool stop_at_block) {
    for (size_t i = stack_.size(); i-- > 0;) {
      const DomNode& n = page_.nodes[static_cast<size_t>(stack_[i])];
      if (n.name_hash == hash) {
        PopTo(i);
        return;
      }
      if (stop_at_block && !(n.traits & html_trait::kInline)) return;
    }
  }

  void CloseNearestIn(uint32_t hash, HtmlTag boundary1, HtmlTag boundary2) {
    for (size_t i = stack_.size(); i-- > 0;) {
      const DomNode& n = page_.nodes[static_cast<size_t>(stack_[i])];
      if (n.name_hash == hash) {
        PopTo(i);
        return;
      }
      if (n.tag == boundary1 || n.tag == boundary2) return;
    }
  }

  void PopTo(size_t index) { stack_.resize(index); }

  void OnEndTag(const HtmlToken& token) {
    const HtmlTagInfo& info = token.info;
    if (info.tag == HtmlTag::kA) {
      anchor_open_ = false;
      return;
    }
    if (info.tag == HtmlTag::kTitle) {
      if (in_title_) title_seen_ = true;
      in_title_ = false;
      return;
    }
    if (token.name == "script") {
      in_json_ld_ = false;
      return;
    }
    if (!info.Has(html_trait::kInline)) Flush();
    if (token.name == "br") {  // "</br>" is <br>
      block_.Break();
      return;
    }
    const uint32_t hash = HashName(token.name);
    for (size_t i = stack_.size(); i-- > 0;) {
      const DomNode& n = page_.nodes[static_cast<size_t>(stack_[i])];
      if (n.name_hash == hash) {
        PopTo(i);
        return;
      }
      // Formatting end tags do not close blocks; table cells bound everything.
      if ((info.Has(html_trait::kFormatting) && !(n.traits & html_trait::kInline)) ||
          (n.traits & html_trait::kScopeBoundary)) {
        return;
      }
    }
  }

  void OnMeta(const HtmlToken& token) {
    auto content = token.Attribute("content");
    if (!content) return;
    for (std::string_view attr : {"property", "name", "itemprop", "http-equiv"}) {
      if (auto key = token.Attribute(attr); key && !key->empty()) {
        if (page_.metas.size() >= 512) return;
        page_.metas.push_back({ascii::ToLower(*key), std::string(*content)});
        if (attr == "itemprop") NoteTime(token);
        return;
      }
    }
  }

  void OnLink(const HtmlToken& token) {
    auto rel = token.Attribute("rel");
    auto href = token.Attribute("href");
    if (!rel || !href || !page_.canonical_href.empty()) return;
    if (ascii::ToLower(*rel).find("canonical") != std::string::npos) {
      page_.canonical_href = std::string(*href);
    }
  }

  // <time datetime>, and any element with itemprop=datePublished/dateModified.
  void NoteTime(const HtmlToken& token) {
    auto itemprop = token.Attribute("itemprop");
    auto datetime = token.Attribute("datetime");
    if (!datetime) datetime = token.Attribute("content");
    if (!datetime || datetime->empty() || page_.times.size() >= 64) return;
    TimeElement t;
    t.datetime = std::string(*datetime);
    if (itemprop) t.itemprop = std::string(*itemprop);
    if (token.name != "time" && t.itemprop.empty()) return;
    t.pubdate = token.Attribute("pubdate").has_value();
    t.block_index = page_.blocks.size();
    page_.times.push_back(std::move(t));
  }

  // Class and id values repeat across a page (every paragraph, every list
  // item) and across a site's pages: their classification (a pure function
  // of the string) is cached per thread, direct-mapped by a 64-bit hash.
  // Per scanner, the 8 KB table cost more to clear than it saved on a page.
  struct CacheSlot {
    uint64_t hash = 0;
    uint16_t flags = 0;
    bool used = false;
  };
  static uint16_t CachedClassify(std::string_view class_id) {
    thread_local std::array<CacheSlot, 512> cache{};
    const uint64_t hash = Fnv1a64(class_id);
    CacheSlot& slot = cache[hash % cache.size()];
    if (slot.used && slot.hash == hash) return slot.flags;
    slot = {hash, ClassifyClassId(class_id), true};
    return slot.flags;
  }

  PageScan page_;
  std::vector<int32_t> stack_;
  CollapsedText block_{kMaxBlockBytes, /*count=*/true};
  int32_t block_node_ = -1;
  uint16_t block_flags_ = 0;
  const char* block_source_ = nullptr;
  bool block_verbatim_ = false;  // one token, no character reference (TextBlock::verbatim)
  uint32_t block_link_bytes_ = 0;
  size_t page_text_ = 0;
  CollapsedText title_{1024};
  bool in_title_ = false;
  bool title_seen_ = false;
  bool in_json_ld_ = false;
  bool anchor_open_ = false;
  std::string decoded_;
  std::string class_id_;
};

PageScanner::PageScanner() : impl_(std::make_unique<Impl>()) {}
PageScanner::~PageScanner() = default;
void PageScanner::OnToken(const HtmlToken& token) { impl_->OnToken(token); }
PageScan PageScanner::Finish() { return impl_->Finish(); }

uint16_t ClassifyClassId(std::string_view written) {
  static const ClassWordIndex index;
  thread_local std::string lower;
  lower.assign(written);
  ascii::LowerInPlace(lower);
  const std::string_view text = lower;
  const uint8_t lists = index.ListsIn(text, written);
  uint16_t flags = 0;
  const bool maybe = lists & word_list::kMaybeList;
  if (maybe) flags |= dom_flag::kMaybe;
  if (!maybe && ((lists & word_list::kUnlikelyList) || HasAdWord(text))) {
    flags |= dom_flag::kUnlikely;
  }
  if (lists & word_list::kNegativeList) flags |= dom_flag::kNegative;
  if (lists & word_list::kPositiveList) flags |= dom_flag::kPositive;
  if (lists & word_list::kDateList) flags |= dom_flag::kDateHint;
  if (lists & word_list::kBylineList) flags |= dom_flag::kByline;
  return flags;
}

PageScan ScanPage(std::string_view html) {
  PageScanner scanner;
  HtmlTokenizer tokenizer(html);
  HtmlToken token;
  while (tokenizer.Next(token)) scanner.OnToken(token);
  return scanner.Finish();
}

}  // namespace nc
