// Verbatim paragraphs in the stored article (crawler/article_record.h,
// version 3): the scan marks a paragraph that is one run of the page's
// bytes (Article's kVerbatimParagraph), and the record writes it as one
// copy without comparing. The mark must be given only where it is true
// (else the record would read back another text), and the record must be
// the bytes the comparing encoder writes.

#include <gtest/gtest.h>

#include <string>

#include "crawler/article_record.h"
#include "crawler/extract/article.h"
#include "tests/crawler/article_record_test_page.h"

namespace nc {
namespace {

// Paragraphs of each kind: plain prose (one text token, as is), and text
// that is not the page's bytes as they are (an entity, an inline link, a
// line break, leading whitespace, two spaces, a no-break space).
constexpr const char* kPage =
    "<!doctype html><html lang=\"fr\"><head><title>La r\xC3\xA9"
    "forme adopt\xC3\xA9"
    "e</title>\n"
    "<meta property=\"og:type\" content=\"article\"></head><body><article>\n"
    "<h1>La r\xC3\xA9"
    "forme adopt\xC3\xA9"
    "e</h1>\n"
    "<p>Le texte a \xC3\xA9t\xC3\xA9 adopt\xC3\xA9 mardi soir par les d\xC3\xA9put\xC3\xA9s, "
    "apr\xC3\xA8s trois semaines de d\xC3\xA9"
    "bats tendus dans l'h\xC3\xA9micycle.</p>\n"
    "<p>Une entit\xC3\xA9 &amp; un paragraphe qui la d\xC3\xA9"
    "code, assez long pour compter dans le corps de l'article.</p>\n"
    "<p>Un lien <a href=\"/x.html\">vers un autre article</a> au milieu d'un paragraphe "
    "assez long pour compter lui aussi.</p>\n"
    "<p>Une ligne coup\xC3\xA9"
    "e\nen deux par un retour, assez longue pour compter dans le corps du texte.</p>\n"
    "<p>\n   Un paragraphe qui commence par des espaces, assez long pour compter aussi.</p>\n"
    "<p>Deux  espaces au milieu d'un paragraphe assez long pour compter dans le corps.</p>\n"
    "<p>Une espace\xC2\xA0ins\xC3\xA9"
    "cable dans un paragraphe assez long pour compter dans le corps.</p>\n"
    "<p>Le gouvernement a salu\xC3\xA9 un vote historique, l'opposition a promis de saisir "
    "le Conseil constitutionnel dans les prochains jours.</p>\n"
    "</article></body></html>";

Article PageArticle() { return test::ExtractRecordTestArticle(kPage); }

TEST(ArticleRecordVerbatim, OnlyParagraphsThatAreThePageBytesAreMarked) {
  const Article a = PageArticle();
  const std::string_view page = kPage;
  ASSERT_EQ(a.paragraphs.size(), 8u);
  ASSERT_EQ(a.paragraph_offsets.size(), 8u);
  size_t marked = 0;
  for (size_t i = 0; i < a.paragraphs.size(); ++i) {
    const uint32_t offset = a.paragraph_offsets[i];
    ASSERT_NE(offset, kNoParagraphOffset) << i;
    const bool verbatim = (offset & kVerbatimParagraph) != 0;
    const size_t at = offset & ~kVerbatimParagraph;
    const bool is_page_bytes = page.substr(at, a.paragraphs[i].size()) == a.paragraphs[i];
    if (verbatim) {
      ++marked;
      EXPECT_TRUE(is_page_bytes) << i << ": " << a.paragraphs[i];
    }
  }
  // The first and the last are plain prose; the six between are not the
  // page's bytes as they are.
  EXPECT_EQ(marked, 2u);
  EXPECT_TRUE(a.paragraph_offsets.front() & kVerbatimParagraph);
  EXPECT_TRUE(a.paragraph_offsets.back() & kVerbatimParagraph);
}

TEST(ArticleRecordVerbatim, TheRecordIsTheComparingEncodersBytes) {
  const Article a = PageArticle();
  Article unmarked = a;
  for (uint32_t& offset : unmarked.paragraph_offsets) {
    if (offset != kNoParagraphOffset) offset &= ~kVerbatimParagraph;
  }
  const std::string record = EncodeArticleRecord(a, 3, kPage);
  EXPECT_EQ(record, EncodeArticleRecord(unmarked, 3, kPage));
  Result<Article> back = DecodeArticleRecord(record, kPage);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(ArticleToJson(*back), ArticleToJson(a));
}

}  // namespace
}  // namespace nc
