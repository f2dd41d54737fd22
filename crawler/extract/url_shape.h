#pragma once
// The shape of a link's URL path, as evidence that it leads to an article:
// a date (/2024/05/03/, 2024-05-03, 20240503), a long numeric id (6+
// digits), a long hyphenated slug, an article-like extension (.html, .php,
// ...) on a segment that names one page; and a path "template" (the kind of
// each segment) so that the article URL shape of one site can be learned
// from the links of its own pages (ArticleShapeLearner).
//
// Works on hrefs as written (absolute, scheme-relative or relative): the
// scheme and authority are skipped, the query and fragment ignored.
// Pure functions; a learner belongs to one thread (one page or one crawl
// worker).

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace nc {

namespace url_shape {
inline constexpr uint8_t kDate = 1 << 0;          // /YYYY/MM/, YYYY-MM-DD, YYYYMMDD
inline constexpr uint8_t kNumericId = 1 << 1;     // a run of 6+ digits
inline constexpr uint8_t kLongSlug = 1 << 2;      // a segment with 4+ hyphens, 20+ chars
inline constexpr uint8_t kArticleExt = 1 << 3;    // .html/.htm/.shtml/.php/.asp(x)/.ece on a
                                                  // segment with a digit or 2+ hyphens
inline constexpr uint8_t kShallow = 1 << 4;       // no path, or 1-2 short word segments
inline constexpr uint8_t kFragmentOnly = 1 << 5;  // "#x": the same page
// One path segment, no digit, ending with '/': "/les-taxis-contre-uber/",
// the form of topic and dossier fronts (and of some blogs' posts).
inline constexpr uint8_t kTopicLike = 1 << 6;
}  // namespace url_shape

// The path of `href` (no scheme, authority, query or fragment); "" when none.
std::string_view HrefPath(std::string_view href);
// The authority of an absolute or scheme-relative href ("www.x.fr",
// userinfo and port included as written); "" for a relative one.
std::string_view HrefAuthority(std::string_view href);
// The first segment of the href's path that names a section ("economie" in
// /economie/a-b-c, "sport" in /sito/notizie/sport/x.html): site-wide
// prefixes, languages and numbers are passed over; "" when no segment before
// the last one names one (the last names the page itself).
std::string_view SectionOf(std::string_view href);

// url_shape flags of `href`.
uint8_t UrlShapeOf(std::string_view href);

// Date, long numeric id or long slug: the newspaper-style article rule.
inline bool HasGenericArticleShape(uint8_t shape) {
  return shape & (url_shape::kDate | url_shape::kNumericId | url_shape::kLongSlug);
}

// True when the href leads to a publisher's service rather than a story: a
// subdomain label or a whole path segment names a shop, deals and coupons,
// offer listings (job offers: "/emploi/offres/N/slug/"),
// classifieds and jobs, games, quizzes and horoscopes, courses, newsletters,
// subscriptions, sponsored content or a legal page, in en/fr/de/es/it
// ("boutique.x.fr", "/gutscheine/", "/spiele/x", "/sponsored/y"). Such links
// sit in teaser boxes that look like news lists; readers do not take them for
// headlines.
bool IsServiceHref(std::string_view href);

// True when the href's path starts with a pasted absolute URL, a broken link
// ("/https://other.example/2020/05/story", "https://site.fr/http://x.fr/a"):
// the publisher wrote a full URL where a path was expected, so the browser,
// and the crawler, resolve it on the site itself, where it names no page.
// Promo widgets and CMS link fields produce these; the target is a 404 or a
// soft-404 front, never the story its slug reads like.
bool IsPastedUrlHref(std::string_view href);

// True when the href's path names a home or front page: a word "startseite"
// or "homepage" ("/bundesliga-startseite-52368768.bild.html", split at '-',
// '_', '.'), or a segment "home" alone or before an id ("/home/x",
// "/wrestling/home-45315290.html"): a section front on the site's article
// template, not a story.
bool IsFrontPageHref(std::string_view href);

// Everything the link classifier asks of one href, from one pass over it
// (AnalyzeHref): the functions above and PathTemplate below each give one
// field of it.
struct HrefFacts {
  uint8_t shape = 0;           // UrlShapeOf
  uint32_t path_template = 0;  // PathTemplate
  bool service = false;        // IsServiceHref
  bool front_page = false;     // IsFrontPageHref
  // The path is one segment of three words or more, no id, no extension
  // ("/antifa-im-lehrerzimmer/", but also "/faits-divers-justice"): a post
  // where the site keeps its stories at "/title-slug/" (kLoneSlugTemplate
  // learned from its longer titles), a section elsewhere.
  bool lone_title_segment = false;
};
HrefFacts AnalyzeHref(std::string_view href);

// A compact description of a path: the number of segments and, per segment
// (up to 8), its kind (word, slug, number, word with an id), plus whether
// the last one has an extension. "/politique/quebec/573466/le-ministre-x"
// and "/politique/canada/573548/ottawa-y" share a template; "/sante/" does
// not.
uint32_t PathTemplate(std::string_view href);

// The PathTemplate of a one-segment path whose segment is a long slug
// ("/kriegsverbrecher-trump-und-netanjahu-greifen-an/"): WordPress-style
// story URLs.
inline constexpr uint32_t kLoneSlugTemplate = (1u << 17) | 1u;

// Learns which path templates a site uses for its articles: a template
// counts once per distinct link whose anchor reads like a headline (a
// reader-facing title); a template seen on at least kMinEvidence such links,
// and not made of short words only (section paths), is an article template.
// Feed it the links of one page (the link classifier does), or of many
// pages of one site during a crawl.
class ArticleShapeLearner {
 public:
  static constexpr uint32_t kMinEvidence = 3;

  // One link of the site: `headline_text` when its anchor reads like a title.
  void Observe(std::string_view href, bool headline_text) {
    ObserveTemplate(PathTemplate(href), headline_text);
  }
  // The same with the href's PathTemplate already computed.
  void ObserveTemplate(uint32_t path_template, bool headline_text);
  // True when the href's template was learned as an article template.
  bool Matches(std::string_view href) const { return IsArticleTemplate(PathTemplate(href)); }
  bool IsArticleTemplate(uint32_t path_template) const;
  // How many article templates have been learned so far.
  size_t learned_templates() const;

 private:
  static constexpr size_t kSlots = 64;
  struct Slot {
    uint32_t path_template = 0;
    uint32_t count = 0;
  };
  std::array<Slot, kSlots> slots_{};
};

}  // namespace nc
