#include "crawler/cli/link_eval.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "crawler/extract/html_links.h"
#include "crawler/extract/path_date.h"
#include "frontier/scope.h"

namespace nc {
namespace {

size_t Priority(LinkRole role) {
  for (size_t i = 0; i < kGradedRoles.size(); ++i) {
    if (kGradedRoles[i] == role) return i;
  }
  return kGradedRoles.size() - 1;  // feed, redirect...: graded as other
}

bool Followed(LinkRole role) { return role == LinkRole::kHeadline || role == LinkRole::kRelated; }

std::string WithoutFragment(std::string_view spec) {
  return std::string(spec.substr(0, spec.find('#')));
}

using path_date::CompactOrDashedDateAt;
using path_date::IsDigit;
using path_date::PlausibleMonth;
using path_date::PlausibleYear;

// YYYY-MM-DD or YYYYMMDD anywhere in `text`, not inside a longer digit run.
bool HasCompactOrDashedDate(std::string_view text) {
  for (size_t i = 0; i + 8 <= text.size(); ++i) {
    if (i > 0 && IsDigit(text[i - 1])) continue;
    if (CompactOrDashedDateAt(text, i)) return true;
  }
  return false;
}

}  // namespace

Counts& Counts::operator+=(const Counts& o) {
  true_positive += o.true_positive;
  predicted += o.predicted;
  actual += o.actual;
  return *this;
}

PageScore& PageScore::operator+=(const PageScore& o) {
  for (size_t i = 0; i < roles.size(); ++i) roles[i] += o.roles[i];
  followed += o.followed;
  baseline_followed += o.baseline_followed;
  graded_urls += o.graded_urls;
  unlabelled_urls += o.unlabelled_urls;
  return *this;
}

Result<std::map<std::string, LinkRole>> ParseLinkLabels(std::string_view tsv) {
  std::map<std::string, LinkRole> labels;
  size_t line_number = 0;
  while (!tsv.empty()) {
    const size_t end = std::min(tsv.find('\n'), tsv.size());
    std::string_view line = tsv.substr(0, end);
    tsv.remove_prefix(std::min(end + 1, tsv.size()));
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const size_t tab = line.rfind('\t');
    const auto role =
        tab == std::string_view::npos ? std::nullopt : ParseLinkRole(line.substr(tab + 1));
    if (!role || tab == 0 || Priority(*role) >= kGradedRoles.size() ||
        kGradedRoles[Priority(*role)] != *role) {
      return MakeError("labels.invalid", "labels: line " + std::to_string(line_number) +
                                             ": want URL<TAB>headline|related|nav|footer|other");
    }
    labels[std::string(line.substr(0, tab))] = *role;
  }
  return labels;
}

bool UrlShapeLooksLikeArticle(const Url& url) {
  std::string_view path = url.target;
  path = path.substr(0, path.find('?'));
  if (HasCompactOrDashedDate(path)) return true;
  std::vector<std::string_view> segments;
  for (size_t start = 0; start < path.size();) {
    size_t end = std::min(path.find('/', start), path.size());
    if (end > start) segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  for (size_t i = 0; i + 1 < segments.size(); ++i) {  // /YYYY/MM/ and /YYYY/MM/DD/
    if (PlausibleYear(segments[i]) && PlausibleMonth(segments[i + 1])) return true;
  }
  size_t digit_run = 0;
  for (char c : path) {
    digit_run = IsDigit(c) ? digit_run + 1 : 0;
    if (digit_run >= 6) return true;
  }
  for (std::string_view segment : segments) {
    segment = segment.substr(0, segment.find('.'));
    if (segment.size() >= 20 && std::count(segment.begin(), segment.end(), '-') >= 4) {
      return true;
    }
  }
  return false;
}

std::vector<PageLink> ClassifyPageLinks(std::string_view html, const Url& base) {
  PageLinks page = ExtractLinks(html, base.spec);
  Url resolve_base = base;
  if (!page.base_href.empty()) {
    if (auto b = ResolveUrl(base, page.base_href); b.ok()) resolve_base = *b;
  }
  const CrawlScope scope({base}, ScopeMode::kSeedDomains);
  std::vector<PageLink> out;
  out.reserve(page.links.size());
  for (const auto& link : page.links) {
    auto target = ResolveUrl(resolve_base, link.href);
    if (!target.ok()) continue;  // mailto:, javascript:, malformed: not a link between pages
    out.push_back(
        {WithoutFragment(target->spec), scope.Contains(*target) ? link.role : LinkRole::kExternal});
  }
  return out;
}

PageScore ScorePage(const std::vector<PageLink>& links, const Url& page_url,
                    const std::map<std::string, LinkRole>& labels) {
  const CrawlScope scope({page_url}, ScopeMode::kSeedDomains);
  const std::string self = WithoutFragment(page_url.spec);
  auto graded = [&](const std::string& spec) {
    if (spec == self) return false;
    auto url = ParseUrl(spec);
    return url.ok() && scope.Contains(*url);
  };
  // Predicted role per URL: the highest-priority occurrence.
  std::map<std::string, size_t> predicted;
  for (const auto& link : links) {
    if (link.role == LinkRole::kExternal || !graded(link.url)) continue;
    auto [it, inserted] = predicted.emplace(link.url, Priority(link.role));
    if (!inserted) it->second = std::min(it->second, Priority(link.role));
  }
  std::set<std::string> universe;
  for (const auto& [url, role] : predicted) universe.insert(url);
  for (const auto& [url, role] : labels) {
    if (graded(url)) universe.insert(url);
  }
  PageScore score;
  const size_t other = Priority(LinkRole::kOther);
  for (const std::string& spec : universe) {
    auto label = labels.find(spec);
    const size_t truth = label == labels.end() ? other : Priority(label->second);
    if (label == labels.end()) ++score.unlabelled_urls;
    auto p = predicted.find(spec);
    const size_t guess = p == predicted.end() ? other : p->second;
    ++score.graded_urls;
    ++score.roles[truth].actual;
    ++score.roles[guess].predicted;
    if (truth == guess) ++score.roles[truth].true_positive;
    const bool truly_followed = Followed(kGradedRoles[truth]);
    const bool follows = Followed(kGradedRoles[guess]);
    score.followed.actual += truly_followed;
    score.followed.predicted += follows;
    score.followed.true_positive += truly_followed && follows;
    // The baseline sees every link of the page (labels are complete), so it
    // is graded on the same universe.
    auto url = ParseUrl(spec);
    const bool shape = url.ok() && UrlShapeLooksLikeArticle(*url);
    score.baseline_followed.actual += truly_followed;
    score.baseline_followed.predicted += shape;
    score.baseline_followed.true_positive += truly_followed && shape;
  }
  return score;
}

}  // namespace nc
