#pragma once
// Structural link roles (headline, related, nav, footer, other) from the
// elements around a link, for French and English news pages (related
// phrases also in German, Spanish and Italian). The crawler
// later turns links that leave the crawl scope into `external`.
//
// The heuristic, in order of precedence (first match wins):
//  1. footer   inside <footer>, role=contentinfo, or an element whose
//              class/id has a word containing "footer" or starting with
//              "pied" (pied-de-page), or social/share blocks (share,
//              sharing, social, sociaux, partage, partager): the footer role
//              covers "footer, legal, social".
//  2. nav      inside <nav>, role=navigation, or class/id words starting or
//              ending with "nav" or "menu", containing "navigation" or
//              "breadcrumb", or "ariane" (fil d'Ariane), or pagination
//              ("pagin...", "pager": more section pages). Class words are
//              weighed per class token: a BEM modifier ("main--with-nav"),
//              a state class ("has-nav") or a script hook ("js_navContinua")
//              says neither nav nor footer, and <main> (<article>) is never
//              made nav or footer (nav) by its classes; or inside the page
//              <header> (one not within article/section/aside/main); or in a
//              list inside any <header>.
//  3. related  inside a block (section, aside, div, ul, ol, dl) whose class/id
//              says so ("related", "lies"/"liés", "connexes", "lire aussi",
//              "a lire", "meme sujet", "same topic", "read more", "more
//              stories", "see also", "voir aussi", with or without separators);
//              or after a heading (h1-h6, or an element whose class/id contains
//              "title"/"titre") whose text, folded to lower-case without
//              accents, starts with "articles lies", "lire aussi", "a lire
//              aussi", "a lire egalement", "sur le meme sujet", "sur le meme
//              theme", "dans la meme rubrique", "related", "read more", "more
//              on this", "see also", "voir aussi", "more stories", "you may
//              also like", "also read", or (in a heading of at most five words)
//              contains one of them (also "la redaction vous conseille", "a
//              decouvrir", "mehr zum thema", "te puede interesar", "leggi
//              anche"... see kRelatedHeadings); or after an inline read-also
//              prefix in the same block ("<span>À lire aussi</span> <a>"),
//              or a label ending with a colon ("MORE: <a>", "LEER MÁS: <a>").
//              "More" as a whole heading is related too (the BBC's list
//              after a story). A heading's verdict passes up every wrapper
//              that holds nothing but it; a data-testid naming a title
//              ("ohio-title") makes a heading as a title class does.
//              Such a heading marks its parent block,
//              and its grandparent when the parent holds nothing but the
//              heading (<div class="hd"><h3>Lire aussi</h3></div><ul>...).
//              The mark lasts until the block closes or until a heading of the
//              same or higher rank without a link closes in that block.
//  4. headline inside h1-h4 or a title-class element, or the link contains
//              one (<a><h3>..</h3></a>), when its text looks like a headline
//              (see below) — a short heading link ("Football", "World news")
//              names a section and is nav; otherwise, when not in a <p> outside
//              a list item: inside a list (ul, ol, li, dl, menu), a <section>,
//              an <article> that is itself in a list/section/teaser block, or
//              an element whose class/id has a word for a block of stories
//              (une, alaune, headline, list/liste, teaser, story/stories,
//              card, item, news, actu, post, article, articolo, articulo,
//              artikel, entry, feed), and the
//              anchor text looks like a headline: at least 3 words or 20
//              characters.
//  5. other    everything else, e.g. in-body links in an article's <p>.
// Then the href (RoleForHref): a same-page fragment is other, a tag or
// topic page nav, a service (shop, games, jobs...) other, never headline or
// related. These are the *structural* roles; the page-level pass
// (link_features.h) then weighs URL shape, repeated teaser groups and the
// page's own section, and decides.
//
// Tree construction is approximated with a stack of open elements: void and
// raw-text elements are never pushed; an end tag closes the nearest open
// element of that name (not past table cells, nor past a block for <b>, <i>
// and other formatting elements); start tags close what HTML5 says they
// close implicitly (<p> before blocks, <li> before <li>, <td>, <tr>, ...).
//
// Where each part lives: the class/id words in link_class_words.h, the
// heading and anchor phrases in link_phrases.h, the href rule in
// link_href_roles.h; this file holds the stack of open elements and
// ClassifyLink.
//
// One tracker per document, used by one thread.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/extract/html_tags.h"
#include "crawler/extract/html_text.h"
#include "crawler/extract/html_tokenizer.h"
#include "crawler/extract/link_class_words.h"
#include "crawler/extract/link_href_roles.h"
#include "crawler/extract/link_phrases.h"
#include "frontier/link.h"

namespace nc {

// What the open elements around a link say about it.
struct LinkContext {
  bool footer = false;
  bool nav = false;
  bool header_nav = false;     // nav only because it is in the page <header>
  bool article_aside = false;  // in an <aside> inside an <article>: the story's sidebar
  bool in_article = false;     // inside an <article> element
  bool in_body = false;        // inside the story's text container (kArticleBody)
  bool related = false;
  // Under a heading that names a partner or commercial section ("Contenus
  // partenaires", "Anzeige", "Bons plans"): its teasers are not stories.
  bool commercial = false;
  // Under a heading of a ranked or site-wide list ("Les plus lus", "Most
  // read": site_list_headings.h): not related, whatever marked the blocks
  // around it.
  bool site_list = false;
  bool heading = false;     // inside h1-h4 or a title-class element
  bool paragraph = false;   // inside <p>
  bool list_item = false;   // inside <li>
  bool list = false;        // inside ul/ol/li/dl/menu
  bool link_block = false;  // section, teaser article, story/list class
  // Hash of the open elements' tags and class values: sibling links of one
  // list (or teaser grid) share it.
  uint64_t group = 0;
};

// The role of a link with this context and anchor text; `contains_heading`
// when an h1-h4 or title-class element was opened inside the link.
LinkRole ClassifyLink(const LinkContext& context, std::string_view anchor_text,
                      bool contains_heading);

class LinkRoleTracker {
 public:
  // Open elements deeper than this are not tracked (hostile nesting).
  static constexpr size_t kMaxDepth = 512;

  LinkRoleTracker();

  // Start and end tags outside svg/math, except <a> (handled by the caller).
  void OnStartTag(const HtmlToken& token, const HtmlTagInfo& info);
  void OnEndTag(std::string_view name, const HtmlTagInfo& info);
  // Decoded text, wanted only while capturing() (a heading is open).
  bool capturing() const { return capture_owner_ != kNone && !capture_.full(); }
  void OnText(std::string_view decoded);
  // An <a href> started: the open heading (if any) holds a link.
  void NoteLink() { capture_has_link_ = true; }

  LinkContext Context() const;
  // ClassFeatures (link_class_words.h) of a start tag the caller handles
  // (<a>, <area>, tags inside an <a>), its class and id values looked up in
  // this tracker's cache: a page repeats its link classes.
  uint16_t TagClassFeatures(const HtmlToken& token);
  size_t depth() const { return stack_.size(); }
  // Smallest depth reached since the last ResetLowWater(): tells the caller
  // whether the block an open <a> started in has been closed.
  size_t low_water() const { return low_water_; }
  void ResetLowWater() { low_water_ = stack_.size(); }

 private:
  static constexpr size_t kNone = SIZE_MAX;

  struct Element {
    uint32_t name_hash;
    HtmlTag tag;
    uint16_t traits;
    uint16_t features;
    uint8_t heading_rank;   // h1..h6: 1..6; title-class element: 3; else 0
    uint8_t mark_rank;      // related mark set by a heading of this rank; 0 = none
    int8_t heading_result;  // from a first-child heading: +rank marked, -rank cleared
    bool commercial;        // a commercial heading names this block
    bool commercial_pass;   // the block held only that heading: its parent is named too
    bool site_list;         // a site-list heading names this block (site_list_headings.h)
    bool site_list_pass;    // the block held only that heading: its parent is named too
    uint16_t children;
    uint32_t class_hash;  // of the class attribute's value; 0 without one
  };

  void Push(const Element& element);
  void PopTo(size_t index);  // pops stack_[index] and everything above
  void PopOne();
  void CloseHeading(size_t index);
  void ApplyHeadingResult(size_t target, int result);
  // Index of the nearest open element matching `hash` before a boundary, or kNone.
  size_t FindOpen(uint32_t hash, uint16_t boundary_traits) const;
  void CloseImplied(const HtmlTagInfo& info);

  // Class and id values repeat across a page, and across the pages of a
  // site: their features (a pure function of the value) are cached per
  // thread, direct-mapped by a 64-bit hash of the value (link_roles.cc).
  uint16_t CachedAttributeFeatures(std::string_view value);

  std::vector<Element> stack_;
  size_t skipped_pushes_ = 0;  // pushes refused at kMaxDepth
  size_t low_water_ = 0;
  size_t capture_owner_ = kNone;
  bool capture_has_link_ = false;
  CollapsedText capture_;
  std::string folded_;
};

}  // namespace nc
