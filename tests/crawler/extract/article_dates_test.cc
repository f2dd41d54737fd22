// Dates of articles: machine formats, visible date lines in five languages,
// year inference against the fetch time, relative lines, absurd values.

#include "crawler/extract/article_dates.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

// Fetch times (UTC).
int64_t At(int y, int mo, int d, int h = 12, int mi = 0) {
  return *CivilToSeconds(y, mo, d, h, mi);
}

std::string Line(std::string_view text, int64_t fetched_at) {
  auto line = ParseDateLine(text, fetched_at);
  return line ? line->time.Iso() : "none";
}

DateLineKind Kind(std::string_view text) {
  auto line = ParseDateLine(text, At(2026, 4, 20));
  return line ? line->kind : DateLineKind::kUnknown;
}

TEST(ArticleDates, CivilRoundTrip) {
  int y, mo, d, h, mi, s;
  SecondsToCivil(*CivilToSeconds(2024, 2, 29, 23, 59, 58), y, mo, d, h, mi, s);
  EXPECT_EQ(std::tie(y, mo, d, h, mi, s), std::make_tuple(2024, 2, 29, 23, 59, 58));
  EXPECT_FALSE(CivilToSeconds(2023, 2, 29));
  EXPECT_FALSE(CivilToSeconds(2023, 4, 31));
  EXPECT_FALSE(CivilToSeconds(2023, 13, 1));
  EXPECT_FALSE(CivilToSeconds(2023, 1, 1, 24));
}

TEST(ArticleDates, IsoWithAndWithoutOffset) {
  const int64_t fetch = At(2026, 4, 20);
  EXPECT_EQ(ParseMachineDate("2019-04-16T10:05:00+02:00", fetch)->Iso(),
            "2019-04-16T10:05:00+02:00");
  EXPECT_EQ(ParseMachineDate("2019-04-16T08:05:00.123Z", fetch)->Iso(),
            "2019-04-16T08:05:00+00:00");
  EXPECT_EQ(ParseMachineDate("2019-04-16 10:05", fetch)->Iso(), "2019-04-16T10:05:00");
  EXPECT_EQ(ParseMachineDate("2019-04-16", fetch)->Iso(), "2019-04-16");
  EXPECT_EQ(ParseMachineDate("20190416T100500-0500", fetch)->Iso(), "2019-04-16T10:05:00-05:00");
  const auto t = ParseMachineDate("2019-04-16T10:05:00+02:00", fetch);
  EXPECT_EQ(t->ApproxUtcSeconds(), *CivilToSeconds(2019, 4, 16, 8, 5));
}

TEST(ArticleDates, Rfc822) {
  EXPECT_EQ(ParseMachineDate("Tue, 16 Apr 2019 10:05:00 +0200", At(2026, 4, 20))->Iso(),
            "2019-04-16T10:05:00+02:00");
  EXPECT_EQ(ParseMachineDate("Tue, 16 Apr 2019 10:05:00 GMT", At(2026, 4, 20))->Iso(),
            "2019-04-16T10:05:00+00:00");
}

TEST(ArticleDates, AbsurdValuesAreRejected) {
  const int64_t fetch = At(2026, 4, 20);
  EXPECT_FALSE(ParseMachineDate("1970-01-01T00:00:00Z", fetch));  // before 1990
  EXPECT_FALSE(ParseMachineDate("2999-01-01", fetch));            // far future
  EXPECT_FALSE(ParseMachineDate("2019-02-31", fetch));
  EXPECT_FALSE(ParseMachineDate("2019-04-16T25:70", fetch));
  EXPECT_FALSE(ParseMachineDate("2019-04-16T10:05+99:00", fetch));
  EXPECT_FALSE(ParseMachineDate("yesterday-ish", fetch));
  EXPECT_FALSE(ParseMachineDate("", fetch));
  EXPECT_EQ(Line("Publié le 31/02/2019", fetch), "none");
  EXPECT_EQ(Line("Mis à jour à 27h90 le 16/04/2019", fetch), "2019-04-16");
}

TEST(ArticleDates, SeedDateLineTakesTheYearBeforeTheFetch) {
  // The seed document's line, read in the same year and just after new year.
  EXPECT_EQ(Line("Dernière mise à jour à 08h24 le 16/04", At(2019, 4, 20)), "2019-04-16T08:24:00");
  EXPECT_EQ(Line("Dernière mise à jour à 08h24 le 16/04", At(2020, 1, 3)), "2019-04-16T08:24:00");
  EXPECT_EQ(Kind("Dernière mise à jour à 08h24 le 16/04"), DateLineKind::kModified);
  // Read the same morning in UTC: 08:24 Paris is 06:24Z, so still this year.
  EXPECT_EQ(Line("Dernière mise à jour à 08h24 le 16/04", At(2019, 4, 16, 6, 30)),
            "2019-04-16T08:24:00");
}

TEST(ArticleDates, FrenchPublishedLine) {
  EXPECT_EQ(Line("Publié le 16 avril 2019 à 10h05", At(2026, 4, 20)), "2019-04-16T10:05:00");
  EXPECT_EQ(Kind("Publié le 16 avril 2019 à 10h05"), DateLineKind::kPublished);
  EXPECT_EQ(Line("Le 1er août 2019", At(2026, 4, 20)), "2019-08-01");
  EXPECT_EQ(Line("16/04/2019 - 10:05", At(2026, 4, 20)), "2019-04-16T10:05:00");
}

TEST(ArticleDates, EnglishLines) {
  EXPECT_EQ(Line("Published April 16, 2019 10:05 AM", At(2026, 4, 20)), "2019-04-16T10:05:00");
  EXPECT_EQ(Line("Updated 16 Apr 2019, 3:05 pm GMT", At(2026, 4, 20)), "2019-04-16T15:05:00+00:00");
  EXPECT_EQ(Kind("Updated 16 Apr 2019"), DateLineKind::kModified);
  // Month first in English when both numbers could be months.
  EXPECT_EQ(Line("Posted 04/05/2019", At(2026, 4, 20)), "2019-04-05");
  EXPECT_EQ(Line("Posted 04/25/2019", At(2026, 4, 20)), "2019-04-25");
}

TEST(ArticleDates, GermanSpanishItalianLines) {
  EXPECT_EQ(Line("Veröffentlicht am 16. April 2019, 10:05 Uhr", At(2026, 4, 20)),
            "2019-04-16T10:05:00");
  EXPECT_EQ(Kind("Aktualisiert am 16.04.2019"), DateLineKind::kModified);
  EXPECT_EQ(Line("Aktualisiert am 16.04.2019", At(2026, 4, 20)), "2019-04-16");
  EXPECT_EQ(Line("Actualizado el 16 de abril de 2019 a las 10:05", At(2026, 4, 20)),
            "2019-04-16T10:05:00");
  EXPECT_EQ(Line("Pubblicato il 16 aprile 2019 alle 10:05", At(2026, 4, 20)),
            "2019-04-16T10:05:00");
  EXPECT_EQ(Kind("Pubblicato il 16 aprile 2019"), DateLineKind::kPublished);
}

TEST(ArticleDates, RelativeLinesResolveAgainstTheFetchTime) {
  const int64_t fetch = At(2026, 4, 20, 12, 0);
  EXPECT_EQ(Line("Updated 3 hours ago", fetch), "2026-04-20T09:00:00+00:00");
  EXPECT_EQ(Kind("Updated 3 hours ago"), DateLineKind::kModified);
  EXPECT_EQ(Line("Publié il y a 25 minutes", fetch), "2026-04-20T11:35:00+00:00");
  EXPECT_EQ(Line("il y a 2 jours", fetch), "2026-04-18");
  EXPECT_EQ(Line("vor 2 Stunden aktualisiert", fetch), "2026-04-20T10:00:00+00:00");
  EXPECT_EQ(Line("hace una hora", fetch), "2026-04-20T11:00:00+00:00");
  EXPECT_EQ(Line("5 minuti fa", fetch), "2026-04-20T11:55:00+00:00");
  EXPECT_EQ(Line("3 hours of debate", fetch), "none");
}

TEST(ArticleDates, NotDateLines) {
  const int64_t fetch = At(2026, 4, 20);
  EXPECT_EQ(Line("Le match a basculé en seconde période sur un penalty.", fetch), "none");
  EXPECT_EQ(Line(std::string(300, 'x') + " 16/04/2019", fetch), "none");
  EXPECT_EQ(Line("", fetch), "none");
}

TEST(ArticleDates, CertainlyAfterAllowsForUnknownZones) {
  ArticleTime utc = *ParseMachineDate("2026-04-16T06:30:00Z", At(2026, 4, 20));
  ArticleTime local = *ParseMachineDate("2026-04-16T08:24:00", At(2026, 4, 20));
  EXPECT_FALSE(CertainlyAfter(local, utc));  // 08:24 somewhere may be before 06:30Z
  ArticleTime later = *ParseMachineDate("2026-04-17T08:24:00Z", At(2026, 4, 20));
  EXPECT_TRUE(CertainlyAfter(later, utc));
}

}  // namespace
}  // namespace nc
