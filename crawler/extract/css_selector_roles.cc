#include "crawler/extract/css_selector_roles.h"

#include <modest/finder/finder.h>
#include <mycss/mycss.h>
#include <mycss/selectors/init.h>
#include <mycss/selectors/list.h>
#include <myhtml/myhtml.h>

#include <algorithm>
#include <array>
#include <optional>

#include "common/ascii.h"

namespace nc {
namespace {

// Roles in precedence order; a node's mask has bit i for kRoles[i].
constexpr std::array<LinkRole, 4> kRoles = {LinkRole::kHeadline, LinkRole::kRelated,
                                            LinkRole::kNav, LinkRole::kFooter};
constexpr std::array<const char*, 4> kRoleKeys = {"headline", "related", "nav", "footer"};

// One thread's parser and finder (Modest objects are not shared between
// threads). Created on first use by a thread, destroyed when it exits.
class ThreadModest {
 public:
  ThreadModest() {
    myhtml_ = myhtml_create();
    if (myhtml_ &&
        myhtml_init(myhtml_, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK) {
      myhtml_destroy(myhtml_);
      myhtml_ = nullptr;
    }
    finder_ = modest_finder_create_simple();
  }
  ~ThreadModest() {
    if (finder_) modest_finder_destroy(finder_, true);
    if (myhtml_) myhtml_destroy(myhtml_);
  }
  ThreadModest(const ThreadModest&) = delete;
  ThreadModest& operator=(const ThreadModest&) = delete;

  bool ok() const { return myhtml_ && finder_; }
  myhtml_t* myhtml() const { return myhtml_; }
  modest_finder_t* finder() const { return finder_; }

  static ThreadModest& Get() {
    thread_local ThreadModest instance;
    return instance;
  }

 private:
  myhtml_t* myhtml_ = nullptr;
  modest_finder_t* finder_ = nullptr;
};

// One parsed page; the tree (and all its nodes) is freed with it.
class Tree {
 public:
  explicit Tree(myhtml_t* myhtml) {
    tree_ = myhtml_tree_create();
    if (tree_ && myhtml_tree_init(tree_, myhtml) != MyHTML_STATUS_OK) {
      myhtml_tree_destroy(tree_);
      tree_ = nullptr;
    }
  }
  ~Tree() {
    if (tree_) myhtml_tree_destroy(tree_);
  }
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;

  bool Parse(std::string_view html) {
    return tree_ && myhtml_parse(tree_, MyENCODING_UTF_8, html.data(), html.size()) ==
                        MyHTML_STATUS_OK;
  }
  myhtml_tree_t* get() const { return tree_; }

 private:
  myhtml_tree_t* tree_ = nullptr;
};

class Collection {
 public:
  ~Collection() {
    if (collection_) myhtml_collection_destroy(collection_);
  }
  myhtml_collection_t** out() { return &collection_; }
  const myhtml_collection_t* get() const { return collection_; }

 private:
  myhtml_collection_t* collection_ = nullptr;
};

// The href of an HTML <a>/<area> element, or null when it is not a link
// our extractor would list.
const char* LinkHref(myhtml_tree_node_t* node, size_t* length) {
  const myhtml_tag_id_t tag = myhtml_node_tag_id(node);
  if (tag != MyHTML_TAG_A && tag != MyHTML_TAG_AREA) return nullptr;
  if (myhtml_node_namespace(node) != MyHTML_NAMESPACE_HTML) return nullptr;
  myhtml_tree_attr_t* href = myhtml_attribute_by_key(node, "href", 4);
  if (!href) return nullptr;
  const char* value = myhtml_attribute_value(href, length);
  if (!value) {
    *length = 0;
    return "";
  }
  return value;
}

// MyCSS is fragile around combinators: it flags "a>b" as bad (it wants
// "a > b"), accepts some incomplete selectors unflagged ("a[", "div >",
// "a,"), and reads out of bounds on two combinators in a row ("a > > b",
// "a ,, b", "a + ~ b") or a leading one ("> a") — found under TSan and
// valgrind. So a selector is checked and rewritten before MyCSS sees it:
// refused when brackets or quotes are unbalanced, when it starts or ends
// with a combinator (> + ~ ,), or when one follows another (">>", the
// Selectors 4 descendant combinator, excepted); and every combinator outside
// brackets gets one space on each side. Nullopt when refused.
std::optional<std::string> NormalizeSelector(std::string_view text) {
  auto is_space = [](char ch) {
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
  };
  auto is_combinator = [](char ch) { return ch == '>' || ch == '+' || ch == '~' || ch == ','; };
  std::string out;
  int parens = 0, brackets = 0;
  char quote = 0;
  bool started = false;          // a compound selector part was seen
  bool after_combinator = true;  // at the start, or a combinator was the last token
  char combinator = 0;           // that combinator (0 at the start)
  bool gap = false;              // whitespace since the last token
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quote) {
      out += ch;
      if (ch == '\\' && i + 1 < text.size()) {
        out += text[++i];  // an escaped character inside a string
      } else if (ch == quote) {
        quote = 0;
      }
      continue;
    }
    const bool nested = parens > 0 || brackets > 0;
    parens += ch == '(' ? 1 : ch == ')' ? -1 : 0;
    brackets += ch == '[' ? 1 : ch == ']' ? -1 : 0;
    if (parens < 0 || brackets < 0) return std::nullopt;
    if (!nested && is_space(ch)) {
      gap = true;
      continue;
    }
    // Namespace prefixes ("svg|a", "*|a", "|a") mean nothing for HTML, and
    // MyCSS leaves "|" as an element without a name, on which the finder
    // dereferences null (found by fuzz_css_selector_compile).
    if (!nested && ch == '|') return std::nullopt;
    if (!nested && is_combinator(ch)) {
      // ">>" (no space) is one combinator; anything else after a combinator,
      // or at the start, is malformed.
      const bool double_gt = ch == '>' && combinator == '>' && !gap;
      if (after_combinator && !double_gt) return std::nullopt;
      if (double_gt) {
        out.pop_back();  // "a > " becomes "a >> "
        out += "> ";
      } else {
        out += ' ';
        out += ch;
        out += ' ';
      }
      after_combinator = true;
      combinator = double_gt ? '\x01' : ch;  // a third '>' is refused
      gap = false;
      continue;
    }
    // Part of a compound selector (names, [attr], :pseudo(...), strings).
    if (gap && !after_combinator && !nested) out += ' ';  // the descendant combinator
    out += ch;
    if (ch == '"' || ch == '\'') quote = ch;
    if (ch == '\\' && i + 1 < text.size()) out += text[++i];  // an escaped character
    started = true;
    after_combinator = false;
    combinator = 0;
    gap = false;
  }
  if (quote != 0 || parens != 0 || brackets != 0 || !started || after_combinator) {
    return std::nullopt;
  }
  return out;
}

// Modest's finder crashes on some pseudo-classes given odd arguments
// (":has(>" + control bytes dereferences null; found by
// fuzz_css_selector_compile), so only a small, useful set is accepted:
// the structural ones (:first-child, :nth-of-type(odd), ...); not :not(),
// whose malformed arguments crash the finder (":not(####"). Control bytes are
// refused everywhere, and outside quoted strings every character that the
// accepted grammar does not use (no backslash escapes either).
bool PseudoClassesAreSafe(std::string_view text) {
  static constexpr std::string_view kPlain[] = {"first-child",   "last-child",   "only-child",
                                                "first-of-type", "last-of-type", "only-of-type",
                                                "empty",         "root"};
  static constexpr std::string_view kNth[] = {"nth-child", "nth-last-child", "nth-of-type",
                                              "nth-last-of-type"};
  auto is_name = [](char ch) { return ascii::IsAlnum(ch) || ch == '-' || ch == '_'; };
  // Outside quoted strings only the ASCII characters of the accepted grammar
  // (MyCSS loops forever on "a:not(.pu{b)"); inside them, anything printable.
  static constexpr std::string_view kSyntax = "-_.#[]=^$*~|\"':(),>+ \t\n\r\f";
  char open_quote = 0;
  for (char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if ((byte < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f') || byte == 0x7f) {
      return false;
    }
    if (open_quote) {
      if (ch == open_quote) open_quote = 0;
      continue;
    }
    if (ch == '"' || ch == '\'') open_quote = ch;
    // Non-ASCII only inside quoted strings: MyCSS loops forever on some
    // runs of bytes >= 0x80 in names (found by fuzz_css_selector_compile);
    // a non-ASCII class is still reachable as [class~="à-la-une"].
    if (byte >= 0x80) return false;
    if (!ascii::IsAlnum(ch) && kSyntax.find(ch) == std::string_view::npos) return false;
  }
  char quote = 0;
  int brackets = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quote) {
      if (ch == '\\') {
        ++i;
      } else if (ch == quote) {
        quote = 0;
      }
      continue;
    }
    if (ch == '"' || ch == '\'') {
      quote = ch;
      continue;
    }
    if (ch == '\\') {
      ++i;
      continue;
    }
    brackets += ch == '[' ? 1 : ch == ']' ? -1 : 0;
    if (ch != ':' || brackets > 0) continue;
    size_t end = i + 1;
    while (end < text.size() && is_name(text[end])) ++end;
    std::string name(text.substr(i + 1, end - i - 1));
    ascii::LowerInPlace(name);
    const bool function = end < text.size() && text[end] == '(';
    if (!function) {
      if (std::find(std::begin(kPlain), std::end(kPlain), name) == std::end(kPlain)) return false;
      i = end - 1;
      continue;
    }
    const size_t close = text.find(')', end);
    if (close == std::string_view::npos) return false;
    const std::string_view argument = text.substr(end + 1, close - end - 1);
    if (std::find(std::begin(kNth), std::end(kNth), name) != std::end(kNth)) {
      for (char a : argument) {
        if (!ascii::IsAlnum(a) && a != '+' && a != '-' && a != ' ') {
          return false;
        }
      }
    } else {
      return false;
    }
    i = close;
  }
  return true;
}

// MyCSS leaves a part it expected but did not get as an entry of type
// UNDEF ("div >", "a[", "::", "."), or as a named entry without a name.
bool HasMissingPart(const mycss_selectors_list_t* list) {
  for (; list; list = list->next) {
    if (list->entries_list_length == 0) return true;
    for (size_t i = 0; i < list->entries_list_length; ++i) {
      for (const mycss_selectors_entry_t* e = list->entries_list[i].entry; e; e = e->next) {
        if (e->type == MyCSS_SELECTORS_TYPE_UNDEF) return true;
        // Names the finder reads without a null check.
        const bool named = e->type == MyCSS_SELECTORS_TYPE_ELEMENT ||
                           e->type == MyCSS_SELECTORS_TYPE_ID ||
                           e->type == MyCSS_SELECTORS_TYPE_CLASS ||
                           e->type == MyCSS_SELECTORS_TYPE_ATTRIBUTE;
        if (named && e->key == nullptr) return true;
      }
    }
  }
  return false;
}

}  // namespace

// Owns the MyCSS parser that allocated the compiled lists; destroying it
// frees them.
struct CssSelectorRoles::Compiler {
  mycss_t* mycss = nullptr;
  mycss_entry_t* entry = nullptr;
  std::vector<mycss_selectors_list_t*> lists;

  ~Compiler() {
    if (entry) {
      for (mycss_selectors_list_t* list : lists) {
        mycss_selectors_list_destroy(mycss_entry_selectors(entry), list, true);
      }
      mycss_entry_destroy(entry, true);
    }
    if (mycss) mycss_destroy(mycss, true);
  }
};

struct CssSelectorRoles::Site {
  std::string host;
  std::array<mycss_selectors_list_t*, kRoles.size()> selectors{};  // null: role not set
};

CssSelectorRoles::CssSelectorRoles() : compiler_(std::make_unique<Compiler>()) {}
CssSelectorRoles::~CssSelectorRoles() = default;

Result<std::unique_ptr<CssSelectorRoles>> CssSelectorRoles::Create(
    const std::vector<SiteRules>& sites) {
  std::unique_ptr<CssSelectorRoles> roles(new CssSelectorRoles());
  Compiler& c = *roles->compiler_;
  auto failed = [](const std::string& what) {
    return MakeError("config.invalid", "CSS selectors: cannot initialise MyCSS (" + what + ")");
  };
  c.mycss = mycss_create();
  if (!c.mycss || mycss_init(c.mycss) != MyCSS_STATUS_OK) return failed("mycss_init");
  c.entry = mycss_entry_create();
  if (!c.entry || mycss_entry_init(c.mycss, c.entry) != MyCSS_STATUS_OK) {
    if (c.entry) mycss_entry_destroy(c.entry, true);
    c.entry = nullptr;
    return failed("mycss_entry_init");
  }
  for (size_t i = 0; i < sites.size(); ++i) {
    auto site = std::make_unique<Site>();
    site->host = sites[i].host;
    const std::array<const std::string*, kRoles.size()> texts = {
        &sites[i].headline, &sites[i].related, &sites[i].nav, &sites[i].footer};
    for (size_t r = 0; r < kRoles.size(); ++r) {
      const std::string& text = *texts[r];
      if (text.empty()) continue;
      const std::string key = "site[" + std::to_string(i) + "]." + kRoleKeys[r];
      const std::optional<std::string> normalized =
          PseudoClassesAreSafe(text) ? NormalizeSelector(text) : std::nullopt;
      if (!normalized) {
        return MakeError("config.invalid",
                         "key '" + key + "': invalid CSS selector '" + text + "'");
      }
      mystatus_t status = 0;
      mycss_selectors_list_t* list =
          mycss_selectors_parse(mycss_entry_selectors(c.entry), MyENCODING_UTF_8,
                                normalized->data(), normalized->size(), &status);
      if (list) c.lists.push_back(list);
      bool bad = list == nullptr || status != MyCSS_STATUS_OK;
      for (mycss_selectors_list_t* l = list; l && !bad; l = l->next) {
        bad = (l->flags & MyCSS_SELECTORS_FLAGS_SELECTOR_BAD) != 0;
      }
      bad = bad || HasMissingPart(list);
      if (bad) {
        return MakeError("config.invalid",
                         "key '" + key + "': invalid CSS selector '" + text + "'");
      }
      site->selectors[r] = list;
    }
    roles->by_host_.emplace(site->host, site.get());
    roles->sites_.push_back(std::move(site));
  }
  return roles;
}

const CssSelectorRoles::Site* CssSelectorRoles::ForHost(std::string_view host) const {
  if (by_host_.empty()) return nullptr;
  auto it = by_host_.find(std::string(host));
  return it == by_host_.end() ? nullptr : it->second;
}

CssSelectorRoles::Outcome CssSelectorRoles::Apply(const Site& site, std::string_view html,
                                                  std::vector<ExtractedLink>& links) const {
  auto fallback = [this](Outcome outcome) {
    fallbacks_.fetch_add(1, std::memory_order_relaxed);
    return outcome;
  };
  ThreadModest& modest = ThreadModest::Get();
  if (!modest.ok()) return fallback(Outcome::kParseError);
  Tree tree(modest.myhtml());
  if (!tree.Parse(html)) return fallback(Outcome::kParseError);
  myhtml_tree_node_t* root = myhtml_tree_get_node_html(tree.get());
  if (!root) return fallback(Outcome::kParseError);

  // Elements matched by each role's selectors.
  std::unordered_map<myhtml_tree_node_t*, uint8_t> marks;
  for (size_t r = 0; r < kRoles.size(); ++r) {
    if (!site.selectors[r]) continue;
    Collection found;
    modest_finder_by_selectors_list(modest.finder(), root, site.selectors[r], found.out());
    if (!found.get()) continue;
    for (size_t k = 0; k < found.get()->length; ++k) {
      marks[found.get()->list[k]] |= static_cast<uint8_t>(1u << r);
    }
  }

  // Walk the tree in document order, marks flowing down to descendants,
  // pairing the k-th link element with links[k]. An explicit stack: hostile
  // nesting must not overflow the thread's stack.
  struct Frame {
    myhtml_tree_node_t* node;
    uint8_t inherited;
  };
  std::vector<Frame> stack;
  std::vector<uint8_t> link_marks;
  link_marks.reserve(links.size());
  stack.push_back({root, 0});
  while (!stack.empty()) {
    Frame frame = stack.back();
    stack.pop_back();
    uint8_t mask = frame.inherited;
    if (!marks.empty()) {
      if (auto it = marks.find(frame.node); it != marks.end()) mask |= it->second;
    }
    size_t length = 0;
    if (const char* href = LinkHref(frame.node, &length)) {
      const size_t k = link_marks.size();
      if (k >= links.size() || links[k].href != std::string_view(href, length)) {
        return fallback(Outcome::kMisaligned);
      }
      link_marks.push_back(mask);
    }
    // Children pushed last-first so the first child is visited next.
    const size_t first = stack.size();
    for (myhtml_tree_node_t* child = myhtml_node_child(frame.node); child;
         child = myhtml_node_next(child)) {
      stack.push_back({child, mask});
    }
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first), stack.end());
  }
  if (link_marks.size() != links.size()) return fallback(Outcome::kMisaligned);

  for (size_t k = 0; k < links.size(); ++k) {
    if (link_marks[k] == 0) continue;
    for (size_t r = 0; r < kRoles.size(); ++r) {
      if (link_marks[k] & (1u << r)) {
        links[k].role = kRoles[r];
        break;
      }
    }
  }
  return Outcome::kApplied;
}

}  // namespace nc
