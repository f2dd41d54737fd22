// article_fundus_eval: the article extractor graded on pages of ~180
// publishers in ~40 countries it was never tuned on: the parser test pages of
// flairNLP/fundus, whose ground truth is what fundus's hand-written
// per-publisher parsers extract (issue 17). The data is third-party and stays
// out of this repository: tests/testdata/from_mirrors.sh rebuilds it from the
// provenance in tests/realpages/fundus/pages.tsv into DIR/pages/ID.html and
// DIR/truth.json (tests/realpages/fundus/tools/build_data.py).
//
// Scoring, per page and over the pages of each group (all, dev, test, each
// country, each language the page states):
//  title      equal after collapsing white space (NBSP included), as on the
//             French set (article_fields_eval)
//  published  to the minute and to the day. fundus dates carry an offset
//             (17 do not): when both sides state one, the UTC instants are
//             compared (the day in fundus's offset); when either does not,
//             the wall-clock times, and such pages are also counted apart
//             ("wall-clock comparisons"). fundus gives a date shown
//             without a time as midnight: our date-only reading of the same
//             day is right to the minute
//  authors    the same set of names (case and white space ignored), and
//             any-overlap over the pages fundus gives authors for
//  body       article_token_score.h (the scrapinghub benchmark's 4-token
//             shingles): fundus's body is its summary (the lead / standfirst
//             shown above the text), then each section's headline and
//             paragraphs; ours is the paragraphs. The lead counts as body
//             (most pages print it as the first paragraph); "body w/o lead"
//             grades against fundus's sections only, to show how much of the
//             gap the lead is.
// The publishers are split in two halves by a stable hash of the name
// (FNV-1a, low bit): "dev" pages may be read and tuned on, "test" pages
// only through their totals, so per-page lines of test pages are printed
// only with --all-pages.
//
//   article_fundus_eval [--data DIR] [--page ID] [--verbose] [--all-pages]
//                       [--min-title X] [--min-published-day X]
//                       [--min-authors X] [--min-body-f1 X]
// DIR: --data, else $NEWSCRAWL_FUNDUS, else the first testdata-local/fundus
// found beside the source tree or above it. Exit 77 (skipped) without the
// data, 1 when an overall figure is below its floor.
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "crawler/extract/article.h"
#include "crawler/extract/charset.h"
#include "tests/bench/article_token_score.h"
#include "tests/bench/eval_common.h"
#include "tests/bench/eval_flags.h"

namespace {

namespace fs = std::filesystem;
using nc::bench::JsonString;
using nc::bench::JsonStrings;
using nc::bench::Mark;
using nc::bench::Normalize;
using nc::bench::ReadAll;
using nc::bench::Tally;

// FNV-1a, 32 bits: stable across platforms and runs, unlike std::hash.
bool IsTestHalf(std::string_view publisher) {
  uint32_t h = 2166136261u;
  for (const char c : publisher) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h & 1;
}

struct Group {
  Tally title, minute, day, wall_minute, authors, overlap;
  std::vector<nc::bench::TpFpFn> body, body_no_lead;
};

// Minute and day agreement of an extracted time with fundus's.
struct DateGrade {
  bool minute = false, day = false, wall_clock = false;
};

DateGrade GradeDate(const nc::ArticleTime& want, const std::optional<nc::ArticleDate>& got) {
  DateGrade g;
  if (!got) return g;
  const nc::ArticleTime& t = got->time;
  int64_t want_s = want.local_seconds, got_s = t.local_seconds;
  if (want.utc_offset_minutes && t.utc_offset_minutes) {
    // Both instants, ours seen in fundus's offset: the day is fundus's day.
    got_s += (int64_t{*want.utc_offset_minutes} - *t.utc_offset_minutes) * 60;
  } else {
    g.wall_clock = true;
  }
  g.day = want_s / 86400 == got_s / 86400;
  // fundus writes a date shown without a time of day as midnight: a date
  // we read without one is right to the minute when the day is.
  const bool date_only = !t.has_time && want_s % 86400 == 0;
  g.minute = date_only ? g.day : t.has_time && want_s / 60 == got_s / 60;
  return g;
}

// Bounds the year of the dates read from truth.json, which are all past.
const int64_t kFarFuture = *nc::CivilToSeconds(2100, 1, 1);

void PrintGroup(const std::string& name, const Group& g) {
  const nc::bench::BodyScore body = nc::bench::Summary(g.body);
  const nc::bench::BodyScore no_lead = nc::bench::Summary(g.body_no_lead);
  std::printf("%-10s %5d %6.1f %6.1f %6.1f %6.1f %6.1f   %.3f %.3f %.3f   %.3f\n", name.c_str(),
              g.title.total, 100 * g.title.Rate(), 100 * g.minute.Rate(), 100 * g.day.Rate(),
              100 * g.authors.Rate(), 100 * g.overlap.Rate(), body.precision, body.recall, body.f1,
              no_lead.f1);
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_flag, only_page;
  double min_title = 0, min_day = 0, min_authors = 0, min_f1 = 0;
  bool verbose = false, all_pages = false;
  const bool flags_ok = nc::bench::EvalFlags("article_fundus_eval")
                            .Text("--data", "DIR", &data_flag)
                            .Text("--page", "ID", &only_page)
                            .Switch("--verbose", &verbose)
                            .Switch("--all-pages", &all_pages)
                            .Number("--min-title", &min_title)
                            .Number("--min-published-day", &min_day)
                            .Number("--min-authors", &min_authors)
                            .Number("--min-body-f1", &min_f1)
                            .Parse(argc, argv, std::cerr);
  if (!flags_ok) return 2;
  const fs::path data = nc::bench::FindEvalDataOrSkip(
      data_flag, {"article_fundus_eval", "fundus data", "NEWSCRAWL_FUNDUS", "fundus", "truth.json",
                  "tests/testdata/from_mirrors.sh"});
  if (data.empty()) return 77;
  boost::system::error_code error;
  const boost::json::value truth = boost::json::parse(ReadAll(data / "truth.json"), error);
  if (error || !truth.is_object()) {
    std::cerr << "article_fundus_eval: unreadable truth.json\n";
    return 1;
  }
  std::map<std::string, Group> groups;
  std::set<std::string> publishers[2];
  std::printf("%-44s %-4s %-5s %-3s %-3s %-4s %-4s %s\n", "page (dev half)", "half", "title", "min",
              "day", "auth", "any", "body F1");
  for (const auto& [key, entry_value] : truth.get_object()) {
    const std::string id(key);
    if (!only_page.empty() && id != only_page) continue;
    const boost::json::object& entry = entry_value.as_object();
    const std::string publisher = JsonString(entry, "publisher");
    const bool test_half = IsTestHalf(publisher);
    publishers[test_half].insert(publisher);
    std::string html = ReadAll(data / "pages" / (id + ".html"));
    if (html.empty()) {
      std::cerr << "article_fundus_eval: missing page " << id << "\n";
      return 1;
    }
    // fundus stores each page decoded and re-encoded as UTF-8, keeping the
    // <meta charset> it was served with (GB2312, ISO-8859-1): sniffing would
    // decode it twice. A page that is not valid UTF-8 is sniffed as usual.
    if (!nc::IsValidUtf8Prefix(html)) {
      const nc::Charset charset = nc::SniffHtmlCharset("text/html", html);
      if (nc::NeedsTranscoding(html, charset.name)) html = nc::TranscodeToUtf8(html, charset.name);
    }
    // Relative date lines resolve against the page's crawl time.
    const std::optional<nc::ArticleTime> crawled =
        nc::ParseMachineDate(JsonString(entry, "crawl_date"), kFarFuture);
    nc::ArticleOptions options;
    options.base_url = JsonString(entry, "base_url");
    options.fetched_at = crawled ? crawled->local_seconds : 0;
    const nc::Article article = nc::ExtractArticle(html, options);

    const std::string want_title = JsonString(entry, "title");
    const bool title_ok = Normalize(want_title) == Normalize(article.title);

    const std::string want_date_text = JsonString(entry, "published");
    const std::optional<nc::ArticleTime> want_date =
        nc::ParseMachineDate(want_date_text, kFarFuture);
    if (!want_date) {
      std::cerr << "article_fundus_eval: " << id << ": unreadable date " << want_date_text << "\n";
      return 1;
    }
    const DateGrade date = GradeDate(*want_date, article.published);

    std::set<std::string> want_authors, got_authors;
    for (const std::string& name : JsonStrings(entry, "authors")) {
      want_authors.insert(Normalize(name, true));
    }
    for (const std::string& name : article.authors) got_authors.insert(Normalize(name, true));
    const bool authors_ok = want_authors == got_authors;
    bool overlap = false;
    for (const std::string& name : got_authors) overlap = overlap || want_authors.count(name);

    std::string lead, sections, ours;
    for (const std::string& p : JsonStrings(entry, "summary")) lead += p + "\n";
    for (const std::string& p : JsonStrings(entry, "headlines")) sections += p + "\n";
    for (const std::string& p : JsonStrings(entry, "paragraphs")) sections += p + "\n";
    for (const std::string& p : article.paragraphs) ours += p + "\n\n";
    const nc::bench::TpFpFn body = nc::bench::MatchShingles(lead + sections, ours);
    const nc::bench::TpFpFn body_no_lead = nc::bench::MatchShingles(sections, ours);

    std::string language = article.language.substr(0, article.language.find_first_of("-_"));
    for (char& c : language) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (language.empty()) language = "?";
    for (const std::string& name : {std::string("all"), std::string(test_half ? "test" : "dev"),
                                    "c:" + JsonString(entry, "country"), "l:" + language}) {
      Group& g = groups[name];
      g.title.Add(title_ok);
      g.minute.Add(date.minute);
      g.day.Add(date.day);
      if (date.wall_clock) g.wall_minute.Add(date.minute);
      g.authors.Add(authors_ok);
      if (!want_authors.empty()) g.overlap.Add(overlap);
      g.body.push_back(body);
      g.body_no_lead.push_back(body_no_lead);
    }

    // The test half is graded, not read: its pages stay out of sight.
    if (test_half && !all_pages && only_page.empty()) continue;
    std::printf("%-44s %-4s %-5s %-3s %-3s %-4s %-4s %.3f\n", id.c_str(),
                test_half ? "test" : "dev", Mark(title_ok), Mark(date.minute), Mark(date.day),
                Mark(authors_ok), want_authors.empty() ? "" : Mark(overlap),
                nc::bench::PageF1(body));
    if (verbose || !only_page.empty()) {
      auto show = [](const char* what, const std::string& want, const std::string& got) {
        std::printf("    %-9s want: %s\n    %-9s  got: %s\n", what, want.c_str(), "", got.c_str());
      };
      if (!title_ok) show("title", want_title, article.title);
      if (!date.minute) {
        show("published", want_date_text,
             article.published
                 ? article.published->time.Iso() + " (" + article.published->source + ")"
                 : "(none)");
      }
      if (!authors_ok) {
        std::string want, got;
        for (const auto& a : want_authors) want += a + "; ";
        for (const auto& a : got_authors) got += a + "; ";
        show("authors", want, got);
      }
      std::printf("    body      P %.3f R %.3f (w/o lead F1 %.3f)\n", nc::bench::Precision(body),
                  nc::bench::Recall(body), nc::bench::PageF1(body_no_lead));
      if (!only_page.empty()) {
        std::printf("--- extracted:\n%s--- expected (lead, then sections):\n%s---\n%s",
                    ours.c_str(), lead.c_str(), sections.c_str());
      }
    }
  }
  std::printf("\nfundus parser test pages: %zu dev publishers, %zu test publishers\n",
              publishers[0].size(), publishers[1].size());
  std::printf("%-10s %5s %6s %6s %6s %6s %6s   %-5s %-5s %-5s   %s\n", "group", "pages", "title%",
              "min%", "day%", "auth%", "any%", "P", "R", "F1", "F1 w/o lead");
  for (const char* name : {"all", "dev", "test"}) {
    if (groups.count(name)) PrintGroup(name, groups[name]);
  }
  for (const auto& [name, g] : groups) {
    if (name.rfind("c:", 0) == 0) PrintGroup(name, g);
  }
  for (const auto& [name, g] : groups) {
    if (name.rfind("l:", 0) == 0) PrintGroup(name, g);
  }
  const Group& all = groups["all"];
  std::printf("wall-clock comparisons (no offset on one side): %d pages, %d right to the minute\n",
              all.wall_minute.total, all.wall_minute.right);
  nc::bench::Floors floors;
  floors.Check("title", all.title.Rate(), min_title);
  floors.Check("published (day)", all.day.Rate(), min_day);
  floors.Check("authors", all.authors.Rate(), min_authors);
  floors.Check("body F1", nc::bench::Summary(all.body).f1, min_f1);
  return floors.ExitCode();
}
