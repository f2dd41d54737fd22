#pragma once
// What the class, id and role attributes of an element say about the links
// inside it (link_feature flags: nav, footer, related block, story block,
// title), for the structural pass of link classification (link_roles.h).
// Class words are weighed per class token, so that one token naming
// something else (a BEM modifier, a state class, a script hook) cannot make
// a whole container nav or footer.
//
// Pure functions; any thread (callers pass their own scratch string).

#include <cstdint>
#include <string>
#include <string_view>

#include "crawler/extract/html_tags.h"
#include "crawler/extract/html_tokenizer.h"

namespace nc {

// Class/id (and role) features of one element.
namespace link_feature {
inline constexpr uint16_t kNav = 1 << 0;
inline constexpr uint16_t kFooter = 1 << 1;
inline constexpr uint16_t kRelated = 1 << 2;  // only counted on block elements
inline constexpr uint16_t kLinkBlock = 1 << 3;
inline constexpr uint16_t kTitle = 1 << 4;
inline constexpr uint16_t kNavRole = 1 << 5;  // role=navigation: nav whatever is inside
// A label beside a block's heading ("c-stage__label", "badge"): it may say
// the block is an advertisement ("Anzeige", "Sponsored").
inline constexpr uint16_t kLabel = 1 << 6;
// The story's own text container ("article-body", "story__text",
// "articleContent", "entry-content", itemprop=articleBody): teasers inside
// it point from the story to other stories.
inline constexpr uint16_t kArticleBody = 1 << 7;
}  // namespace link_feature

// Features named by the class, id and role attributes of a start tag;
// `scratch` is working space (passed in so callers can reuse it).
uint16_t ClassFeatures(const HtmlToken& tag, std::string& scratch);

// Features named by one class or id attribute value ("main main--with-nav").
uint16_t AttributeFeatures(std::string_view value, std::string& scratch);

// True when an element of this kind may mark a related block by its class:
// blocks (section, aside, div, lists), and custom elements
// ("<gdwc-recommendations>"), which are containers whatever their name.
bool CanHoldRelatedClass(HtmlTag tag, std::string_view name);

}  // namespace nc
