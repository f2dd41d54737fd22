#include "crawler/extract/article_body.h"

#include <algorithm>
#include <cstdint>


namespace nc {
namespace {

constexpr size_t kMinScoredChars = 25;
constexpr size_t kMaxAncestorLevels = 5;
constexpr size_t kRetryBelowChars = 250;
constexpr double kMaxBlockLinkDensity = 0.5;

float InitialScore(const DomNode& node) {
  float score = 0;
  if (node.tag == HtmlTag::kDiv) {
    score += 5;
  } else if (node.is_pre_td_quote) {
    score += 3;
  } else if (node.is_list_or_form) {
    score -= 3;
  } else if (node.traits & html_trait::kHeading || node.tag == HtmlTag::kTh) {
    score -= 5;
  }
  if (node.flags & dom_flag::kNegative) score -= 25;
  if (node.flags & dom_flag::kPositive) score += 25;
  return score;
}

double LinkDensity(const DomNode& node) {
  return node.text_bytes == 0 ? 0.0 : static_cast<double>(node.link_bytes) / node.text_bytes;
}

class BodySelector {
 public:
  BodySelector(PageScan& page, bool strict) : page_(page), strict_(strict) {}

  ArticleBody Run() {
    ArticleBody body;
    ResetNodes();
    CountText();
    ScoreBlocks();
    const int32_t top = PickTop();
    if (top < 0) return body;
    body.content_node = top;
    std::vector<uint8_t> inside(page_.nodes.size(), 0);
    for (int32_t n : SelectWithSiblings(top)) inside[static_cast<size_t>(n)] = 1;
    for (size_t i = 0; i < page_.nodes.size(); ++i) {
      const int32_t parent = page_.nodes[i].parent;
      if (parent >= 0 && inside[static_cast<size_t>(parent)]) inside[i] = 1;
    }
    body.block_indices.reserve(page_.blocks.size());  // one allocation, not one per doubling
    for (size_t i = 0; i < page_.blocks.size(); ++i) {
      const TextBlock& b = page_.blocks[i];
      if (b.node < 0 || !inside[static_cast<size_t>(b.node)] || !KeepInBody(b, b.chars)) {
        continue;
      }
      body.block_indices.push_back(i);
      body.text_bytes += b.text.size();
    }
    return body;
  }

 private:
  // Blocks that count at all in this mode.
  bool Counts(const TextBlock& b) const {
    if (b.node < 0 || (b.flags & dom_flag::kPageHeader)) return false;
    return !(strict_ && (b.flags & dom_flag::kInUnlikely));
  }

  bool KeepInBody(const TextBlock& b, size_t chars) const {
    if (!Counts(b)) return false;
    if (b.heading_rank == 1) return false;
    if ((b.flags & dom_flag::kInHeader) && (b.flags & dom_flag::kInArticle)) return false;
    if (b.text.empty()) return false;
    if (static_cast<double>(b.link_bytes) / b.text.size() > kMaxBlockLinkDensity) return false;
    if ((b.flags & dom_flag::kByline) && chars < 200) return false;
    if ((b.flags & dom_flag::kDateHint) && chars < 100) return false;
    return true;
  }

  void ResetNodes() {
    for (DomNode& n : page_.nodes) {
      n.text_bytes = n.link_bytes = 0;
      n.score = 0;
      n.scored = false;
    }
  }

  void CountText() {
    for (const TextBlock& b : page_.blocks) {
      if (!Counts(b)) continue;
      for (int32_t n = b.node; n >= 0; n = page_.nodes[static_cast<size_t>(n)].parent) {
        DomNode& node = page_.nodes[static_cast<size_t>(n)];
        node.text_bytes += static_cast<uint32_t>(b.text.size());
        node.link_bytes += b.link_bytes;
      }
    }
  }

  void ScoreBlocks() {
    candidates_.reserve(page_.nodes.size());
    for (const TextBlock& b : page_.blocks) {
      if (!Counts(b) || b.chars < kMinScoredChars) continue;
      const DomNode& owner = page_.nodes[static_cast<size_t>(b.node)];
      if (!owner.is_block_name_p && !owner.is_pre_td_quote && !owner.is_div_like) continue;
      if (b.flags & dom_flag::kInHeading) continue;
      // Readability's floor(length / 100), at most 3: whole hundreds on purpose.
      const size_t hundreds = std::min<size_t>(b.chars / 100, 3);
      const float content = 1.0f + static_cast<float>(b.commas) + static_cast<float>(hundreds);
      int32_t n = owner.parent;
      for (size_t level = 0; n >= 0 && level < kMaxAncestorLevels; ++level) {
        DomNode& node = page_.nodes[static_cast<size_t>(n)];
        if (!node.scored) {
          node.scored = true;
          node.score = InitialScore(node);
          candidates_.push_back(n);
        }
        const float divider = level == 0 ? 1.0f : level == 1 ? 2.0f : static_cast<float>(level) * 3;
        node.score += content / divider;
        n = node.parent;
      }
    }
    for (int32_t n : candidates_) {
      DomNode& node = page_.nodes[static_cast<size_t>(n)];
      node.score *= static_cast<float>(1.0 - LinkDensity(node));
    }
  }

  bool IsAncestor(int32_t ancestor, int32_t n) const {
    for (; n >= 0; n = page_.nodes[static_cast<size_t>(n)].parent) {
      if (n == ancestor) return true;
    }
    return false;
  }

  int32_t PickTop() {
    if (candidates_.empty()) return -1;
    std::vector<int32_t> best = candidates_;
    const size_t keep = std::min<size_t>(5, best.size());
    std::partial_sort(best.begin(), best.begin() + static_cast<ptrdiff_t>(keep), best.end(),
                      [&](int32_t a, int32_t b) { return Score(a) > Score(b); });
    int32_t top = best[0];
    // Several near-best candidates under one ancestor: the ancestor is the
    // article (readability's alternative candidates).
    std::vector<int32_t> alternatives;
    for (size_t i = 1; i < keep; ++i) {
      if (Score(top) > 0 && Score(best[i]) / Score(top) >= 0.75f) alternatives.push_back(best[i]);
    }
    if (alternatives.size() >= 3) {
      for (int32_t a = page_.nodes[static_cast<size_t>(top)].parent; a >= 0;
           a = page_.nodes[static_cast<size_t>(a)].parent) {
        size_t containing = 0;
        for (int32_t alt : alternatives) containing += IsAncestor(a, alt) ? 1 : 0;
        if (containing >= 3) {
          top = a;
          break;
        }
      }
    }
    // Up while the parent scores higher.
    float last = Score(top);
    const float threshold = last / 3;
    for (int32_t p = page_.nodes[static_cast<size_t>(top)].parent; p >= 0;
         p = page_.nodes[static_cast<size_t>(p)].parent) {
      if (!page_.nodes[static_cast<size_t>(p)].scored) continue;
      const float s = Score(p);
      if (s < threshold) break;
      if (s > last) {
        top = p;
        break;
      }
      last = s;
    }
    return top;
  }

  float Score(int32_t n) const { return page_.nodes[static_cast<size_t>(n)].score; }

  std::vector<int32_t> SelectWithSiblings(int32_t top) {
    std::vector<int32_t> selected = {top};
    const DomNode& top_node = page_.nodes[static_cast<size_t>(top)];
    const int32_t parent = top_node.parent;
    if (parent < 0) return selected;
    const float threshold = std::max(10.0f, Score(top) * 0.2f);
    // Text and link length of each <p> directly under `parent`, from its blocks.
    for (size_t i = static_cast<size_t>(parent) + 1; i < page_.nodes.size(); ++i) {
      const DomNode& n = page_.nodes[i];
      if (n.parent != parent || static_cast<int32_t>(i) == top) continue;
      if (strict_ && (n.flags & dom_flag::kInUnlikely)) continue;
      float bonus = 0;
      if (n.class_hash != 0 && n.class_hash == top_node.class_hash) bonus = Score(top) * 0.2f;
      if (n.scored && n.score + bonus >= threshold) {
        selected.push_back(static_cast<int32_t>(i));
        continue;
      }
      if (!n.is_block_name_p || n.text_bytes == 0) continue;
      const double density = LinkDensity(n);
      const double chars = n.text_bytes;  // close enough to characters for thresholds
      if ((chars > 80 && density < 0.25) || (chars < 80 && density == 0 && EndsSentence(i))) {
        selected.push_back(static_cast<int32_t>(i));
      }
    }
    return selected;
  }

  bool EndsSentence(size_t node) {
    if (first_block_.empty()) {
      first_block_.assign(page_.nodes.size(), -1);
      for (size_t i = page_.blocks.size(); i-- > 0;) {
        const int32_t n = page_.blocks[i].node;
        if (n >= 0) first_block_[static_cast<size_t>(n)] = static_cast<int32_t>(i);
      }
    }
    const int32_t b = first_block_[node];
    if (b < 0) return false;
    const std::string_view text = page_.blocks[static_cast<size_t>(b)].text;
    return text.find(". ") != std::string_view::npos || text.ends_with('.');
  }

  PageScan& page_;
  const bool strict_;
  std::vector<int32_t> candidates_;
  std::vector<int32_t> first_block_;  // node -> its first block, built on demand
};

}  // namespace

ArticleBody SelectArticleBody(PageScan& page) {
  // The blocks' characters and commas were counted by the scan, once for
  // both modes (TextBlock::chars, commas).
  ArticleBody strict = BodySelector(page, /*strict=*/true).Run();
  if (strict.text_bytes >= kRetryBelowChars) return strict;
  ArticleBody loose = BodySelector(page, /*strict=*/false).Run();
  if (loose.text_bytes > strict.text_bytes) return loose;  // moved, not copied
  return strict;
}

}  // namespace nc
