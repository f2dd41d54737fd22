#include "crawler/extract/json_ld.h"

#include <array>
#include <boost/json.hpp>
#include <unordered_map>

namespace nc {
namespace {

namespace json = boost::json;

// Deeper nesting is hostile or broken; Boost.JSON stops with an error.
constexpr size_t kMaxDepth = 48;
// An article names at most this many authors worth keeping.
constexpr size_t kMaxAuthors = 16;
// "@graph" and arrays are searched this many objects deep in total.
constexpr size_t kMaxObjectsVisited = 4096;

constexpr std::array<std::string_view, 8> kArticleTypes = {
    "NewsArticle", "Article",         "ReportageNewsArticle", "AnalysisNewsArticle",
    "BlogPosting", "LiveBlogPosting", "OpinionNewsArticle",   "Report"};

bool IsArticleTypeName(std::string_view type) {
  // "http://schema.org/NewsArticle" and "schema:NewsArticle" name the same type.
  if (size_t slash = type.find_last_of("/:"); slash != std::string_view::npos) {
    type.remove_prefix(slash + 1);
  }
  for (std::string_view known : kArticleTypes) {
    if (type == known) return true;
  }
  // Other schema.org subtypes: "BackgroundNewsArticle", "ScholarlyArticle"...
  return type.size() > 7 && type.ends_with("Article");
}

// The @type that makes `object` an article, or "" when it is not one.
std::string_view ArticleType(const json::object& object) {
  const json::value* type = object.if_contains("@type");
  if (type == nullptr) return {};
  if (type->is_string()) {
    std::string_view name = type->get_string();
    return IsArticleTypeName(name) ? name : std::string_view{};
  }
  if (type->is_array()) {
    for (const json::value& v : type->get_array()) {
      if (v.is_string() && IsArticleTypeName(v.get_string())) return v.get_string();
    }
  }
  return {};
}

// A string field, or a field of an object given in its place
// ({"@id": ...}, {"name": ...}); "" otherwise.
std::string_view StringOf(const json::value* value, std::string_view object_key) {
  if (value == nullptr) return {};
  if (value->is_string()) return value->get_string();
  if (value->is_object() && !object_key.empty()) {
    if (const json::value* inner = value->get_object().if_contains(object_key)) {
      if (inner->is_string()) return inner->get_string();
    }
  }
  if (value->is_array() && !value->get_array().empty()) {
    return StringOf(&value->get_array().front(), object_key);
  }
  return {};
}

void SetIfEmpty(std::string& field, std::string_view value) {
  if (field.empty() && !value.empty()) field = std::string(value);
}

// Named nodes of one script by "@id": Yoast and other WordPress plugins
// write the article's author as {"@id": ".../#/person/..."}, the Person with
// its name being another node of the "@graph".
using NamesById = std::unordered_map<std::string_view, std::string_view>;

void CollectNames(const json::value& value, NamesById& names, size_t& visited) {
  if (++visited > kMaxObjectsVisited) return;
  if (value.is_array()) {
    for (const json::value& v : value.get_array()) CollectNames(v, names, visited);
    return;
  }
  if (!value.is_object()) return;
  const json::object& object = value.get_object();
  const std::string_view id = StringOf(object.if_contains("@id"), "");
  const std::string_view name = StringOf(object.if_contains("name"), "");
  if (!id.empty() && !name.empty()) names.emplace(id, name);
  if (const json::value* graph = object.if_contains("@graph")) CollectNames(*graph, names, visited);
}

void AddAuthor(const json::value& value, const NamesById& names,
               std::vector<std::string>& authors) {
  if (authors.size() >= kMaxAuthors) return;
  std::string_view name = StringOf(&value, "name");
  if (name.empty() && value.is_object()) {
    const std::string_view id = StringOf(value.get_object().if_contains("@id"), "");
    if (auto it = names.find(id); !id.empty() && it != names.end()) name = it->second;
  }
  if (name.empty()) return;
  for (const std::string& known : authors) {
    if (known == name) return;
  }
  authors.emplace_back(name);
}

void ReadArticle(const json::object& object, std::string_view type, const NamesById& names,
                 JsonLdArticle& article) {
  if (!article.found) {
    article.found = true;
    article.type = std::string(type);
  }
  std::string_view headline = StringOf(object.if_contains("headline"), "");
  if (headline.empty()) headline = StringOf(object.if_contains("name"), "");
  SetIfEmpty(article.headline, headline);
  SetIfEmpty(article.date_published, StringOf(object.if_contains("datePublished"), ""));
  if (article.date_published.empty()) {
    SetIfEmpty(article.date_published, StringOf(object.if_contains("dateCreated"), ""));
  }
  SetIfEmpty(article.date_modified, StringOf(object.if_contains("dateModified"), ""));
  std::string_view language = StringOf(object.if_contains("inLanguage"), "alternateName");
  if (language.empty()) language = StringOf(object.if_contains("inLanguage"), "name");
  SetIfEmpty(article.in_language, language);
  SetIfEmpty(article.section, StringOf(object.if_contains("articleSection"), "name"));
  std::string_view url = StringOf(object.if_contains("url"), "");
  if (url.empty()) url = StringOf(object.if_contains("mainEntityOfPage"), "@id");
  SetIfEmpty(article.url, url);
  SetIfEmpty(article.article_body, StringOf(object.if_contains("articleBody"), ""));
  if (article.authors.empty()) {
    if (const json::value* author = object.if_contains("author")) {
      if (author->is_array()) {
        for (const json::value& a : author->get_array()) AddAuthor(a, names, article.authors);
      } else {
        AddAuthor(*author, names, article.authors);
      }
    }
  }
}

// Depth-first over objects, arrays, "@graph" and "mainEntity" (a WebPage
// whose main entity is the article), in document order.
void Visit(const json::value& value, const NamesById& names, JsonLdArticle& article,
           size_t& visited) {
  if (++visited > kMaxObjectsVisited) return;
  if (value.is_array()) {
    for (const json::value& v : value.get_array()) Visit(v, names, article, visited);
    return;
  }
  if (!value.is_object()) return;
  const json::object& object = value.get_object();
  if (std::string_view type = ArticleType(object); !type.empty()) {
    // A second article object (e.g. a related story in the graph) only
    // fills what the first left empty when it is the same type.
    if (!article.found || article.type == type) ReadArticle(object, type, names, article);
  }
  if (const json::value* graph = object.if_contains("@graph")) {
    Visit(*graph, names, article, visited);
  }
  if (const json::value* main = object.if_contains("mainEntity")) {
    Visit(*main, names, article, visited);
  }
}

}  // namespace

void ReadJsonLd(std::string_view script, JsonLdArticle& article,
                std::vector<std::string>& problems) {
  if (script.size() > kMaxJsonLdBytes) {
    problems.emplace_back("json-ld: script of " + std::to_string(script.size()) +
                          " bytes not parsed (limit " + std::to_string(kMaxJsonLdBytes) + ")");
    return;
  }
  // Some sites wrap the JSON in an HTML comment or CDATA section.
  auto trim = [](std::string_view& s) {
    while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
    while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  };
  trim(script);
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"<!--", "-->"},
                             {"//<![CDATA[", "//]]>"},
                             {"<![CDATA[", "]]>"}}) {
    if (script.starts_with(open) && script.ends_with(close) &&
        script.size() >= open.size() + close.size()) {
      script = script.substr(open.size(), script.size() - open.size() - close.size());
      trim(script);
    }
  }
  if (script.empty()) return;
  json::parse_options options;
  options.max_depth = kMaxDepth;
  options.allow_comments = true;
  options.allow_trailing_commas = true;
  options.allow_invalid_utf8 = true;
  boost::system::error_code error;
  json::stream_parser parser({}, options);
  const size_t used = parser.write_some(script.data(), script.size(), error);
  if (!error) parser.finish(error);
  if (error) {
    problems.emplace_back("json-ld: " + error.message() + " at byte " + std::to_string(used));
    return;
  }
  const json::value value = parser.release();
  NamesById names;
  size_t visited = 0;
  CollectNames(value, names, visited);
  visited = 0;
  Visit(value, names, article, visited);
}

}  // namespace nc
