#pragma once
// The phrases of news pages that say what a block of links is, in
// fr/en/de/es/it: headings that introduce related headlines ("Articles
// liés", "À lire aussi", "Mehr zum Thema"), headings that name partner or
// commercial sections ("Contenus partenaires", "Anzeige"), sponsorship
// markers at the start of an anchor, inline read-also prefixes before a
// link; and whether an anchor text reads like a headline. Texts are matched
// folded (html_text.h FoldForMatch: lower case, no accents or punctuation).
//
// Pure functions; any thread.

#include <string>
#include <string_view>

namespace nc {

// True when `heading_text` introduces related headlines ("Articles liés",
// "À lire aussi", "Related stories", ...).
bool IsRelatedHeading(std::string_view heading_text);
// The same on text already folded by FoldForMatch.
bool IsRelatedHeadingFolded(std::string_view folded);

// True when `heading_text` names a partner or commercial section: sponsored
// or partner content, deals, shopping, classifieds, games ("Contenus
// partenaires", "Verlagsangebot", "Publicidad"). Only short labels: a
// heading that merely starts with such a word is a story's ("Jeux olympiques").
bool IsCommercialHeading(std::string_view heading_text);
// The same on text already folded by FoldForMatch.
bool IsCommercialHeadingFolded(std::string_view folded);

// True when `anchor_text` starts with a sponsorship marker ("Conçu et proposé
// par ...", "Anzeige: ...", "Sponsored"): a paid teaser dressed as a story.
bool HasSponsorMarker(std::string_view anchor_text);

// True when `anchor_text` looks like a headline (>= 3 words or >= 20 characters).
bool IsHeadlineText(std::string_view anchor_text);

// True when the inline text just before a link, in the same block,
// introduces it as a related article: "À lire aussi :", "Lire aussi",
// "Read more:", "Mehr zum Thema", ... (at most six words, starting with a
// related heading phrase). `scratch` is working space.
bool IsRelatedPrefix(std::string_view text, std::string& scratch);

}  // namespace nc
