// article_eval: body extraction graded on scrapinghub's
// article-extraction-benchmark (github.com/scrapinghub/article-extraction-benchmark,
// MIT; 181 pages with ground-truth articleBody). The pages are third-party
// data and stay out of this repository: tests/bench/article_benchmark_data.sh
// rebuilds them from a mirror into DIR (html/<id>.html, ground-truth.json).
//
// The score is the benchmark's own (evaluate.py, string_shingle_matching),
// in article_token_score.h.
//
//   article_eval [--data DIR] [--min-f1 X] [--pages] [--page ID]
// DIR: --data, else $NEWSCRAWL_ARTICLE_BENCHMARK, else the first
// testdata-local/article-benchmark found beside the source tree or above
// it. Exit 77 (skipped) when there is no data, 1 when F1 < X.
#include <algorithm>
#include <boost/json.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
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
using nc::bench::ReadAll;

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_flag, only_page, prediction_file;
  double min_f1 = 0;
  bool per_page = false;
  const bool flags_ok = nc::bench::EvalFlags("article_eval")
                            .Text("--data", "DIR", &data_flag)
                            .Number("--min-f1", &min_f1)
                            .Switch("--pages", &per_page)
                            .Text("--page", "ID", &only_page)
                            .Text("--prediction", "FILE", &prediction_file)
                            .Parse(argc, argv, std::cerr);
  if (!flags_ok) return 2;
  const fs::path data = nc::bench::FindEvalDataOrSkip(
      data_flag,
      {"article_eval", "benchmark data", "NEWSCRAWL_ARTICLE_BENCHMARK", "article-benchmark",
       "ground-truth.json", "tests/bench/article_benchmark_data.sh"});
  if (data.empty()) return 77;
  boost::system::error_code error;
  const boost::json::value truth = boost::json::parse(ReadAll(data / "ground-truth.json"), error);
  if (error || !truth.is_object()) {
    std::cerr << "article_eval: unreadable ground-truth.json: " << error.message() << "\n";
    return 1;
  }
  // --prediction: grade another extractor's output (the benchmark's
  // output/NAME.json) instead, which checks this scorer against the
  // published table.
  boost::json::object predictions;
  if (!prediction_file.empty()) {
    boost::json::value v = boost::json::parse(ReadAll(prediction_file), error);
    if (error || !v.is_object()) {
      std::cerr << "article_eval: unreadable " << prediction_file << "\n";
      return 1;
    }
    if (auto* output = v.as_object().if_contains("output"); output && output->is_object()) {
      v = *output;
    }
    predictions = v.as_object();
  }
  using nc::bench::TpFpFn;
  std::vector<TpFpFn> results;
  std::vector<std::pair<double, std::string>> page_f1;
  size_t bytes = 0;
  double extract_seconds = 0;  // CPU time of this thread: the machine may be shared
  for (const auto& [key, entry] : truth.get_object()) {
    const std::string id(key);
    if (!only_page.empty() && id != only_page) continue;
    std::string html = ReadAll(data / "html" / (id + ".html"));
    const nc::Charset charset = nc::SniffHtmlCharset("text/html", html);
    if (nc::NeedsTranscoding(html, charset.name)) html = nc::TranscodeToUtf8(html, charset.name);
    nc::ArticleOptions options;
    if (const auto* url = entry.as_object().if_contains("url"); url && url->is_string()) {
      options.base_url = std::string(url->get_string());
    }
    const double start = ThreadCpuSeconds();
    const nc::Article article = nc::ExtractArticle(html, options);
    extract_seconds += ThreadCpuSeconds() - start;
    bytes += html.size();
    std::string prediction;
    for (const std::string& p : article.paragraphs) prediction += p + "\n\n";
    if (!prediction_file.empty()) {
      prediction.clear();
      if (const auto* entry = predictions.if_contains(id); entry && entry->is_object()) {
        if (const auto* b = entry->as_object().if_contains("articleBody"); b && b->is_string()) {
          prediction = std::string(b->get_string());
        }
      }
    }
    std::string expected;
    if (const auto* body = entry.as_object().if_contains("articleBody");
        body && body->is_string()) {
      expected = std::string(body->get_string());
    }
    const TpFpFn r = nc::bench::MatchShingles(expected, prediction);
    results.push_back(r);
    const double p = nc::bench::Precision(r), rc = nc::bench::Recall(r);
    page_f1.emplace_back(p + rc > 0 ? 2 * p * rc / (p + rc) : 0, id);
    if (!only_page.empty()) {
      std::cout << "precision " << p << " recall " << rc << "\n--- extracted:\n"
                << prediction << "--- expected:\n"
                << expected << "\n";
    }
  }
  const nc::bench::BodyScore score = nc::bench::Summary(results);
  const double precision = score.precision, recall = score.recall, f1 = score.f1;
  if (per_page) {
    std::sort(page_f1.begin(), page_f1.end());
    for (const auto& [f, id] : page_f1) std::printf("%.3f %s\n", f, id.c_str());
  }
  const double seconds = extract_seconds;
  std::printf("article-extraction-benchmark: %zu pages\n", results.size());
  std::printf("%-22s %-7s %-7s %-7s\n", "", "F1", "prec.", "recall");
  std::printf("%-22s %.3f   %.3f   %.3f\n",
              prediction_file.empty() ? "newscrawl" : fs::path(prediction_file).stem().c_str(), f1,
              precision, recall);
  std::printf("%-22s %.3f   %.3f   %.3f   (published)\n", "trafilatura 2.0.0", 0.958, 0.938, 0.978);
  std::printf("%-22s %.3f   %.3f   %.3f   (published)\n", "readability 0.8.4.1", 0.922, 0.913,
              0.931);
  std::printf("%-22s %.3f   %.3f   %.3f   (published)\n", "newspaper3k 0.2.8", 0.912, 0.917, 0.906);
  std::printf("%-22s %.3f   %.3f   %.3f   (published)\n", "whole page (html-text)", 0.665, 0.500,
              0.994);
  std::printf("extraction: %.1f MB in %.3f s CPU, %.0f MB/s (one thread, whole ExtractArticle)\n",
              bytes / 1e6, seconds, seconds > 0 ? bytes / 1e6 / seconds : 0);
  nc::bench::Floors floors;
  floors.Check("F1", f1, min_f1);
  return floors.ExitCode();
}
