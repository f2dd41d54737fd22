#include "crawler/extract/html_tags.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>

namespace nc {
namespace {

using namespace html_trait;  // NOLINT: table readability

struct Entry {
  std::string_view name;
  HtmlTag tag;
  uint16_t traits;
  HtmlContent content = HtmlContent::kNormal;
};

constexpr uint16_t kBlock = kClosesP | kSpecial;
constexpr uint16_t kOut = kBreakout;
constexpr HtmlContent kRcdata = HtmlContent::kRcdata;
constexpr HtmlContent kRaw = HtmlContent::kRawText;
constexpr uint16_t kVoidSpecial = kVoid | kNotTracked | kSpecial;
constexpr uint16_t kText = kNotTracked | kSpecial;  // raw text / RCDATA: content is never tags

// Sorted by name.
constexpr Entry kTags[] = {
    {"a", HtmlTag::kA, kInline | kFormatting | kNotTracked},
    {"abbr", HtmlTag::kOther, kInline},
    {"address", HtmlTag::kOther, kBlock},
    {"applet", HtmlTag::kOther, kSpecial | kScopeBoundary},
    {"area", HtmlTag::kArea, kVoidSpecial},
    {"article", HtmlTag::kArticle, kBlock},
    {"aside", HtmlTag::kAside, kBlock},
    {"b", HtmlTag::kOther, kInline | kFormatting | kOut},
    {"base", HtmlTag::kBase, kVoidSpecial},
    {"basefont", HtmlTag::kOther, kVoidSpecial},
    {"bdi", HtmlTag::kOther, kInline},
    {"bdo", HtmlTag::kOther, kInline},
    {"bgsound", HtmlTag::kOther, kVoidSpecial},
    {"big", HtmlTag::kOther, kInline | kFormatting | kOut},
    {"blockquote", HtmlTag::kOther, kBlock | kOut},
    {"body", HtmlTag::kOther, kNotTracked | kSpecial | kOut},
    {"br", HtmlTag::kOther, kVoidSpecial | kOut},
    {"button", HtmlTag::kOther, kSpecial | kButtonScope},
    {"caption", HtmlTag::kOther, kSpecial | kScopeBoundary | kTableFamily},
    {"center", HtmlTag::kOther, kBlock | kOut},
    {"cite", HtmlTag::kOther, kInline},
    {"code", HtmlTag::kOther, kInline | kFormatting | kOut},
    {"col", HtmlTag::kOther, kVoidSpecial | kTableFamily},
    {"colgroup", HtmlTag::kOther, kSpecial | kTableFamily},
    {"data", HtmlTag::kOther, kInline},
    {"dd", HtmlTag::kDd, kBlock | kOut},
    {"details", HtmlTag::kOther, kBlock},
    {"dfn", HtmlTag::kOther, kInline},
    {"dialog", HtmlTag::kOther, kBlock},
    {"dir", HtmlTag::kOther, kBlock | kList},
    {"div", HtmlTag::kDiv, kBlock | kOut},
    {"dl", HtmlTag::kDl, kBlock | kList | kOut},
    {"dt", HtmlTag::kDt, kBlock | kOut},
    {"em", HtmlTag::kOther, kInline | kFormatting | kOut},
    {"embed", HtmlTag::kOther, kVoidSpecial | kOut},
    {"fieldset", HtmlTag::kOther, kBlock},
    {"figcaption", HtmlTag::kOther, kBlock},
    {"figure", HtmlTag::kOther, kBlock},
    {"font", HtmlTag::kOther, kInline | kFormatting},
    {"footer", HtmlTag::kFooter, kBlock},
    {"form", HtmlTag::kOther, kBlock},
    {"frame", HtmlTag::kOther, kVoidSpecial},
    {"h1", HtmlTag::kH1, kBlock | kHeading | kOut},
    {"h2", HtmlTag::kH2, kBlock | kHeading | kOut},
    {"h3", HtmlTag::kH3, kBlock | kHeading | kOut},
    {"h4", HtmlTag::kH4, kBlock | kHeading | kOut},
    {"h5", HtmlTag::kH5, kBlock | kHeading | kOut},
    {"h6", HtmlTag::kH6, kBlock | kHeading | kOut},
    {"head", HtmlTag::kOther, kNotTracked | kSpecial | kOut},
    {"header", HtmlTag::kHeader, kBlock},
    {"hgroup", HtmlTag::kOther, kBlock},
    {"hr", HtmlTag::kOther, kVoidSpecial | kClosesP | kOut},
    {"html", HtmlTag::kOther, kNotTracked | kSpecial | kScopeBoundary},
    {"i", HtmlTag::kOther, kInline | kFormatting | kOut},
    {"iframe", HtmlTag::kOther, kText, kRaw},
    {"img", HtmlTag::kImg, kVoidSpecial | kInline | kOut},
    {"input", HtmlTag::kOther, kVoidSpecial},
    {"kbd", HtmlTag::kOther, kInline},
    {"keygen", HtmlTag::kOther, kVoidSpecial},
    {"label", HtmlTag::kOther, kInline},
    {"li", HtmlTag::kLi, kBlock | kList | kOut},
    {"link", HtmlTag::kOther, kVoidSpecial},
    {"listing", HtmlTag::kOther, kBlock | kOut},
    {"main", HtmlTag::kMain, kBlock},
    {"mark", HtmlTag::kOther, kInline},
    {"marquee", HtmlTag::kOther, kSpecial | kScopeBoundary},
    {"math", HtmlTag::kOther, kInline | kForeignRoot},
    {"menu", HtmlTag::kMenu, kBlock | kList | kOut},
    {"meta", HtmlTag::kMeta, kVoidSpecial | kOut},
    {"nav", HtmlTag::kNav, kBlock},
    {"nobr", HtmlTag::kOther, kInline | kFormatting | kOut},
    {"noembed", HtmlTag::kOther, kText, kRaw},
    {"noframes", HtmlTag::kOther, kText, kRaw},
    // Parsed as with scripting off: a crawler runs no script, so it reads the
    // markup a browser without script shows (issue 10: BBC pages keep their
    // links there).
    {"noscript", HtmlTag::kOther, kInline | kSpecial},
    {"object", HtmlTag::kOther, kSpecial | kScopeBoundary},
    {"ol", HtmlTag::kOl, kBlock | kList | kOut},
    {"optgroup", HtmlTag::kOther, kNotTracked},
    {"option", HtmlTag::kOther, kNotTracked},
    {"p", HtmlTag::kP, kBlock | kOut},
    {"param", HtmlTag::kOther, kVoidSpecial},
    {"picture", HtmlTag::kOther, kInline},
    {"plaintext", HtmlTag::kOther, kText | kClosesP, HtmlContent::kPlaintext},
    {"pre", HtmlTag::kOther, kBlock | kOut},
    {"q", HtmlTag::kOther, kInline},
    {"ruby", HtmlTag::kOther, kInline | kOut},
    {"s", HtmlTag::kOther, kInline | kFormatting | kOut},
    {"samp", HtmlTag::kOther, kInline},
    {"script", HtmlTag::kOther, kText, HtmlContent::kScriptData},
    {"search", HtmlTag::kOther, kBlock},
    {"section", HtmlTag::kSection, kBlock},
    {"select", HtmlTag::kOther, kSpecial},
    {"small", HtmlTag::kOther, kInline | kFormatting | kOut},
    {"source", HtmlTag::kOther, kVoidSpecial | kInline},
    {"span", HtmlTag::kOther, kInline | kOut},
    {"strike", HtmlTag::kOther, kInline | kFormatting | kOut},
    {"strong", HtmlTag::kOther, kInline | kFormatting | kOut},
    {"style", HtmlTag::kOther, kText, kRaw},
    {"sub", HtmlTag::kOther, kInline | kOut},
    {"summary", HtmlTag::kOther, kBlock},
    {"sup", HtmlTag::kOther, kInline | kOut},
    {"svg", HtmlTag::kOther, kInline | kForeignRoot},
    {"table", HtmlTag::kTable, kBlock | kScopeBoundary | kTableFamily | kOut},
    {"tbody", HtmlTag::kTbody, kSpecial | kTableFamily},
    {"td", HtmlTag::kTd, kSpecial | kScopeBoundary | kTableFamily},
    {"template", HtmlTag::kOther, kSpecial | kScopeBoundary},
    {"textarea", HtmlTag::kOther, kText, kRcdata},
    {"tfoot", HtmlTag::kTfoot, kSpecial | kTableFamily},
    {"th", HtmlTag::kTh, kSpecial | kScopeBoundary | kTableFamily},
    {"thead", HtmlTag::kThead, kSpecial | kTableFamily},
    {"time", HtmlTag::kOther, kInline},
    {"title", HtmlTag::kTitle, kText, kRcdata},
    {"tr", HtmlTag::kTr, kSpecial | kTableFamily},
    {"track", HtmlTag::kOther, kVoidSpecial},
    {"tt", HtmlTag::kOther, kInline | kFormatting | kOut},
    {"u", HtmlTag::kOther, kInline | kFormatting | kOut},
    {"ul", HtmlTag::kUl, kBlock | kList | kOut},
    {"var", HtmlTag::kOther, kInline | kOut},
    {"wbr", HtmlTag::kOther, kVoidSpecial | kInline},
    {"xmp", HtmlTag::kOther, kText | kClosesP, kRaw},
};

static_assert(std::is_sorted(std::begin(kTags), std::end(kTags),
                             [](const Entry& a, const Entry& b) { return a.name < b.name; }));

uint32_t Fnv1a(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

// Open addressing over kTags, built once.
constexpr size_t kSlots = 512;
static_assert(std::size(kTags) < kSlots / 2);

struct Table {
  std::array<int16_t, kSlots> slot;
  Table() {
    slot.fill(-1);
    for (size_t i = 0; i < std::size(kTags); ++i) {
      size_t k = Fnv1a(kTags[i].name) % kSlots;
      while (slot[k] >= 0) k = (k + 1) % kSlots;
      slot[k] = static_cast<int16_t>(i);
    }
  }
};

}  // namespace

HtmlTagInfo LookupTag(std::string_view name) {
  static const Table table;
  if (name.empty() || name.size() > 10) return {};  // longest known: "blockquote", "figcaption"
  for (size_t k = Fnv1a(name) % kSlots;; k = (k + 1) % kSlots) {
    const int16_t i = table.slot[k];
    if (i < 0) return {};
    const Entry& e = kTags[i];
    if (e.name.size() != name.size() || std::memcmp(e.name.data(), name.data(), name.size()) != 0)
      continue;
    HtmlTagInfo info{e.tag, e.traits, 0, e.content};
    if (info.Has(kHeading)) info.heading_rank = static_cast<uint8_t>(name[1] - '0');
    return info;
  }
}

}  // namespace nc
