#pragma once
// CssSelectorRoles: the per-host link-role overrides of [[site]] tables,
// with a real CSS selector engine (Modest: an HTML5 tree builder, MyHTML,
// and its selector matcher, over MyCSS-parsed selectors).
//
// For a page of a host with rules, the page is parsed into a tree, each
// selector's matches are found, and every <a href>/<area href> that matches
// a selector, or lies inside an element that matches it, gets that role
// (headline before related before nav before footer when several match).
// Links no selector reaches keep their heuristic role.
//
// Alignment. Roles are computed on Modest's tree but must land on the links
// of our own tokenizer (crawler/extract/html_links.h), which carry the anchor text,
// rel=nofollow and the heuristic role. Both walk the document in order, so
// the k-th <a href>/<area href> element of the tree is paired with the k-th
// extracted link, and each pair's href values (character references
// decoded, untrimmed, in both) must be identical. Where HTML5 tree building
// reorders elements (misnested tables, foster parenting), or the two
// disagree about which elements exist (links in <template>,
// invalid UTF-8 that Modest replaces), the counts or hrefs differ: the page
// then keeps its heuristic roles and the fallback is counted, never guessed.
//
// Selectors: Modest (unmaintained since 2021) crashes or loops on some
// malformed selectors, so Create() accepts a checked subset — element,
// .class, #id, [attr] and [attr op value], the combinators " " > + ~ >>
// and ",", the structural pseudo-classes (:first-child, :nth-of-type(odd),
// ...); no :not(), :has(), namespaces or escapes — and normalizes spacing
// around combinators (MyCSS rejects "a>b"). fuzz_css_selector_compile
// covers this.
//
// Cost: pages of hosts without rules are never parsed by Modest
// (ForHost() is one hash lookup). Selectors are compiled once, at start.
//
// Thread safety: immutable after Create(); Apply() may run on any number of
// threads at once. Each thread keeps its own MyHTML parser and finder
// (thread_local), created on first use; trees live for one page.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "config/crawl_config.h"
#include "crawler/extract/html_links.h"

namespace nc {

class CssSelectorRoles {
 public:
  // The compiled selectors of one [[site]] table (opaque: Modest types).
  struct Site;

  // Compiles every selector of `sites`. Errors (code "config.invalid") name
  // the key: "key 'site[0].headline': invalid CSS selector 'ul..x'".
  static Result<std::unique_ptr<CssSelectorRoles>> Create(const std::vector<SiteRules>& sites);
  ~CssSelectorRoles();
  CssSelectorRoles(const CssSelectorRoles&) = delete;
  CssSelectorRoles& operator=(const CssSelectorRoles&) = delete;

  // The rules for `host` (lower-case), or null when it has none.
  const Site* ForHost(std::string_view host) const;

  enum class Outcome {
    kApplied,     // roles of matched links replaced
    kMisaligned,  // Modest's links and ours differ: heuristic roles kept
    kParseError,  // Modest could not parse the page: heuristic roles kept
  };
  // Overrides the roles of `links` (ExtractLinks(html).links, document
  // order) on a page of `site`'s host.
  Outcome Apply(const Site& site, std::string_view html, std::vector<ExtractedLink>& links) const;

  // Pages whose links could not be aligned (or parsed) so far.
  uint64_t fallbacks() const { return fallbacks_.load(std::memory_order_relaxed); }

 private:
  struct Compiler;
  CssSelectorRoles();

  std::unique_ptr<Compiler> compiler_;  // owns the compiled selector lists
  std::vector<std::unique_ptr<Site>> sites_;
  std::unordered_map<std::string, const Site*> by_host_;
  mutable std::atomic<uint64_t> fallbacks_{0};
};

}  // namespace nc
