// Site-list headings: the headings of ranked or site-wide story lists ("Les
// plus lus", "L'info en continu", "Most read", "Meistgelesen", "Lo más
// visto", "I più letti") in fr/en/de/es/it. Such a list is the site's, not
// the article's, even inside a container an earlier "À lire aussi" heading or
// a `related` class marked (Le Devoir's sidebar, regards.fr's `related`
// column): the link-roles pass (link_roles.cc) stops the related mark at it,
// and article extraction does not take its links as related headlines.
// Pure functions; any thread.
#pragma once

#include <string_view>

namespace nc {

// `folded` is FoldForMatch output (crawler/extract/html_text.h). True when a
// site-list phrase is the heading or opens it, or (headings of at most six
// words) occurs in it ("Articles les plus lus").
bool IsSiteListHeadingFolded(std::string_view folded);

// The same for raw heading text (folds it first).
bool IsSiteListHeading(std::string_view heading_text);

}  // namespace nc
