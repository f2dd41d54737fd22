// `newscrawl links --eval LABELS` and `links --eval-corpus DIR`: grade the
// product's link roles against hand labels (crawler/cli/link_eval.h) and
// print them beside the URL-shape baseline. Main thread only.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "common/file_bytes.h"
#include "crawler/cli/cli.h"
#include "crawler/cli/commands.h"
#include "crawler/cli/link_eval.h"
#include "crawler/extract/content_decoding.h"

namespace nc {
namespace {

constexpr uint64_t kMaxPageBytes = 64 << 20;

Result<std::string> ReadFile(const std::string& path) {
  std::optional<std::string> read = ReadFileBytes(path);
  if (!read) return MakeError("io.read", "cannot read " + path);
  std::string data = std::move(*read);
  if (path.ends_with(".gz")) {
    auto decoded = DecodeContent("gzip", std::move(data), kMaxPageBytes);
    if (!decoded.ok()) return MakeError("io.gzip", path + ": " + decoded.error().message);
    return std::move(decoded->bytes);
  }
  return data;
}

Result<PageScore> EvalPage(const std::string& base, const std::string& html_file,
                           const std::string& labels_file) {
  auto base_url = ParseUrl(base);
  if (!base_url.ok()) return MakeError("url.invalid", "base " + base + ": " + base_url.error().message);
  auto html = ReadFile(html_file);
  if (!html.ok()) return html.error();
  auto labels_text = ReadFile(labels_file);
  if (!labels_text.ok()) return labels_text.error();
  auto labels = ParseLinkLabels(*labels_text);
  if (!labels.ok()) return MakeError("labels.invalid", labels_file + ": " + labels.error().message);
  return ScorePage(ClassifyPageLinks(*html, *base_url), *base_url, *labels);
}

std::string Fixed(double value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

std::string Row(std::string_view name, const Counts& c) {
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, "%-10s %9s %7s %9zu %7zu %4zu\n", std::string(name).c_str(),
                Fixed(c.Precision()).c_str(), Fixed(c.Recall()).c_str(), c.predicted, c.actual,
                c.true_positive);
  return buffer;
}

void PrintScore(const PageScore& s) {
  std::cout << "role       precision  recall predicted  actual   tp\n";
  for (size_t i = 0; i < kGradedRoles.size(); ++i) {
    std::cout << Row(LinkRoleName(kGradedRoles[i]), s.roles[i]);
  }
  std::cout << Row("followed", s.followed) << Row("url-shape", s.baseline_followed);
  std::cout << "graded URLs " << s.graded_urls << ", predicted but unlabelled "
            << s.unlabelled_urls << "\n";
}

const Counts& Related(const PageScore& s) { return s.roles[0]; }

}  // namespace

int RunLinksEval(const std::string& base, const std::string& file, const std::string& labels) {
  auto score = EvalPage(base, file, labels);
  if (!score.ok()) {
    std::cerr << "newscrawl: " << score.error().message << "\n";
    return kExitFailure;
  }
  PrintScore(*score);
  return kExitOk;
}

int RunLinksEvalCorpus(const std::string& dir, const std::string& pages_dir,
                       const EvalFloors& floors) {
  std::ifstream index(dir + "/pages.tsv");
  if (!index) {
    std::cerr << "newscrawl: cannot read " << dir << "/pages.tsv\n";
    return kExitFailure;
  }
  std::string line;
  std::getline(index, line);  // header
  PageScore total;
  size_t pages = 0;
  std::printf("%-34s %-8s %-4s %5s %5s | %-11s %-11s | %-11s\n", "page", "kind", "lang", "urls",
              "follw", "newscrawl P/R", "related R", "url-shape P/R");
  while (std::getline(index, line)) {
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
    if (fields.size() < 4) {
      std::cerr << "newscrawl: pages.tsv: malformed line: " << line << "\n";
      return kExitFailure;
    }
    const std::string& id = fields[0];
    const std::string page_file = std::string(pages_dir).append("/").append(id).append(".html.gz");
    const std::string labels_file = std::string(dir).append("/labels/").append(id).append(".tsv");
    auto score = EvalPage(fields[1], page_file, labels_file);
    if (!score.ok()) {
      std::cerr << "newscrawl: " << id << ": " << score.error().message << "\n";
      return kExitFailure;
    }
    const PageScore& s = *score;
    std::printf("%-34s %-8s %-4s %5zu %5zu | %5s %5s | %5s %2zu/%-3zu | %5s %5s\n", id.c_str(),
                fields[3].c_str(), fields[2].c_str(), s.graded_urls, s.followed.actual,
                Fixed(s.followed.Precision()).c_str(), Fixed(s.followed.Recall()).c_str(),
                Fixed(Related(s).Recall()).c_str(), Related(s).true_positive, Related(s).actual,
                Fixed(s.baseline_followed.Precision()).c_str(),
                Fixed(s.baseline_followed.Recall()).c_str());
    total += s;
    ++pages;
  }
  std::cout << "\noverall, " << pages << " pages (sums over pages):\n";
  PrintScore(total);
  bool ok = true;
  auto check = [&ok](std::string_view what, double value, double floor) {
    if (value + 1e-9 < floor) {
      std::cerr << "below floor: " << what << " " << Fixed(value) << " < " << Fixed(floor) << "\n";
      ok = false;
    }
  };
  check("followed recall", total.followed.Recall(), floors.followed_recall);
  check("followed precision", total.followed.Precision(), floors.followed_precision);
  check("related recall", Related(total).Recall(), floors.related_recall);
  return ok ? kExitOk : kExitFailure;
}

}  // namespace nc
