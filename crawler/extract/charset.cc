#include "crawler/extract/charset.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <cerrno>
#include <memory>
#include <vector>

#include "common/enum_table.h"

namespace nc {
namespace {

// Bytes of a page handed to uchardet: enough text for a confident guess,
// while a hostile 100 MB page costs no more than a normal one (uchardet
// reads ~15 MB/s: at most ~4 ms a page, and only for undeclared non-UTF-8).
constexpr size_t kMaxDetectBytes = 64 * 1024;
// WHATWG prescan window.
constexpr size_t kPrescanBytes = 1024;

struct EncodingInfo {
  std::string_view name;   // WHATWG name
  const char* iconv_name;  // glibc iconv name
  bool ascii_compatible;
};

// The encodings of the Encoding Standard that iconv has ("replacement" and
// x-user-defined left out: unknown labels fall through to the next source).
constexpr EncodingInfo kEncodings[] = {
    {"UTF-8", "UTF-8", true},
    {"IBM866", "IBM866", true},
    {"ISO-8859-2", "ISO-8859-2", true},
    {"ISO-8859-3", "ISO-8859-3", true},
    {"ISO-8859-4", "ISO-8859-4", true},
    {"ISO-8859-5", "ISO-8859-5", true},
    {"ISO-8859-6", "ISO-8859-6", true},
    {"ISO-8859-7", "ISO-8859-7", true},
    {"ISO-8859-8", "ISO-8859-8", true},
    {"ISO-8859-8-I", "ISO-8859-8", true},
    {"ISO-8859-10", "ISO-8859-10", true},
    {"ISO-8859-13", "ISO-8859-13", true},
    {"ISO-8859-14", "ISO-8859-14", true},
    {"ISO-8859-15", "ISO-8859-15", true},
    {"ISO-8859-16", "ISO-8859-16", true},
    {"KOI8-R", "KOI8-R", true},
    {"KOI8-U", "KOI8-U", true},
    {"macintosh", "MACINTOSH", true},
    {"windows-874", "CP874", true},
    {"windows-1250", "WINDOWS-1250", true},
    {"windows-1251", "WINDOWS-1251", true},
    {"windows-1252", "WINDOWS-1252", true},
    {"windows-1253", "WINDOWS-1253", true},
    {"windows-1254", "WINDOWS-1254", true},
    {"windows-1255", "WINDOWS-1255", true},
    {"windows-1256", "WINDOWS-1256", true},
    {"windows-1257", "WINDOWS-1257", true},
    {"windows-1258", "WINDOWS-1258", true},
    {"x-mac-cyrillic", "MAC-CYRILLIC", true},
    {"GBK", "GBK", true},
    {"gb18030", "GB18030", true},
    {"Big5", "BIG5-HKSCS", true},
    {"EUC-JP", "EUC-JP", true},
    {"ISO-2022-JP", "ISO-2022-JP", false},
    {"Shift_JIS", "CP932", true},
    {"EUC-KR", "CP949", true},
    {"UTF-16BE", "UTF-16BE", false},
    {"UTF-16LE", "UTF-16LE", false},
};

// Labels of the Encoding Standard (lower case) and the name they mean.
struct Label {
  std::string_view label;
  std::string_view name;
};
constexpr Label kLabels[] = {
    {"utf-8", "UTF-8"},
    {"utf8", "UTF-8"},
    {"unicode-1-1-utf-8", "UTF-8"},
    {"unicode11utf8", "UTF-8"},
    {"unicode20utf8", "UTF-8"},
    {"x-unicode20utf8", "UTF-8"},
    {"866", "IBM866"},
    {"cp866", "IBM866"},
    {"csibm866", "IBM866"},
    {"ibm866", "IBM866"},
    {"csisolatin2", "ISO-8859-2"},
    {"iso-8859-2", "ISO-8859-2"},
    {"iso-ir-101", "ISO-8859-2"},
    {"iso8859-2", "ISO-8859-2"},
    {"iso88592", "ISO-8859-2"},
    {"iso_8859-2", "ISO-8859-2"},
    {"l2", "ISO-8859-2"},
    {"latin2", "ISO-8859-2"},
    {"csisolatin3", "ISO-8859-3"},
    {"iso-8859-3", "ISO-8859-3"},
    {"iso8859-3", "ISO-8859-3"},
    {"iso88593", "ISO-8859-3"},
    {"iso_8859-3", "ISO-8859-3"},
    {"l3", "ISO-8859-3"},
    {"latin3", "ISO-8859-3"},
    {"csisolatin4", "ISO-8859-4"},
    {"iso-8859-4", "ISO-8859-4"},
    {"iso8859-4", "ISO-8859-4"},
    {"iso88594", "ISO-8859-4"},
    {"iso_8859-4", "ISO-8859-4"},
    {"l4", "ISO-8859-4"},
    {"latin4", "ISO-8859-4"},
    {"csisolatincyrillic", "ISO-8859-5"},
    {"cyrillic", "ISO-8859-5"},
    {"iso-8859-5", "ISO-8859-5"},
    {"iso8859-5", "ISO-8859-5"},
    {"iso88595", "ISO-8859-5"},
    {"iso_8859-5", "ISO-8859-5"},
    {"arabic", "ISO-8859-6"},
    {"iso-8859-6", "ISO-8859-6"},
    {"iso8859-6", "ISO-8859-6"},
    {"iso88596", "ISO-8859-6"},
    {"iso_8859-6", "ISO-8859-6"},
    {"greek", "ISO-8859-7"},
    {"iso-8859-7", "ISO-8859-7"},
    {"iso8859-7", "ISO-8859-7"},
    {"iso88597", "ISO-8859-7"},
    {"iso_8859-7", "ISO-8859-7"},
    {"hebrew", "ISO-8859-8"},
    {"iso-8859-8", "ISO-8859-8"},
    {"iso8859-8", "ISO-8859-8"},
    {"iso88598", "ISO-8859-8"},
    {"iso_8859-8", "ISO-8859-8"},
    {"iso-8859-8-i", "ISO-8859-8-I"},
    {"logical", "ISO-8859-8-I"},
    {"iso-8859-10", "ISO-8859-10"},
    {"iso8859-10", "ISO-8859-10"},
    {"latin6", "ISO-8859-10"},
    {"iso-8859-13", "ISO-8859-13"},
    {"iso8859-13", "ISO-8859-13"},
    {"iso-8859-14", "ISO-8859-14"},
    {"iso8859-14", "ISO-8859-14"},
    {"csisolatin9", "ISO-8859-15"},
    {"iso-8859-15", "ISO-8859-15"},
    {"iso8859-15", "ISO-8859-15"},
    {"iso885915", "ISO-8859-15"},
    {"iso_8859-15", "ISO-8859-15"},
    {"l9", "ISO-8859-15"},
    {"iso-8859-16", "ISO-8859-16"},
    {"cskoi8r", "KOI8-R"},
    {"koi", "KOI8-R"},
    {"koi8", "KOI8-R"},
    {"koi8-r", "KOI8-R"},
    {"koi8_r", "KOI8-R"},
    {"koi8-ru", "KOI8-U"},
    {"koi8-u", "KOI8-U"},
    {"csmacintosh", "macintosh"},
    {"mac", "macintosh"},
    {"macintosh", "macintosh"},
    {"x-mac-roman", "macintosh"},
    {"dos-874", "windows-874"},
    {"iso-8859-11", "windows-874"},
    {"iso8859-11", "windows-874"},
    {"tis-620", "windows-874"},
    {"windows-874", "windows-874"},
    {"cp1250", "windows-1250"},
    {"windows-1250", "windows-1250"},
    {"x-cp1250", "windows-1250"},
    {"cp1251", "windows-1251"},
    {"windows-1251", "windows-1251"},
    {"x-cp1251", "windows-1251"},
    {"ansi_x3.4-1968", "windows-1252"},
    {"ascii", "windows-1252"},
    {"cp1252", "windows-1252"},
    {"cp819", "windows-1252"},
    {"csisolatin1", "windows-1252"},
    {"ibm819", "windows-1252"},
    {"iso-8859-1", "windows-1252"},
    {"iso-ir-100", "windows-1252"},
    {"iso8859-1", "windows-1252"},
    {"iso88591", "windows-1252"},
    {"iso_8859-1", "windows-1252"},
    {"iso_8859-1:1987", "windows-1252"},
    {"l1", "windows-1252"},
    {"latin1", "windows-1252"},
    {"us-ascii", "windows-1252"},
    {"windows-1252", "windows-1252"},
    {"x-cp1252", "windows-1252"},
    {"x-user-defined", "windows-1252"},
    {"cp1253", "windows-1253"},
    {"windows-1253", "windows-1253"},
    {"x-cp1253", "windows-1253"},
    {"cp1254", "windows-1254"},
    {"csisolatin5", "windows-1254"},
    {"iso-8859-9", "windows-1254"},
    {"iso8859-9", "windows-1254"},
    {"iso88599", "windows-1254"},
    {"iso_8859-9", "windows-1254"},
    {"l5", "windows-1254"},
    {"latin5", "windows-1254"},
    {"windows-1254", "windows-1254"},
    {"x-cp1254", "windows-1254"},
    {"cp1255", "windows-1255"},
    {"windows-1255", "windows-1255"},
    {"cp1256", "windows-1256"},
    {"windows-1256", "windows-1256"},
    {"cp1257", "windows-1257"},
    {"windows-1257", "windows-1257"},
    {"cp1258", "windows-1258"},
    {"windows-1258", "windows-1258"},
    {"x-mac-cyrillic", "x-mac-cyrillic"},
    {"x-mac-ukrainian", "x-mac-cyrillic"},
    {"chinese", "GBK"},
    {"csgb2312", "GBK"},
    {"gb2312", "GBK"},
    {"gb_2312", "GBK"},
    {"gb_2312-80", "GBK"},
    {"gbk", "GBK"},
    {"x-gbk", "GBK"},
    {"gb18030", "gb18030"},
    {"big5", "Big5"},
    {"big5-hkscs", "Big5"},
    {"cn-big5", "Big5"},
    {"csbig5", "Big5"},
    {"x-x-big5", "Big5"},
    {"cseucpkdfmtjapanese", "EUC-JP"},
    {"euc-jp", "EUC-JP"},
    {"x-euc-jp", "EUC-JP"},
    {"csiso2022jp", "ISO-2022-JP"},
    {"iso-2022-jp", "ISO-2022-JP"},
    {"csshiftjis", "Shift_JIS"},
    {"ms932", "Shift_JIS"},
    {"ms_kanji", "Shift_JIS"},
    {"shift-jis", "Shift_JIS"},
    {"shift_jis", "Shift_JIS"},
    {"sjis", "Shift_JIS"},
    {"windows-31j", "Shift_JIS"},
    {"x-sjis", "Shift_JIS"},
    {"cseuckr", "EUC-KR"},
    {"euc-kr", "EUC-KR"},
    {"korean", "EUC-KR"},
    {"ks_c_5601-1987", "EUC-KR"},
    {"windows-949", "EUC-KR"},
    {"unicodefffe", "UTF-16BE"},
    {"utf-16be", "UTF-16BE"},
    {"csunicode", "UTF-16LE"},
    {"iso-10646-ucs-2", "UTF-16LE"},
    {"ucs-2", "UTF-16LE"},
    {"unicode", "UTF-16LE"},
    {"unicodefeff", "UTF-16LE"},
    {"utf-16", "UTF-16LE"},
    {"utf-16le", "UTF-16LE"},
};

bool IsAsciiWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiWhitespace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiWhitespace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    if (AsciiLower(s[i]) != lower_prefix[i]) return false;
  }
  return true;
}

const EncodingInfo* FindEncoding(std::string_view name) {
  for (const EncodingInfo& e : kEncodings) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

// The value after "charset" in a meta content attribute or a Content-Type
// value (WHATWG "extract a character encoding from a meta element").
std::string_view ExtractCharsetParameter(std::string_view s) {
  size_t i = 0;
  while (true) {
    size_t at = std::string_view::npos;
    for (size_t k = i; k + 7 <= s.size(); ++k) {
      if (StartsWithIgnoreCase(s.substr(k), "charset")) {
        at = k;
        break;
      }
    }
    if (at == std::string_view::npos) return {};
    i = at + 7;
    while (i < s.size() && IsAsciiWhitespace(s[i])) ++i;
    if (i >= s.size() || s[i] != '=') continue;  // look for the next "charset"
    ++i;
    while (i < s.size() && IsAsciiWhitespace(s[i])) ++i;
    if (i >= s.size()) return {};
    if (s[i] == '"' || s[i] == '\'') {
      const size_t close = s.find(s[i], i + 1);
      if (close == std::string_view::npos) return {};
      return s.substr(i + 1, close - i - 1);
    }
    size_t end = i;
    while (end < s.size() && !IsAsciiWhitespace(s[end]) && s[end] != ';') ++end;
    return s.substr(i, end - i);
  }
}

// One attribute of the prescan's "get an attribute" (names and values
// lower-cased, which is all the prescan needs).
struct PrescanAttribute {
  std::string name;
  std::string value;
};

class Prescanner {
 public:
  explicit Prescanner(std::string_view bytes) : in_(bytes.substr(0, kPrescanBytes)) {}

  std::string_view Run() {
    while (pos_ < in_.size()) {
      const std::string_view rest = in_.substr(pos_);
      if (rest.starts_with("<!--")) {
        const size_t end = in_.find("-->", pos_ + 2);  // "<!-->" ends the comment
        if (end == std::string_view::npos) return {};
        pos_ = end + 3;
      } else if (StartsWithIgnoreCase(rest, "<meta") && rest.size() > 5 &&
                 (IsAsciiWhitespace(rest[5]) || rest[5] == '/')) {
        pos_ += 5;
        if (std::string_view found = Meta(); !found.empty()) return found;
      } else if (rest.size() >= 2 && rest[0] == '<' &&
                 (IsAsciiLetter(rest[1]) ||
                  (rest[1] == '/' && rest.size() >= 3 && IsAsciiLetter(rest[2])))) {
        // A tag: skip its name, then its attributes.
        while (pos_ < in_.size() && !IsAsciiWhitespace(in_[pos_]) && in_[pos_] != '>') ++pos_;
        PrescanAttribute attribute;
        while (NextAttribute(attribute)) {
        }
        ++pos_;  // past '>'
      } else if (rest.starts_with("<!") || rest.starts_with("</") || rest.starts_with("<?")) {
        const size_t end = in_.find('>', pos_ + 2);
        if (end == std::string_view::npos) return {};
        pos_ = end + 1;
      } else {
        ++pos_;
      }
    }
    return {};
  }

 private:
  static bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

  // The attributes of a <meta>: a charset, or a content with a charset
  // beside http-equiv=content-type.
  std::string_view Meta() {
    bool got_pragma = false;
    bool need_pragma_known = false;
    bool need_pragma = false;
    std::string_view charset;
    std::vector<std::string> seen;
    PrescanAttribute a;
    while (NextAttribute(a)) {
      bool duplicate = false;
      for (const std::string& name : seen) duplicate = duplicate || name == a.name;
      if (duplicate) continue;
      seen.push_back(a.name);
      if (a.name == "http-equiv") {
        if (a.value == "content-type") got_pragma = true;
      } else if (a.name == "content") {
        if (charset.empty()) {
          const std::string_view label = ExtractCharsetParameter(a.value);
          if (!label.empty()) {
            charset = CanonicalCharset(label);
            if (!charset.empty()) {
              need_pragma = true;
              need_pragma_known = true;
            }
          }
        }
      } else if (a.name == "charset") {
        charset = CanonicalCharset(a.value);
        need_pragma = false;
        need_pragma_known = true;
      }
    }
    if (!need_pragma_known || charset.empty()) return {};
    if (need_pragma && !got_pragma) return {};
    if (charset == "UTF-16BE" || charset == "UTF-16LE") return "UTF-8";
    return charset;
  }

  // WHATWG "get an attribute"; false when the tag ends (or the input does).
  bool NextAttribute(PrescanAttribute& a) {
    a.name.clear();
    a.value.clear();
    while (pos_ < in_.size() && (IsAsciiWhitespace(in_[pos_]) || in_[pos_] == '/')) ++pos_;
    if (pos_ >= in_.size() || in_[pos_] == '>') return false;
    // Name.
    while (true) {
      if (pos_ >= in_.size()) return false;
      const char c = in_[pos_];
      if (c == '=' && !a.name.empty()) {
        ++pos_;
        break;
      }
      if (IsAsciiWhitespace(c)) {
        while (pos_ < in_.size() && IsAsciiWhitespace(in_[pos_])) ++pos_;
        if (pos_ >= in_.size()) return false;
        if (in_[pos_] != '=') return true;  // an attribute without a value
        ++pos_;
        break;
      }
      if (c == '/' || c == '>') return true;
      a.name.push_back(AsciiLower(c));
      ++pos_;
    }
    // Value.
    while (pos_ < in_.size() && IsAsciiWhitespace(in_[pos_])) ++pos_;
    if (pos_ >= in_.size()) return false;
    const char quote = in_[pos_];
    if (quote == '"' || quote == '\'') {
      ++pos_;
      while (pos_ < in_.size() && in_[pos_] != quote) a.value.push_back(AsciiLower(in_[pos_++]));
      if (pos_ >= in_.size()) return false;
      ++pos_;
      return true;
    }
    if (quote == '>') return true;
    while (pos_ < in_.size() && !IsAsciiWhitespace(in_[pos_]) && in_[pos_] != '>') {
      a.value.push_back(AsciiLower(in_[pos_++]));
    }
    return pos_ < in_.size();
  }

  const std::string_view in_;
  size_t pos_ = 0;
};

std::string_view DetectCharset(std::string_view body) {
  struct Deleter {
    void operator()(uchardet_t u) const { uchardet_delete(u); }
  };
  thread_local std::unique_ptr<std::remove_pointer_t<uchardet_t>, Deleter> detector(uchardet_new());
  if (!detector) return {};
  uchardet_reset(detector.get());
  const std::string_view sample = body.substr(0, kMaxDetectBytes);
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) return {};
  uchardet_data_end(detector.get());
  const char* guess = uchardet_get_charset(detector.get());
  return guess ? CanonicalCharset(guess) : std::string_view();
}

// iconv_open's failure value, (iconv_t)-1 by POSIX: the one int-to-pointer
// cast the API forces on its callers.
const iconv_t kNoConverter =
    reinterpret_cast<iconv_t>(-1);  // NOLINT(performance-no-int-to-ptr): POSIX's error value

// One iconv descriptor per encoding and thread, opened on first use.
iconv_t ConverterFor(const EncodingInfo& encoding) {
  struct Entry {
    const EncodingInfo* encoding;
    iconv_t cd;
  };
  struct Cache {
    std::vector<Entry> entries;
    ~Cache() {
      for (const Entry& e : entries) {
        if (e.cd != kNoConverter) iconv_close(e.cd);
      }
    }
  };
  thread_local Cache cache;
  for (const Entry& e : cache.entries) {
    if (e.encoding == &encoding) {
      if (e.cd != kNoConverter) iconv(e.cd, nullptr, nullptr, nullptr, nullptr);
      return e.cd;
    }
  }
  const iconv_t cd = iconv_open("UTF-8", encoding.iconv_name);
  cache.entries.push_back({&encoding, cd});
  return cd;
}

}  // namespace

std::string_view CharsetSourceName(CharsetSource source) {
  static constexpr auto kNames = MakeEnumNames<CharsetSource>({
      {CharsetSource::kBom, "bom"}, {CharsetSource::kContentType, "content-type"},
      {CharsetSource::kMeta, "meta"}, {CharsetSource::kDetected, "detected"},
      {CharsetSource::kDefault, "default"}});
  return kNames.Get(source, "default");
}

std::string_view CanonicalCharset(std::string_view label) {
  label = Trim(label);
  if (label.empty() || label.size() > 32) return {};
  char lower[32];
  for (size_t i = 0; i < label.size(); ++i) lower[i] = AsciiLower(label[i]);
  const std::string_view key(lower, label.size());
  for (const Label& l : kLabels) {
    if (l.label == key) return l.name;
  }
  return {};
}

std::string_view ContentTypeCharsetLabel(std::string_view content_type) {
  const size_t semicolon = content_type.find(';');
  if (semicolon == std::string_view::npos) return {};
  // Parameters only: a media type never holds "charset=" itself.
  return Trim(ExtractCharsetParameter(content_type.substr(semicolon + 1)));
}

std::string_view PrescanMetaCharset(std::string_view html) { return Prescanner(html).Run(); }

Charset SniffHtmlCharset(std::string_view content_type, std::string_view body) {
  if (body.starts_with("\xEF\xBB\xBF")) return {"UTF-8", CharsetSource::kBom};
  if (body.starts_with("\xFE\xFF")) return {"UTF-16BE", CharsetSource::kBom};
  if (body.starts_with("\xFF\xFE")) return {"UTF-16LE", CharsetSource::kBom};
  if (std::string_view name = CanonicalCharset(ContentTypeCharsetLabel(content_type));
      !name.empty()) {
    return {name, CharsetSource::kContentType};
  }
  if (std::string_view name = PrescanMetaCharset(body); !name.empty()) {
    return {name, CharsetSource::kMeta};
  }
  if (IsValidUtf8Prefix(body)) return {"UTF-8", CharsetSource::kDetected};
  if (std::string_view name = DetectCharset(body); !name.empty()) {
    return {name, CharsetSource::kDetected};
  }
  return {"windows-1252", CharsetSource::kDefault};
}

bool IsValidUtf8Prefix(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  while (p < end) {
    // Eight ASCII bytes at a time: most of a page is markup.
    while (end - p >= 8) {
      uint64_t word;
      __builtin_memcpy(&word, p, 8);
      if (word & 0x8080808080808080ull) break;
      p += 8;
    }
    if (p >= end) break;
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    size_t length;
    unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    for (size_t k = 1; k < length; ++k) {
      if (p + k >= end) return true;  // cut by the end of the body
      const unsigned char b = p[k];
      if (k == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xBF)) return false;
    }
    p += length;
  }
  return true;
}

bool NeedsTranscoding(std::string_view bytes, std::string_view charset) {
  if (charset == "UTF-8") return false;
  const EncodingInfo* encoding = FindEncoding(charset);
  if (encoding == nullptr) return false;
  if (!encoding->ascii_compatible) return true;
  for (char c : bytes) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

std::string TranscodeToUtf8(std::string_view bytes, std::string_view charset) {
  const EncodingInfo* encoding = FindEncoding(charset);
  if (encoding == nullptr || charset == "UTF-8") return std::string(bytes);
  if ((charset == "UTF-16BE" && bytes.starts_with("\xFE\xFF")) ||
      (charset == "UTF-16LE" && bytes.starts_with("\xFF\xFE"))) {
    bytes.remove_prefix(2);
  }
  const iconv_t cd = ConverterFor(*encoding);
  if (cd == kNoConverter) return std::string(bytes);
  std::string out;
  out.resize(bytes.size() + bytes.size() / 2 + 16);
  char* in = const_cast<char*>(bytes.data());  // iconv's API; it does not write
  size_t in_left = bytes.size();
  size_t used = 0;
  while (in_left > 0) {
    char* dst = out.data() + used;
    size_t dst_left = out.size() - used;
    const size_t rc = iconv(cd, &in, &in_left, &dst, &dst_left);
    used = out.size() - dst_left;
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    // EILSEQ (invalid here) or EINVAL (cut at the end): one U+FFFD per
    // bad byte, then go on after it.
    if (out.size() - used < 3) out.resize(out.size() * 2);
    out.replace(used, 3, "\xEF\xBF\xBD");
    used += 3;
    ++in;
    --in_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
  }
  out.resize(used);
  return out;
}

}  // namespace nc
