#pragma once
// The body score of scrapinghub's article-extraction-benchmark (evaluate.py,
// string_shingle_matching), shared by article_eval (that benchmark) and
// article_fundus_eval (fundus's pages) so both grade bodies the same way:
// text split into tokens by Python's \w+ (Unicode letters, digits and '_'),
// 4-token shingles counted as multisets per page; per page tp, fp, fn are
// normalised to sum 1. The set's precision is the mean over pages with
// tp + fp > 0, recall the mean over pages with tp + fn > 0 (both 1 for a
// page when fp and fn are 0), F1 = 2PR / (P + R) of those means (Summary).
#include <string_view>
#include <vector>

namespace nc::bench {

struct TpFpFn {
  double tp = 0, fp = 0, fn = 0;
};

// One page: the expected text against the extracted one.
TpFpFn MatchShingles(std::string_view truth, std::string_view prediction);
double Precision(const TpFpFn& r);
double Recall(const TpFpFn& r);
double PageF1(const TpFpFn& r);

struct BodyScore {
  double precision = 0, recall = 0, f1 = 0;
};
// The benchmark's figures over a set of pages.
BodyScore Summary(const std::vector<TpFpFn>& pages);

}  // namespace nc::bench
