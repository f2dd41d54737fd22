// article_fields_eval: the article fields other than the body (title,
// published and modified times, authors, first and last body sentence,
// related headlines) graded on the French article set labelled by hand in
// tests/realpages/articles_fr (issue 17, item 4). The pages are third-party
// data and stay out of this repository: tests/testdata/from_mirrors.sh
// rebuilds them from local mirrors into DEST/articles-fr/ID.html.
//
// Scoring (what "right" means is written down in
// tests/realpages/articles_fr/README.md):
//  title      equal after collapsing white space (NBSP included)
//  published  equal to the minute: the UTC instants when both the label and
//             the extraction state an offset, else the wall-clock times; a
//             label without a time of day compares dates only. A page whose
//             label has no date counts as right when nothing is extracted.
//  modified   likewise, over the pages whose label has one
//  authors    the same set of names (case and white space ignored)
//  sentences  the labelled first / last body sentence occurs in the
//             extracted paragraphs (white space collapsed)
//  related    URLs (fragment dropped) matched between label and extraction,
//             summed over the pages: recall and precision
//
//   article_fields_eval [--data DIR] [--labels DIR] [--page ID] [--verbose]
//                       [--min-title X] [--min-published X]
//                       [--min-related-recall X] [--min-authors X]
// DIR: --data, else $NEWSCRAWL_ARTICLES_FR, else the first
// testdata-local/articles-fr found beside the source tree or above it.
// Exit 77 (skipped) without the data, 1 when a figure is below its floor.
#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "crawler/extract/article.h"
#include "crawler/extract/charset.h"
#include "tests/bench/eval_common.h"
#include "tests/bench/eval_flags.h"

namespace {

namespace fs = std::filesystem;
using nc::bench::JsonString;
using nc::bench::Mark;
using nc::bench::Normalize;
using nc::bench::ReadAll;
using nc::bench::Tally;

std::string UrlKey(std::string_view url) {
  std::string key(url.substr(0, url.find('#')));
  // The same page linked over http and https is one headline.
  if (key.rfind("http://", 0) == 0) key = "https://" + key.substr(7);
  return key;
}

// A labelled time: "2019-04-16T10:05+02:00", "2019-04-16T10:05" (zone not
// stated by the page) or "2019-04-16" (no time of day shown).
struct LabelTime {
  int64_t local_minutes = 0;  // wall clock, minutes since the epoch
  std::optional<int> offset_minutes;
  bool has_time = false;
};

std::optional<LabelTime> ParseLabelTime(const std::string& text) {
  int y, mo, d, h = 0, mi = 0;
  LabelTime t;
  if (std::sscanf(text.c_str(), "%d-%d-%d", &y, &mo, &d) != 3) return std::nullopt;
  if (text.size() >= 16 && text[10] == 'T') {
    if (std::sscanf(text.c_str() + 11, "%d:%d", &h, &mi) != 2) return std::nullopt;
    t.has_time = true;
    if (text.size() > 16) {
      const std::string zone = text.substr(16);
      if (zone == "Z") {
        t.offset_minutes = 0;
      } else {
        int oh = 0, om = 0;
        if (std::sscanf(zone.c_str() + 1, "%d:%d", &oh, &om) != 2) return std::nullopt;
        t.offset_minutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
      }
    }
  }
  const std::optional<int64_t> seconds = nc::CivilToSeconds(y, mo, d, h, mi);
  if (!seconds) return std::nullopt;
  t.local_minutes = *seconds / 60;
  return t;
}

bool SameMinute(const LabelTime& label, const nc::ArticleTime& got) {
  if (!label.has_time) return label.local_minutes / 1440 == got.local_seconds / 86400;
  if (!got.has_time) return false;
  if (label.offset_minutes && got.utc_offset_minutes) {
    return label.local_minutes - *label.offset_minutes ==
           got.local_seconds / 60 - *got.utc_offset_minutes;
  }
  return label.local_minutes == got.local_seconds / 60;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_flag, only_page;
  std::string labels_flag =
      (fs::path(NEWSCRAWL_SOURCE_DIR) / "tests" / "realpages" / "articles_fr").string();
  double min_title = 0, min_published = 0, min_related_recall = 0, min_authors = 0;
  bool verbose = false;
  const bool flags_ok = nc::bench::EvalFlags("article_fields_eval")
                            .Text("--data", "DIR", &data_flag)
                            .Text("--labels", "DIR", &labels_flag)
                            .Text("--page", "ID", &only_page)
                            .Switch("--verbose", &verbose)
                            .Number("--min-title", &min_title)
                            .Number("--min-published", &min_published)
                            .Number("--min-related-recall", &min_related_recall)
                            .Number("--min-authors", &min_authors)
                            .Parse(argc, argv, std::cerr);
  if (!flags_ok) return 2;
  const fs::path labels_dir = labels_flag;
  const fs::path data = nc::bench::FindEvalDataOrSkip(
      data_flag, {"article_fields_eval", "page data", "NEWSCRAWL_ARTICLES_FR", "articles-fr", "",
                  "tests/testdata/from_mirrors.sh"});
  if (data.empty()) return 77;
  std::ifstream pages(labels_dir / "pages.tsv");
  if (!pages) {
    std::cerr << "article_fields_eval: no " << (labels_dir / "pages.tsv") << "\n";
    return 1;
  }
  // Fixed, so that relative date lines ("il y a 3 heures") read the same on
  // every run; every labelled page is older.
  const int64_t fetched_at = *nc::CivilToSeconds(2026, 1, 31);
  Tally title, published, modified, authors, first, last;
  int related_hits = 0, related_labelled = 0, related_extracted = 0;
  std::string line;
  std::getline(pages, line);  // header
  std::printf("%-34s %-5s %-5s %-5s %-5s %-5s %-5s %s\n", "page", "title", "publ", "modif", "auth",
              "first", "last", "related hit/labelled/extracted");
  while (std::getline(pages, line)) {
    std::istringstream fields(line);
    std::string id, base_url;
    std::getline(fields, id, '\t');
    std::getline(fields, base_url, '\t');
    if (id.empty() || (!only_page.empty() && id != only_page)) continue;
    const fs::path page_path = data / (id + ".html");
    const fs::path label_path = labels_dir / "labels" / (id + ".json");
    if (!fs::exists(page_path)) {
      std::cerr << "article_fields_eval: missing page " << page_path << "\n";
      return 1;
    }
    if (!fs::exists(label_path)) continue;  // listed, not labelled yet
    boost::system::error_code error;
    const boost::json::value label_value = boost::json::parse(ReadAll(label_path), error);
    if (error || !label_value.is_object()) {
      std::cerr << "article_fields_eval: unreadable " << label_path << "\n";
      return 1;
    }
    const boost::json::object& label = label_value.as_object();
    std::string html = ReadAll(page_path);
    const nc::Charset charset = nc::SniffHtmlCharset("text/html", html);
    if (nc::NeedsTranscoding(html, charset.name)) html = nc::TranscodeToUtf8(html, charset.name);
    nc::ArticleOptions options;
    options.base_url = base_url;
    options.fetched_at = fetched_at;
    const nc::Article article = nc::ExtractArticle(html, options);

    const bool title_ok = Normalize(JsonString(label, "title")) == Normalize(article.title);
    title.Add(title_ok);

    auto grade_time = [&](const char* key, const std::optional<nc::ArticleDate>& got, Tally& tally,
                          bool always) -> std::string {
      const std::string text = JsonString(label, key);
      if (text.empty()) {
        if (always) tally.Add(!got);
        return always ? Mark(!got) : "";
      }
      const std::optional<LabelTime> want = ParseLabelTime(text);
      if (!want) {
        std::cerr << "article_fields_eval: " << id << ": bad " << key << " \"" << text << "\"\n";
        std::exit(1);
      }
      const bool ok = got && SameMinute(*want, got->time);
      tally.Add(ok);
      return Mark(ok);
    };
    const std::string published_mark = grade_time("published", article.published, published, true);
    const std::string modified_mark = grade_time("modified", article.modified, modified, false);

    std::set<std::string> want_authors, got_authors;
    if (const auto* a = label.if_contains("authors"); a && a->is_array()) {
      for (const auto& name : a->get_array()) {
        if (name.is_string()) want_authors.insert(Normalize(name.get_string(), true));
      }
    }
    for (const std::string& name : article.authors) got_authors.insert(Normalize(name, true));
    const bool authors_ok = want_authors == got_authors;
    authors.Add(authors_ok);

    std::string body;
    for (const std::string& p : article.paragraphs) body += Normalize(p) + "\n";
    auto found = [&](const char* key, Tally& tally) -> std::string {
      const std::string want = Normalize(JsonString(label, key));
      if (want.empty()) return "";
      const bool ok = body.find(want) != std::string::npos;
      tally.Add(ok);
      return Mark(ok);
    };
    const std::string first_mark = found("first_sentence", first);
    const std::string last_mark = found("last_sentence", last);

    std::set<std::string> want_related, got_related;
    if (const auto* r = label.if_contains("related"); r && r->is_array()) {
      for (const auto& item : r->get_array()) {
        if (item.is_object()) want_related.insert(UrlKey(JsonString(item.as_object(), "url")));
      }
    }
    for (const nc::RelatedHeadline& r : article.related) got_related.insert(UrlKey(r.url));
    int hits = 0;
    for (const std::string& url : want_related) hits += got_related.count(url);
    related_hits += hits;
    related_labelled += static_cast<int>(want_related.size());
    related_extracted += static_cast<int>(got_related.size());

    std::printf("%-34s %-5s %-5s %-5s %-5s %-5s %-5s %d/%zu/%zu\n", id.c_str(), Mark(title_ok),
                published_mark.c_str(), modified_mark.c_str(), Mark(authors_ok), first_mark.c_str(),
                last_mark.c_str(), hits, want_related.size(), got_related.size());
    if (verbose || !only_page.empty()) {
      auto show = [](const char* what, const std::string& want, const std::string& got) {
        std::printf("    %-10s want: %s\n    %-10s  got: %s\n", what, want.c_str(), "",
                    got.c_str());
      };
      if (!title_ok) show("title", JsonString(label, "title"), article.title);
      if (published_mark == "--") {
        show("published", JsonString(label, "published"),
             article.published
                 ? article.published->time.Iso() + " (" + article.published->source + ")"
                 : "(none)");
      }
      if (modified_mark == "--") {
        show("modified", JsonString(label, "modified"),
             article.modified ? article.modified->time.Iso() + " (" + article.modified->source + ")"
                              : "(none)");
      }
      if (!authors_ok) {
        std::string want, got;
        for (const auto& a : want_authors) want += a + "; ";
        for (const auto& a : got_authors) got += a + "; ";
        show("authors", want, got);
      }
      if (first_mark == "--") show("first", JsonString(label, "first_sentence"), "(not in body)");
      if (last_mark == "--") show("last", JsonString(label, "last_sentence"), "(not in body)");
      for (const std::string& url : want_related) {
        if (!got_related.count(url)) std::printf("    related missed: %s\n", url.c_str());
      }
      for (const std::string& url : got_related) {
        if (!want_related.count(url)) std::printf("    related extra:  %s\n", url.c_str());
      }
    }
  }
  const double related_recall =
      related_labelled ? static_cast<double>(related_hits) / related_labelled : 1.0;
  const double related_precision =
      related_extracted ? static_cast<double>(related_hits) / related_extracted : 1.0;
  std::printf("\nFrench article set: %d pages\n", title.total);
  std::printf("title exact          %5.1f%% (%d/%d)\n", 100 * title.Rate(), title.right,
              title.total);
  std::printf("published, minute    %5.1f%% (%d/%d)\n", 100 * published.Rate(), published.right,
              published.total);
  std::printf("modified, minute     %5.1f%% (%d/%d)\n", 100 * modified.Rate(), modified.right,
              modified.total);
  std::printf("authors exact        %5.1f%% (%d/%d)\n", 100 * authors.Rate(), authors.right,
              authors.total);
  std::printf("first sentence found %5.1f%% (%d/%d)\n", 100 * first.Rate(), first.right,
              first.total);
  std::printf("last sentence found  %5.1f%% (%d/%d)\n", 100 * last.Rate(), last.right, last.total);
  std::printf("related recall       %5.1f%% (%d/%d)\n", 100 * related_recall, related_hits,
              related_labelled);
  std::printf("related precision    %5.1f%% (%d/%d)\n", 100 * related_precision, related_hits,
              related_extracted);
  nc::bench::Floors floors;
  floors.Check("title", title.Rate(), min_title);
  floors.Check("published", published.Rate(), min_published);
  floors.Check("related recall", related_recall, min_related_recall);
  floors.Check("authors", authors.Rate(), min_authors);
  return floors.ExitCode();
}
