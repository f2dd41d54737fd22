#pragma once
// HtmlTokenizer: the parts of HTML5 tokenization (WHATWG 13.2.5) that decide
// where tags are, for link extraction. Start and end tags with
// case-insensitive names and attributes (double-, single- or unquoted
// values, first of duplicate names wins, character references decoded);
// text; comments (including "<!-->" and "--!>"), DOCTYPE, bogus comments
// ("<?...>", "</ ...>", CDATA outside svg/math) skipped; the content of
// raw-text elements (script with its escape states, style, xmp, iframe,
// noembed, noframes), RCDATA elements (title, textarea) and plaintext
// returned as text, never as tags. <noscript> is parsed as with scripting
// off (its markup is tags): the crawler runs no script.
//
// A few switches that the spec leaves to tree construction are made here,
// because link extraction needs them and nothing else: entering raw text
// after those start tags (never inside svg/math) and tracking svg/math
// nesting, with the "breakout" start tags (<div>, <p>, ...) that leave it.
//
// One tokenizer per document, used by one thread. Views in a token point
// into the input or into the tokenizer's buffers and stay valid until the
// next call to Next(). Nothing is allocated per token once buffers have grown.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/extract/html_tags.h"

namespace nc {

enum class HtmlTokenType : uint8_t { kStartTag, kEndTag, kText };

// Where a text token came from, which says how to read it.
enum class HtmlTextKind : uint8_t {
  kData,     // ordinary text: character references apply (AppendDecodedHtml)
  kRcdata,   // content of <title> or <textarea>: character references apply
  kRawText,  // content of <script>, <style>, ... or after <plaintext>: literal
  kCdata,    // <![CDATA[...]]> inside svg/math: literal
};

struct HtmlAttribute {
  std::string_view name;   // lower-case
  std::string_view value;  // character references decoded; "" when written without a value
};

struct HtmlToken {
  HtmlTokenType type = HtmlTokenType::kText;
  std::string_view name;  // tags: lower-case name
  std::string_view text;  // kText: the text as written (not decoded)
  HtmlTextKind text_kind = HtmlTextKind::kData;
  bool self_closing = false;                  // start tag ended with "/>"
  bool foreign = false;                       // inside <svg> or <math>
  std::span<const HtmlAttribute> attributes;  // start tags only, in source order
  HtmlTagInfo info;  // tags: what the name means (LookupTag), looked up once here

  // Value of the attribute `name` (lower-case), if present.
  std::optional<std::string_view> Attribute(std::string_view name) const;
};

class HtmlTokenizer {
 public:
  // Attributes of one tag beyond this many are ignored (bounds the
  // duplicate-name check on hostile input).
  static constexpr size_t kMaxAttributes = 64;

  explicit HtmlTokenizer(std::string_view html) : in_(html) {}

  // Fills `token` with the next token; false at the end of the input. A tag
  // cut off by the end of the input is dropped, as the spec says.
  bool Next(HtmlToken& token);

 private:
  enum class Mode : uint8_t { kData, kRcdata, kRawText, kScript, kPlaintext };

  // Where an attribute's name and value live: in the input, or (when they
  // needed lower-casing or decoding) in buffer_.
  struct Span {
    uint32_t offset = 0;
    uint32_t size = 0;
    bool in_buffer = false;
  };
  struct PendingAttribute {
    Span name;
    Span value;
  };

  bool ParseMarkup(HtmlToken& token);
  bool ParseTag(size_t i, bool end_tag, HtmlToken& token);
  void AddAttribute(std::string_view name, std::string_view value);
  std::string_view View(const Span& span) const;
  void SkipComment(size_t i);
  void SkipTo(size_t i, char c);
  size_t FindMarkupStart(size_t i) const;
  size_t FindEndTag(size_t i) const;
  size_t FindScriptEnd(size_t i) const;
  bool IsEndTagAt(size_t i, std::string_view name) const;
  void AfterStartTag(HtmlToken& token);
  void EmitText(HtmlToken& token, size_t begin, size_t end, HtmlTextKind kind);

  const std::string_view in_;
  size_t pos_ = 0;
  Mode mode_ = Mode::kData;
  std::string end_tag_;  // element whose end tag leaves raw text / RCDATA
  uint32_t foreign_depth_ = 0;

  std::string name_buffer_;
  std::string buffer_;
  std::vector<PendingAttribute> pending_;
  std::vector<HtmlAttribute> attributes_;
};

// Routes `token` to `handler`.OnText, .OnStartTag or .OnEndTag; tags inside
// <svg> or <math> (foreign) go nowhere, their text does. The one dispatch
// of the link pass and the article scan, which read the same tokens.
template <typename Handler>
void DispatchHtmlToken(const HtmlToken& token, Handler& handler) {
  switch (token.type) {
    case HtmlTokenType::kText:
      handler.OnText(token);
      break;
    case HtmlTokenType::kStartTag:
      if (!token.foreign) handler.OnStartTag(token);
      break;
    case HtmlTokenType::kEndTag:
      if (!token.foreign) handler.OnEndTag(token);
      break;
  }
}

}  // namespace nc
