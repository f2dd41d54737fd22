#pragma once
// What link extraction needs to know about HTML element names: which ones
// get special treatment by the tree-construction rules it approximates
// (void elements, elements that close an open <p>, "special" elements that
// bound list-item scope, formatting elements), and which ones are inline
// (do not separate words of anchor text). Pure, safe from any thread.

#include <cstdint>
#include <string_view>

namespace nc {

// Elements with behaviour of their own; every other name is kOther.
enum class HtmlTag : uint8_t {
  kOther,
  kA,
  kArea,
  kArticle,
  kAside,
  kBase,
  kDd,
  kDiv,
  kDl,
  kDt,
  kFooter,
  kH1,
  kH2,
  kH3,
  kH4,
  kH5,
  kH6,
  kHeader,
  kImg,
  kLi,
  kMain,
  kMenu,
  kMeta,
  kNav,
  kOl,
  kP,
  kSection,
  kTable,
  kTbody,
  kTd,
  kTfoot,
  kTh,
  kThead,
  kTitle,
  kTr,
  kUl,
};

namespace html_trait {
inline constexpr uint16_t kVoid = 1 << 0;           // never has content or an end tag
inline constexpr uint16_t kNotTracked = 1 << 1;     // not kept on the open-element stack
inline constexpr uint16_t kClosesP = 1 << 2;        // its start tag closes an open <p>
inline constexpr uint16_t kSpecial = 1 << 3;        // WHATWG "special" category
inline constexpr uint16_t kInline = 1 << 4;         // anchor text flows through it
inline constexpr uint16_t kFormatting = 1 << 5;     // <b>, <em>, ...: never closes blocks
inline constexpr uint16_t kScopeBoundary = 1 << 6;  // end tags do not reach past it
inline constexpr uint16_t kTableFamily = 1 << 7;    // table, tr, td, ...
inline constexpr uint16_t kList = 1 << 8;           // ul, ol, li, dl, menu
inline constexpr uint16_t kHeading = 1 << 9;        // h1..h6
inline constexpr uint16_t kForeignRoot = 1 << 10;   // svg, math: foreign content inside
inline constexpr uint16_t kBreakout = 1 << 11;      // its start tag ends svg/math content
// <button>: a boundary for closing a <p> (WHATWG "button scope") only; a
// </div> reaches past an unclosed <button> ("<button>Fermer</a></div>").
inline constexpr uint16_t kButtonScope = 1 << 12;
}  // namespace html_trait

// How the tokenizer reads an element's content.
enum class HtmlContent : uint8_t { kNormal, kRcdata, kRawText, kScriptData, kPlaintext };

struct HtmlTagInfo {
  HtmlTag tag = HtmlTag::kOther;
  uint16_t traits = 0;
  uint8_t heading_rank = 0;  // 1..6 for h1..h6
  HtmlContent content = HtmlContent::kNormal;

  bool Has(uint16_t trait) const { return (traits & trait) != 0; }
};

// 1..6 for h1..h6, 0 for any other tag.
constexpr uint8_t HeadingRank(HtmlTag tag) {
  static_assert(static_cast<int>(HtmlTag::kH6) - static_cast<int>(HtmlTag::kH1) == 5,
                "h1..h6 are consecutive enumerators");
  const int rank = static_cast<int>(tag) - static_cast<int>(HtmlTag::kH1) + 1;
  return rank >= 1 && rank <= 6 ? static_cast<uint8_t>(rank) : 0;
}

// `name` must be lower-case (tokenizer output). Unknown names get no traits.
// One hash and one comparison: it runs for every tag of every page.
HtmlTagInfo LookupTag(std::string_view name);

}  // namespace nc
