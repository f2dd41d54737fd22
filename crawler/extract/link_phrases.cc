#include "crawler/extract/link_phrases.h"

#include <algorithm>
#include <string>

#include "crawler/extract/html_text.h"
#include "crawler/extract/phrase_index.h"

namespace nc {
namespace {

// Folded heading texts that introduce related headlines.
constexpr std::string_view kRelatedHeadings[] = {
    // fr
    "articles lies", "lire aussi", "a lire aussi", "a lire egalement", "lire egalement",
    "sur le meme sujet", "sur le meme theme", "dans la meme rubrique", "a voir aussi", "voir aussi",
    "articles connexes", "articles correspondants", "la redaction vous conseille", "a decouvrir egalement",
    "a decouvrir aussi", "a decouvrir", "vous aimerez aussi", "vous aimerez peut etre aussi",
    "vous pourriez aimer", "pour aller plus loin", "vous recommande", "nous vous recommandons",
    // en
    "related", "read more", "more on this", "see also", "more stories", "you may also like",
    "you might also like", "also read", "read also", "recommended", "further reading", "read next",
    "recommended for you",
    // de
    "mehr zum thema", "das konnte sie auch interessieren", "das konnte dich auch interessieren",
    "das konnte sie interessieren", "auch interessant", "lesen sie auch", "lesen sie mehr",
    "weitere artikel", "verwandte artikel", "ahnliche artikel", "mehr dazu",
    // es
    "mas informacion", "te puede interesar", "tambien te puede interesar", "le puede interesar",
    "noticias relacionadas", "articulos relacionados", "contenido relacionado", "lee tambien",
    "lea tambien", "ver tambien", "te recomendamos",
    // it
    "leggi anche", "potrebbe interessarti", "ti potrebbe interessare", "articoli correlati",
    "correlati", "vedi anche", "raccomandati per te", "consigliati per te", "ti consigliamo"};

// Whole short headings that name a partner or commercial section (folded:
// lower case, no accents or punctuation).
constexpr std::string_view kCommercialHeadings[] = {
    // fr
    "contenus partenaires", "contenu partenaire", "contenus sponsorises", "contenu sponsorise",
    "service partenaire", "services partenaires", "nos partenaires", "partenaires",
    "en partenariat avec", "publi redactionnel", "publireportage", "bons plans", "codes promo",
    "petites annonces", "annonces", "shopping", "jeux", "nos jeux", "offres", "nos offres",
    "nos services", "services",
    // en
    "sponsored", "sponsored content", "sponsored stories", "partner content", "from our partners",
    "paid content", "paid post", "promoted", "promoted stories", "advertisement", "deals", "games",
    "classifieds", "offers", "our services", "services",
    // de
    "anzeige", "anzeigen", "verlagsangebot", "verlagsangebote", "werbung", "partnerangebote",
    "partnerinhalte", "in kooperation mit", "gutscheine", "spiele", "angebote", "shopping",
    // es
    "publicidad", "contenido patrocinado", "patrocinado", "contenido de marca", "ofertas", "juegos",
    "anuncios", "cupones", "descuentos",
    // it
    "contenuto sponsorizzato", "contenuti sponsorizzati", "sponsorizzato", "pubblicita",
    "in collaborazione con", "offerte", "giochi", "annunci", "sconti"};

// Prefixes of an anchor text that mark a paid teaser (folded).
constexpr std::string_view kSponsorMarkers[] = {"concu et propose par",
                                                "propose par",
                                                "service partenaire",
                                                "contenu partenaire",
                                                "contenu sponsorise",
                                                "en partenariat avec",
                                                "publi redactionnel",
                                                "sponsored",
                                                "paid content",
                                                "paid post",
                                                "partner content",
                                                "advertisement",
                                                "anzeige",
                                                "verlagsangebot",
                                                "in kooperation mit",
                                                "publicidad",
                                                "contenido patrocinado",
                                                "patrocinado por",
                                                "contenuto sponsorizzato",
                                                "in collaborazione con",
                                                "pubblicita"};

const PhraseIndex kRelatedHeadingIndex(kRelatedHeadings);
const PhraseIndex kCommercialHeadingIndex(kCommercialHeadings);
const PhraseIndex kSponsorMarkerIndex(kSponsorMarkers);

}  // namespace

// One word ("Jeux", "Anzeige") must be the whole heading: "Jeux olympiques"
// is a story's. A phrase of several words may open a longer heading, which
// often carries its own disclaimer ("Contenus partenaires Contenus réalisés
// par la régie...").
bool IsCommercialHeadingFolded(std::string_view folded) {
  return kCommercialHeadingIndex.MatchWholeOrLongPrefix(folded);
}

// Starts with a related phrase, or (at most five words) contains one.
bool IsRelatedHeadingFolded(std::string_view folded) {
  // "More" alone heads the BBC's list after a story; "More from Metro" or
  // "More videos" open other lists, so the word must be the whole heading.
  if (folded == "more") return true;
  return kRelatedHeadingIndex.MatchOpeningOrInShortText(folded, 5);
}

bool IsRelatedHeading(std::string_view heading_text) {
  std::string folded;
  FoldForMatch(heading_text, folded);
  return IsRelatedHeadingFolded(folded);
}

bool IsCommercialHeading(std::string_view heading_text) {
  std::string folded;
  FoldForMatch(heading_text, folded);
  return IsCommercialHeadingFolded(folded);
}

bool HasSponsorMarker(std::string_view anchor_text) {
  // Called for every followed link: most titles open with a letter no marker
  // starts with, and those are not folded at all.
  if (anchor_text.empty()) return false;
  const char first = static_cast<char>(anchor_text[0] | 0x20);
  if (std::string_view("cpseavi").find(first) == std::string_view::npos) return false;
  // Only the first words matter: fold no more than a marker's length.
  thread_local std::string folded;
  FoldForMatch(anchor_text.substr(0, 48), folded);
  return !folded.empty() && kSponsorMarkerIndex.MatchAt(folded, 0);
}

bool IsHeadlineText(std::string_view anchor_text) {
  // Asked several times of every link: stop as soon as either count is met.
  size_t spaces = 0;
  size_t characters = 0;
  for (const char c : anchor_text) {
    if (c == ' ' && ++spaces >= 2) return true;  // three words
    characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (characters >= 20) return true;
  }
  return false;
}

// Inline read-also pointers before a link. Narrower than the headings:
// "Read more: <a>Middle East coverage</a>" leads to a section page as often
// as to an article, while "Lire aussi" always points to an article.
constexpr std::string_view kRelatedPrefixes[] = {
    "a lire aussi",      "lire aussi",  "a lire egalement",  "lire egalement", "voir aussi",
    "a voir aussi",      "a decouvrir", "sur le meme sujet", "read also",      "also read",
    "see also",          "related",     "more on this",      "mehr zum thema", "lesen sie auch",
    "leggi anche",       "vedi anche",  "lee tambien",       "lea tambien",    "ver tambien",
    "te puede interesar"};

// Words that point to another story only as a whole label ending with a
// colon ("MORE: <a>" at Metro, "LEER MÁS: <a>"); without the colon "more"
// opens sentences. "Read more:" stays out: it leads to a section page as
// often as to a story ("Read more: Middle East coverage").
constexpr std::string_view kColonRelatedPrefixes[] = {
    "more", "leer mas", "lee mas", "lea mas", "lesen sie mehr", "mehr dazu", "leggi"};

bool IsRelatedPrefix(std::string_view text, std::string& folded) {
  FoldForMatch(text, folded);
  if (folded.empty() || std::count(folded.begin(), folded.end(), ' ') >= 6) return false;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  if (text.ends_with(':')) {
    for (std::string_view phrase : kColonRelatedPrefixes) {
      if (folded == phrase) return true;
    }
  }
  for (std::string_view phrase : kRelatedPrefixes) {
    if (folded.starts_with(phrase) &&
        (folded.size() == phrase.size() || folded[phrase.size()] == ' ')) {
      return true;
    }
  }
  return false;
}

}  // namespace nc
