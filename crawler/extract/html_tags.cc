#include "crawler/extract/html_tags.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
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

// A name of up to 16 bytes as two words (byte i in bits 8i..8i+7 of its
// word), zero-padded: a table probe then compares two words and a length,
// not bytes.
struct PackedName {
  uint64_t lo = 0;
  uint64_t hi = 0;
};

constexpr PackedName Pack(std::string_view name) {
  PackedName packed;
  for (size_t i = 0; i < name.size() && i < 8; ++i) {
    packed.lo |= uint64_t{static_cast<unsigned char>(name[i])} << (8 * i);
  }
  for (size_t i = 8; i < name.size() && i < 16; ++i) {
    packed.hi |= uint64_t{static_cast<unsigned char>(name[i])} << (8 * (i - 8));
  }
  return packed;
}

// A perfect hash of kTags' names: the multiplier was searched for (session
// 11) so that no two known names share one of the 1024 slots, and the
// build fails if an edit to kTags makes two collide. A lookup is one slot
// and one comparison, with no probing; any other name lands on an empty
// slot or fails the comparison.
constexpr uint64_t kMultiplier = 0xa116145fc32df923u;
constexpr int kSlotBits = 10;
constexpr size_t kSlots = size_t{1} << kSlotBits;
constexpr uint8_t kEmpty = 0xff;
static_assert(std::size(kTags) < kEmpty);

constexpr size_t SlotOf(const PackedName& name) {
  return static_cast<size_t>(((name.lo + name.hi) * kMultiplier) >> (64 - kSlotBits));
}

struct Table {
  std::array<uint8_t, kSlots> entry_of_slot{};
  std::array<PackedName, std::size(kTags)> names{};
  constexpr Table() {
    for (uint8_t& e : entry_of_slot) e = kEmpty;
    for (size_t i = 0; i < std::size(kTags); ++i) {
      names[i] = Pack(kTags[i].name);
      uint8_t& slot = entry_of_slot[SlotOf(names[i])];
      // Not a constant expression, so a collision stops the build: search
      // another kMultiplier (any odd 64-bit number with no collision).
      if (slot != kEmpty) throw "two tag names share a slot";
      slot = static_cast<uint8_t>(i);
    }
  }
};
constexpr Table kTable;

}  // namespace

HtmlTagInfo LookupTag(std::string_view name) {
  if (name.empty() || name.size() > 10) return {};  // longest known: "blockquote", "figcaption"
  const PackedName packed = Pack(name);
  const uint8_t i = kTable.entry_of_slot[SlotOf(packed)];
  if (i == kEmpty) return {};
  const Entry& e = kTags[i];
  if (kTable.names[i].lo != packed.lo || kTable.names[i].hi != packed.hi ||
      e.name.size() != name.size()) {
    return {};
  }
  HtmlTagInfo info{e.tag, e.traits, 0, e.content};
  if (info.Has(kHeading)) info.heading_rank = static_cast<uint8_t>(name[1] - '0');
  return info;
}

}  // namespace nc
