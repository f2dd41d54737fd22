#include "crawler/extract/html_tokenizer.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "common/ascii.h"
#include "crawler/extract/html_entities.h"

namespace nc {
namespace {

using ascii::EqualsIgnoreCase;
using ascii::HasUpper;
using ascii::IsAlpha;
using ascii::ToLower;

// Byte classes of the tag scanner, so that each byte of a tag costs one
// load: HTML whitespace; what ends a tag or attribute name (whitespace,
// '/', '>'); what ends an attribute name ('=' too); what ends an unquoted
// value (whitespace, '>').
constexpr uint8_t kSpaceByte = 1;
constexpr uint8_t kTagEndByte = 2;
constexpr uint8_t kNameEndByte = 4;
constexpr uint8_t kUnquotedEndByte = 8;

constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const bool space = ascii::IsHtmlSpace(static_cast<char>(c));
    const bool tag_end = space || c == '/' || c == '>';
    t[c] = static_cast<uint8_t>((space ? kSpaceByte : 0) | (tag_end ? kTagEndByte : 0) |
                                (tag_end || c == '=' ? kNameEndByte : 0) |
                                (space || c == '>' ? kUnquotedEndByte : 0));
  }
  return t;
}
constexpr std::array<uint8_t, 256> kByteClasses = MakeByteClasses();

bool ByteIs(char c, uint8_t cls) { return (kByteClasses[static_cast<unsigned char>(c)] & cls) != 0; }
bool IsTagEnd(char c) { return ByteIs(c, kTagEndByte); }
bool IsSpace(char c) { return ByteIs(c, kSpaceByte); }

}  // namespace

std::optional<std::string_view> HtmlToken::Attribute(std::string_view name) const {
  for (const HtmlAttribute& a : attributes) {
    if (a.name == name) return a.value;
  }
  return std::nullopt;
}

void HtmlTokenizer::EmitText(HtmlToken& token, size_t begin, size_t end, HtmlTextKind kind) {
  token.type = HtmlTokenType::kText;
  token.name = {};
  token.text = in_.substr(begin, end - begin);
  token.text_kind = kind;
  token.self_closing = false;
  token.foreign = foreign_depth_ > 0;
  token.attributes = {};
}

bool HtmlTokenizer::Next(HtmlToken& token) {
  while (pos_ < in_.size()) {
    switch (mode_) {
      case Mode::kPlaintext:
        EmitText(token, pos_, in_.size(), HtmlTextKind::kRawText);
        pos_ = in_.size();
        return true;
      case Mode::kRcdata:
      case Mode::kRawText:
      case Mode::kScript: {
        const size_t end = mode_ == Mode::kScript ? FindScriptEnd(pos_) : FindEndTag(pos_);
        const HtmlTextKind kind =
            mode_ == Mode::kRcdata ? HtmlTextKind::kRcdata : HtmlTextKind::kRawText;
        // The end tag itself is then read in the data state.
        mode_ = Mode::kData;
        if (end > pos_) {
          EmitText(token, pos_, end, kind);
          pos_ = end;
          return true;
        }
        break;
      }
      case Mode::kData: {
        const size_t lt = FindMarkupStart(pos_);
        if (lt > pos_) {
          EmitText(token, pos_, lt, HtmlTextKind::kData);
          pos_ = lt;
          return true;
        }
        if (ParseMarkup(token)) return true;
        break;
      }
    }
  }
  return false;
}

// The next '<' that opens a tag, comment or declaration; other '<' are text.
size_t HtmlTokenizer::FindMarkupStart(size_t i) const {
  const size_t n = in_.size();
  while (i < n) {
    // Half the calls start at the '<' of a tag that follows the last one
    // with no text between: one compare instead of a call to memchr.
    const void* p = in_[i] == '<' ? in_.data() + i : std::memchr(in_.data() + i, '<', n - i);
    if (!p) return n;
    const size_t lt = static_cast<size_t>(static_cast<const char*>(p) - in_.data());
    if (lt + 1 < n) {
      const char c = in_[lt + 1];
      if (IsAlpha(c) || c == '/' || c == '!' || c == '?') return lt;
    }
    i = lt + 1;
  }
  return n;
}

void HtmlTokenizer::SkipTo(size_t i, char c) {
  const void* p = i < in_.size() ? std::memchr(in_.data() + i, c, in_.size() - i) : nullptr;
  pos_ = p ? static_cast<size_t>(static_cast<const char*>(p) - in_.data()) + 1 : in_.size();
}

// `i` is just after "<!--". Ends at "-->", "--!>", or the abrupt "<!-->" and
// "<!--->"; an unclosed comment runs to the end of the input.
void HtmlTokenizer::SkipComment(size_t i) {
  const size_t n = in_.size();
  if (i < n && in_[i] == '>') {
    pos_ = i + 1;
    return;
  }
  if (i + 1 < n && in_[i] == '-' && in_[i + 1] == '>') {
    pos_ = i + 2;
    return;
  }
  while (i < n) {
    const void* p = std::memchr(in_.data() + i, '-', n - i);
    if (!p) break;
    size_t k = static_cast<size_t>(static_cast<const char*>(p) - in_.data());
    if (k + 1 >= n || in_[k + 1] != '-') {
      i = k + 1;
      continue;
    }
    size_t m = k + 2;
    while (m < n && in_[m] == '-') ++m;
    if (m < n && in_[m] == '>') {
      pos_ = m + 1;
      return;
    }
    if (m + 1 < n && in_[m] == '!' && in_[m + 1] == '>') {
      pos_ = m + 2;
      return;
    }
    i = m;
  }
  pos_ = n;
}

// At a '<' found by FindMarkupStart. Returns true when it filled `token`.
bool HtmlTokenizer::ParseMarkup(HtmlToken& token) {
  const size_t n = in_.size();
  const size_t i = pos_;
  const char c = in_[i + 1];
  const std::string_view rest = in_.substr(i);
  if (c == '!') {
    if (rest.starts_with("<!--")) {
      SkipComment(i + 4);
    } else if (rest.starts_with("<![CDATA[") && foreign_depth_ > 0) {
      const size_t end = in_.find("]]>", i + 9);
      const size_t stop = end == std::string_view::npos ? n : end;
      pos_ = end == std::string_view::npos ? n : end + 3;
      if (stop > i + 9) {
        EmitText(token, i + 9, stop, HtmlTextKind::kCdata);
        return true;
      }
    } else {
      // DOCTYPE, CDATA in HTML content, and other bogus comments end at '>'.
      SkipTo(i + 2, '>');
    }
    return false;
  }
  if (c == '?') {
    SkipTo(i + 1, '>');
    return false;
  }
  if (c == '/') {
    if (i + 2 >= n) {  // "</" at the end is text
      EmitText(token, i, n, HtmlTextKind::kData);
      pos_ = n;
      return true;
    }
    const char c2 = in_[i + 2];
    if (IsAlpha(c2)) return ParseTag(i + 2, /*end_tag=*/true, token);
    if (c2 == '>') {  // "</>" is dropped
      pos_ = i + 3;
      return false;
    }
    SkipTo(i + 2, '>');  // "</ ...>" is a bogus comment
    return false;
  }
  return ParseTag(i + 1, /*end_tag=*/false, token);
}

std::string_view HtmlTokenizer::View(const Span& span) const {
  const char* base = span.in_buffer ? buffer_.data() : in_.data();
  return std::string_view(base + span.offset, span.size);
}

void HtmlTokenizer::AddAttribute(std::string_view name, std::string_view value) {
  if (pending_.size() >= kMaxAttributes) return;
  PendingAttribute a;
  if (HasUpper(name)) {
    a.name = {static_cast<uint32_t>(buffer_.size()), static_cast<uint32_t>(name.size()), true};
    for (char c : name) buffer_.push_back(ToLower(c));
  } else {
    a.name = {static_cast<uint32_t>(name.data() - in_.data()), static_cast<uint32_t>(name.size()),
              false};
  }
  const std::string_view lower = View(a.name);
  for (const PendingAttribute& other : pending_) {
    if (View(other.name) == lower) {  // duplicate: the first one wins
      if (a.name.in_buffer) buffer_.resize(a.name.offset);
      return;
    }
  }
  if (value.find('&') != std::string_view::npos) {
    const size_t start = buffer_.size();
    AppendDecodedHtml(value, /*in_attribute=*/true, buffer_);
    a.value = {static_cast<uint32_t>(start), static_cast<uint32_t>(buffer_.size() - start), true};
  } else {
    a.value = {static_cast<uint32_t>(value.data() - in_.data()),
               static_cast<uint32_t>(value.size()), false};
  }
  pending_.push_back(a);
}

// `i` is at the first letter of the tag name. Returns false when the input
// ends inside the tag (the tag is then dropped).
bool HtmlTokenizer::ParseTag(size_t i, bool end_tag, HtmlToken& token) {
  const size_t n = in_.size();
  const char* d = in_.data();
  const size_t name_start = i;
  while (i < n && !IsTagEnd(d[i])) ++i;
  if (i >= n) {
    pos_ = n;
    return false;
  }
  std::string_view name = in_.substr(name_start, i - name_start);
  if (HasUpper(name)) {
    name_buffer_.assign(name);
    for (char& c : name_buffer_) c = ToLower(c);
    name = name_buffer_;
  }
  pending_.clear();
  buffer_.clear();
  bool self_closing = false;
  bool closed = false;
  for (;;) {
    while (i < n && IsSpace(d[i])) ++i;
    if (i >= n) break;
    if (d[i] == '>') {
      ++i;
      closed = true;
      break;
    }
    if (d[i] == '/') {
      if (i + 1 < n && d[i + 1] == '>') {
        self_closing = true;
        closed = true;
        i += 2;
        break;
      }
      ++i;  // a stray '/' separates attributes
      continue;
    }
    // Attribute name; a leading '=' is part of it (spec: parse error).
    const size_t name_begin = i++;
    while (i < n && !ByteIs(d[i], kNameEndByte)) ++i;
    const std::string_view attr_name = in_.substr(name_begin, i - name_begin);
    while (i < n && IsSpace(d[i])) ++i;
    std::string_view value;
    if (i < n && d[i] == '=') {
      ++i;
      while (i < n && IsSpace(d[i])) ++i;
      if (i >= n) break;
      if (d[i] == '"' || d[i] == '\'') {
        const void* close = std::memchr(d + i + 1, d[i], n - i - 1);
        if (!close) {
          i = n;
          break;
        }
        const size_t end = static_cast<size_t>(static_cast<const char*>(close) - d);
        value = in_.substr(i + 1, end - i - 1);
        i = end + 1;
      } else if (d[i] != '>') {
        const size_t begin = i;
        while (i < n && !ByteIs(d[i], kUnquotedEndByte)) ++i;
        value = in_.substr(begin, i - begin);
      }
    }
    if (!end_tag) AddAttribute(attr_name, value);
  }
  if (!closed) {  // the input ended inside the tag
    pos_ = n;
    return false;
  }
  pos_ = i;

  attributes_.clear();
  for (const PendingAttribute& a : pending_) attributes_.push_back({View(a.name), View(a.value)});
  token.type = end_tag ? HtmlTokenType::kEndTag : HtmlTokenType::kStartTag;
  token.name = name;
  token.text = {};
  token.text_kind = HtmlTextKind::kData;
  token.self_closing = self_closing && !end_tag;
  token.attributes =
      end_tag ? std::span<const HtmlAttribute>() : std::span<const HtmlAttribute>(attributes_);
  token.info = LookupTag(name);
  if (end_tag) {
    if (foreign_depth_ > 0) {
      if (token.info.Has(html_trait::kForeignRoot)) {
        --foreign_depth_;
      } else if (name == "br" || name == "p") {
        foreign_depth_ = 0;
      }
    }
    token.foreign = foreign_depth_ > 0;
  } else {
    AfterStartTag(token);
  }
  return true;
}

void HtmlTokenizer::AfterStartTag(HtmlToken& token) {
  const HtmlTagInfo& info = token.info;
  if (foreign_depth_ > 0) {
    const bool font_breakout =
        token.name == "font" &&
        (token.Attribute("color") || token.Attribute("face") || token.Attribute("size"));
    if (font_breakout || info.Has(html_trait::kBreakout)) foreign_depth_ = 0;
  }
  token.foreign = foreign_depth_ > 0;
  if (info.Has(html_trait::kForeignRoot)) {
    if (!token.self_closing) ++foreign_depth_;
    return;
  }
  // <style>, <title>... inside svg are ordinary elements.
  if (foreign_depth_ > 0 || info.content == HtmlContent::kNormal) return;
  end_tag_.assign(token.name);
  switch (info.content) {
    case HtmlContent::kRcdata:
      mode_ = Mode::kRcdata;
      break;
    case HtmlContent::kRawText:
      mode_ = Mode::kRawText;
      break;
    case HtmlContent::kScriptData:
      mode_ = Mode::kScript;
      break;
    case HtmlContent::kPlaintext:
      mode_ = Mode::kPlaintext;
      break;
    case HtmlContent::kNormal:
      break;
  }
}

// "</name" followed by whitespace, '/' or '>' at `i` (the "appropriate end
// tag" test).
bool HtmlTokenizer::IsEndTagAt(size_t i, std::string_view name) const {
  const size_t n = in_.size();
  if (i + 2 + name.size() >= n || in_[i] != '<' || in_[i + 1] != '/') return false;
  return EqualsIgnoreCase(in_.substr(i + 2, name.size()), name) &&
         IsTagEnd(in_[i + 2 + name.size()]);
}

size_t HtmlTokenizer::FindEndTag(size_t i) const {
  const size_t n = in_.size();
  while (i < n) {
    const void* p = std::memchr(in_.data() + i, '<', n - i);
    if (!p) return n;
    const size_t lt = static_cast<size_t>(static_cast<const char*>(p) - in_.data());
    if (IsEndTagAt(lt, end_tag_)) return lt;
    i = lt + 1;
  }
  return n;
}

// Script data with its escape states (WHATWG 13.2.5.15-13.2.5.31): inside
// "<!--", a nested "<script>" starts a double-escaped run in which
// "</script>" does not end the element.
size_t HtmlTokenizer::FindScriptEnd(size_t i) const {
  enum class State { kNormal, kEscaped, kDoubleEscaped } state = State::kNormal;
  const size_t n = in_.size();
  const char* d = in_.data();
  auto script_word_at = [&](size_t k) {  // "script" + tag end at k
    return k + 6 < n && EqualsIgnoreCase(in_.substr(k, 6), "script") && IsTagEnd(d[k + 6]);
  };
  while (i < n) {
    if (state == State::kNormal) {
      const void* p = std::memchr(d + i, '<', n - i);
      if (!p) return n;
      i = static_cast<size_t>(static_cast<const char*>(p) - d);
      if (IsEndTagAt(i, "script")) return i;
      if (in_.substr(i, 4) == "<!--") {
        i += 4;
        state = State::kEscaped;
        // "<!--" leaves the tokenizer in the escaped-dash-dash state.
        while (i < n && d[i] == '-') ++i;
        if (i < n && d[i] == '>') {
          state = State::kNormal;
          ++i;
        }
        continue;
      }
      ++i;
      continue;
    }
    const char c = d[i];
    if (c == '-') {
      size_t k = i;
      while (k < n && d[k] == '-') ++k;
      if (k - i >= 2 && k < n && d[k] == '>') {
        state = State::kNormal;
        i = k + 1;
      } else {
        i = k;
      }
      continue;
    }
    if (c == '<') {
      if (state == State::kEscaped) {
        if (IsEndTagAt(i, "script")) return i;
        if (script_word_at(i + 1)) {
          state = State::kDoubleEscaped;
          i += 7;
          continue;
        }
      } else if (i + 1 < n && d[i + 1] == '/' && script_word_at(i + 2)) {
        state = State::kEscaped;
        i += 8;
        continue;
      }
    }
    ++i;
  }
  return n;
}

}  // namespace nc
