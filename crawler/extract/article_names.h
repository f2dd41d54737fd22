#pragma once
// Text rules for the article's title and authors (article.cc), kept apart
// so that they can be tested one by one:
//  - FoldForCompare: one form for the same title written by different
//    sources (<h1>, og:title, JSON-LD): NBSP and thin spaces, typographic
//    apostrophes, an ellipsis character, ASCII case.
//  - AuthorNames: the people a byline or an author value names
//    ("Par Elsa Provenzano et Mickaël Bosredon", "Recueilli par Patrick
//    ANGEVIN.", "Par Matthieu Hy le 07 Mai 2020", "Accueil | Par X | date").
//  - LooksLikePublisher: an author value that names the site itself
//    ("L'Opinion" on lopinion.fr, "Deutsche Welle (www.dw.com)").
// Pure functions, any thread.

#include <string>
#include <string_view>
#include <vector>

namespace nc {

// Lower-cased (ASCII), white space (incl. U+00A0, U+202F, U+2009) collapsed
// and trimmed, U+2019/U+2018/U+02BC as "'", U+2026 as "...".
std::string FoldForCompare(std::string_view text);

// The names in one author value or visible byline, cleaned: a leading
// "Par"/"By"/"Von"/"Por"/"Di"/"Recueilli(s) par"/"Propos recueillis par"/
// "Auteur :" dropped, the value cut before a date or time that follows the
// name (" le 07 Mai 2020", " - 05:01", "|"), split on " et ", " and ",
// " & ", ", " and " / ", and a final period dropped after a word of three
// letters or more (an initial like "C." stays); a month name before the
// date goes with it ("Paul Serran Jul 19, 2026"). When the value has
// "|"-separated parts, the part that starts with "Par"/"By" is read.
// Empty when nothing name-like is left.
std::vector<std::string> AuthorNames(std::string_view value);

// True when `name` names the publisher rather than a writer: it holds a
// host name ("www.dw.com", "sudinfo.be"), or its letters equal the letters
// of `site_name` or of the registrable label of `host` ("L'Opinion" vs
// "www.lopinion.fr", "Les Echos" vs "lesechos.fr").
bool LooksLikePublisher(std::string_view name, std::string_view site_name, std::string_view host);

// `title` (og:title or <title>) without a trailing site name after a
// separator (" | ", " - ", " – ", " — ", " · ", " • ", " :: "): "Titre |
// MDR.DE", "Title - The Site"; the suffix must look like the publisher
// (LooksLikePublisher, or equal to og:site_name). Up to two such suffixes
// go ("Title | site.de | Site"); a section name before the site stays.
std::string_view TitleWithoutSiteSuffix(std::string_view title, std::string_view site_name,
                                        std::string_view host);

// True when `text` reads like a person's name shown alone (a byline
// element without "Par"; not a byline word alone such as "By"): 1 to 5
// words, each starting with an upper-case letter (or a particle: de, du,
// von, van, le, la), no digits, < 60 bytes.
bool LooksLikeName(std::string_view text);

}  // namespace nc
