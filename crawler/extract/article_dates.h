#pragma once
// Dates of a news article: ISO 8601 / RFC 3339 values (JSON-LD, meta tags,
// <time datetime>), RFC 822 dates, and the date lines readers see, in
// French, English, German, Spanish and Italian:
//   "Dernière mise à jour à 08h24 le 16/04"     modified, year inferred
//   "Publié le 16 avril 2019 à 10h05"           published
//   "Updated 3 hours ago", "il y a 2 jours"     resolved against the fetch time
//   "Veröffentlicht am 16. April 2019, 10:05 Uhr", "16 de abril de 2019",
//   "Pubblicato il 16 aprile 2019", "April 16, 2019 10:05 AM"
//
// Policy, written down because every choice here is a guess on real pages:
//  - A time zone is recorded only when the page states one (an offset or
//    "Z" in an ISO value, GMT/UTC in a line). Otherwise the wall-clock time
//    is kept with the zone unknown; nothing is guessed from the site's
//    language or country.
//  - A date without a year takes the year that makes it not later than the
//    fetch time (a 16/04 line read on 2027-01-03 is 2026-04-16). Because the
//    zone is unknown, "not later" allows kUnknownZoneSlackSeconds.
//  - Years before 1990 or after the fetch year + 1, impossible days
//    (31/02) and times (25h70) are rejected, not clamped.
//  - A relative line ("3 hours ago") is the fetch time minus that much, its
//    zone that of the fetch time (UTC).
// Pure functions, safe from any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nc {

// A local wall-clock time is at most this far from UTC (UTC+14, UTC-12).
inline constexpr int64_t kUnknownZoneSlackSeconds = 14 * 3600;

struct ArticleTime {
  // Seconds since 1970-01-01T00:00:00 of the wall-clock time as written
  // (not converted to UTC).
  int64_t local_seconds = 0;
  // Offset from UTC in minutes when the page states it; unknown otherwise.
  std::optional<int> utc_offset_minutes;
  bool has_time = false;  // a time of day was given (else midnight, date only)

  // Best estimate of the UTC instant: exact when the offset is known.
  int64_t ApproxUtcSeconds() const {
    return local_seconds - int64_t{utc_offset_minutes.value_or(0)} * 60;
  }
  // "2019-04-16T10:05:00+02:00"; without the offset when it is unknown
  // ("2019-04-16T10:05:00"); "2019-04-16" for a date without a time.
  std::string Iso() const;
};

// True when `a` is certainly later than `b` (by more than the zone
// uncertainty when either zone is unknown).
bool CertainlyAfter(const ArticleTime& a, const ArticleTime& b);

// Seconds since the epoch of a proleptic Gregorian date-time (UTC);
// nullopt for an impossible date.
std::optional<int64_t> CivilToSeconds(int year, int month, int day, int hour = 0, int minute = 0,
                                      int second = 0);

// Splits seconds since the epoch into a civil date.
void SecondsToCivil(int64_t seconds, int& year, int& month, int& day, int& hour, int& minute,
                    int& second);

// ISO 8601 / RFC 3339 ("2019-04-16", "2019-04-16T10:05", "...:00.123+02:00",
// "...Z", "20190416T100500Z", a space instead of 'T'), and RFC 822 dates
// ("Tue, 16 Apr 2019 10:05:00 +0200"). `fetched_at` (seconds since the
// epoch, UTC) bounds the year. nullopt when it is none of these or absurd.
std::optional<ArticleTime> ParseMachineDate(std::string_view text, int64_t fetched_at);

enum class DateLineKind : uint8_t { kUnknown, kPublished, kModified };

struct DateLine {
  DateLineKind kind = DateLineKind::kUnknown;  // from its words ("Publié", "Updated")
  ArticleTime time;
};

// The date in a line of visible text, read against the fetch time. nullopt
// when the line holds no date (or an absurd one). Lines longer than 200
// bytes are not date lines.
std::optional<DateLine> ParseDateLine(std::string_view text, int64_t fetched_at);

}  // namespace nc
