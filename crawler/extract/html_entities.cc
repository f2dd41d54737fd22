#include "crawler/extract/html_entities.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "common/ascii.h"

namespace nc {
namespace {

struct NamedRef {
  std::string_view name;  // without ';'
  char32_t code_point;
  bool legacy;  // also recognised without ';'
};

// Sorted by name (byte order) for binary search. Generated once from the
// WHATWG list; add entries in order.
constexpr NamedRef kNamedRefs[] = {
    {"AElig", 0x00C6, true},
    {"AMP", 0x0026, true},
    {"Aacute", 0x00C1, true},
    {"Abreve", 0x0102, false},
    {"Acirc", 0x00C2, true},
    {"Agrave", 0x00C0, true},
    {"Alpha", 0x0391, false},
    {"Amacr", 0x0100, false},
    {"Aogon", 0x0104, false},
    {"Aring", 0x00C5, true},
    {"Atilde", 0x00C3, true},
    {"Auml", 0x00C4, true},
    {"Beta", 0x0392, false},
    {"COPY", 0x00A9, true},
    {"Ccaron", 0x010C, false},
    {"Ccedil", 0x00C7, true},
    {"Chi", 0x03A7, false},
    {"Dagger", 0x2021, false},
    {"Delta", 0x0394, false},
    {"Dot", 0x00A8, false},
    {"ETH", 0x00D0, true},
    {"Eacute", 0x00C9, true},
    {"Ecaron", 0x011A, false},
    {"Ecirc", 0x00CA, true},
    {"Egrave", 0x00C8, true},
    {"Emacr", 0x0112, false},
    {"Eogon", 0x0118, false},
    {"Epsilon", 0x0395, false},
    {"Eta", 0x0397, false},
    {"Euml", 0x00CB, true},
    {"GT", 0x003E, true},
    {"Gamma", 0x0393, false},
    {"Gbreve", 0x011E, false},
    {"Hat", 0x005E, false},
    {"Iacute", 0x00CD, true},
    {"Icirc", 0x00CE, true},
    {"Idot", 0x0130, false},
    {"Igrave", 0x00CC, true},
    {"Imacr", 0x012A, false},
    {"Iota", 0x0399, false},
    {"Iuml", 0x00CF, true},
    {"Kappa", 0x039A, false},
    {"LT", 0x003C, true},
    {"Lambda", 0x039B, false},
    {"Lstrok", 0x0141, false},
    {"Mu", 0x039C, false},
    {"Nacute", 0x0143, false},
    {"NewLine", 0x000A, false},
    {"NonBreakingSpace", 0x00A0, false},
    {"Ntilde", 0x00D1, true},
    {"Nu", 0x039D, false},
    {"OElig", 0x0152, false},
    {"Oacute", 0x00D3, true},
    {"Ocirc", 0x00D4, true},
    {"Odblac", 0x0150, false},
    {"Ograve", 0x00D2, true},
    {"Omacr", 0x014C, false},
    {"Omega", 0x03A9, false},
    {"Omicron", 0x039F, false},
    {"Oslash", 0x00D8, true},
    {"Otilde", 0x00D5, true},
    {"Ouml", 0x00D6, true},
    {"Phi", 0x03A6, false},
    {"Pi", 0x03A0, false},
    {"Prime", 0x2033, false},
    {"Psi", 0x03A8, false},
    {"QUOT", 0x0022, true},
    {"REG", 0x00AE, true},
    {"Rcaron", 0x0158, false},
    {"Rho", 0x03A1, false},
    {"Sacute", 0x015A, false},
    {"Scaron", 0x0160, false},
    {"Scedil", 0x015E, false},
    {"Sigma", 0x03A3, false},
    {"THORN", 0x00DE, true},
    {"TRADE", 0x2122, false},
    {"Tab", 0x0009, false},
    {"Tau", 0x03A4, false},
    {"Tcedil", 0x0162, false},
    {"Theta", 0x0398, false},
    {"Uacute", 0x00DA, true},
    {"Ucirc", 0x00DB, true},
    {"Udblac", 0x0170, false},
    {"Ugrave", 0x00D9, true},
    {"Umacr", 0x016A, false},
    {"Upsilon", 0x03A5, false},
    {"Uring", 0x016E, false},
    {"Uuml", 0x00DC, true},
    {"VerticalLine", 0x007C, false},
    {"Xi", 0x039E, false},
    {"Yacute", 0x00DD, true},
    {"Yuml", 0x0178, false},
    {"Zacute", 0x0179, false},
    {"Zcaron", 0x017D, false},
    {"Zdot", 0x017B, false},
    {"ZeroWidthSpace", 0x200B, false},
    {"Zeta", 0x0396, false},
    {"aacute", 0x00E1, true},
    {"abreve", 0x0103, false},
    {"acirc", 0x00E2, true},
    {"acute", 0x00B4, true},
    {"aelig", 0x00E6, true},
    {"agrave", 0x00E0, true},
    {"alefsym", 0x2135, false},
    {"alpha", 0x03B1, false},
    {"amacr", 0x0101, false},
    {"amp", 0x0026, true},
    {"and", 0x2227, false},
    {"ang", 0x2220, false},
    {"aogon", 0x0105, false},
    {"apos", 0x0027, false},
    {"aring", 0x00E5, true},
    {"ast", 0x002A, false},
    {"asymp", 0x2248, false},
    {"atilde", 0x00E3, true},
    {"auml", 0x00E4, true},
    {"bdquo", 0x201E, false},
    {"beta", 0x03B2, false},
    {"brvbar", 0x00A6, true},
    {"bsol", 0x005C, false},
    {"bull", 0x2022, false},
    {"cap", 0x2229, false},
    {"ccaron", 0x010D, false},
    {"ccedil", 0x00E7, true},
    {"cedil", 0x00B8, true},
    {"cent", 0x00A2, true},
    {"centerdot", 0x00B7, false},
    {"check", 0x2713, false},
    {"chi", 0x03C7, false},
    {"circ", 0x02C6, false},
    {"clubs", 0x2663, false},
    {"colon", 0x003A, false},
    {"comma", 0x002C, false},
    {"commat", 0x0040, false},
    {"cong", 0x2245, false},
    {"copy", 0x00A9, true},
    {"copysr", 0x2117, false},
    {"crarr", 0x21B5, false},
    {"cross", 0x2717, false},
    {"cup", 0x222A, false},
    {"curren", 0x00A4, true},
    {"dArr", 0x21D3, false},
    {"dagger", 0x2020, false},
    {"darr", 0x2193, false},
    {"dash", 0x2010, false},
    {"deg", 0x00B0, true},
    {"delta", 0x03B4, false},
    {"diams", 0x2666, false},
    {"die", 0x00A8, false},
    {"divide", 0x00F7, true},
    {"dollar", 0x0024, false},
    {"eacute", 0x00E9, true},
    {"ecaron", 0x011B, false},
    {"ecirc", 0x00EA, true},
    {"egrave", 0x00E8, true},
    {"emacr", 0x0113, false},
    {"empty", 0x2205, false},
    {"emsp", 0x2003, false},
    {"ensp", 0x2002, false},
    {"eogon", 0x0119, false},
    {"epsilon", 0x03B5, false},
    {"equals", 0x003D, false},
    {"equiv", 0x2261, false},
    {"eta", 0x03B7, false},
    {"eth", 0x00F0, true},
    {"euml", 0x00EB, true},
    {"euro", 0x20AC, false},
    {"excl", 0x0021, false},
    {"exist", 0x2203, false},
    {"female", 0x2640, false},
    {"fnof", 0x0192, false},
    {"forall", 0x2200, false},
    {"frac12", 0x00BD, true},
    {"frac13", 0x2153, false},
    {"frac14", 0x00BC, true},
    {"frac15", 0x2155, false},
    {"frac18", 0x215B, false},
    {"frac23", 0x2154, false},
    {"frac34", 0x00BE, true},
    {"frasl", 0x2044, false},
    {"gamma", 0x03B3, false},
    {"gbreve", 0x011F, false},
    {"ge", 0x2265, false},
    {"grave", 0x0060, false},
    {"gt", 0x003E, true},
    {"hArr", 0x21D4, false},
    {"hairsp", 0x200A, false},
    {"half", 0x00BD, false},
    {"harr", 0x2194, false},
    {"hearts", 0x2665, false},
    {"hellip", 0x2026, false},
    {"horbar", 0x2015, false},
    {"hyphen", 0x2010, false},
    {"iacute", 0x00ED, true},
    {"icirc", 0x00EE, true},
    {"iexcl", 0x00A1, true},
    {"igrave", 0x00EC, true},
    {"imacr", 0x012B, false},
    {"image", 0x2111, false},
    {"imath", 0x0131, false},
    {"infin", 0x221E, false},
    {"inodot", 0x0131, false},
    {"int", 0x222B, false},
    {"iota", 0x03B9, false},
    {"iquest", 0x00BF, true},
    {"isin", 0x2208, false},
    {"iuml", 0x00EF, true},
    {"kappa", 0x03BA, false},
    {"lArr", 0x21D0, false},
    {"lambda", 0x03BB, false},
    {"lang", 0x27E8, false},
    {"laquo", 0x00AB, true},
    {"larr", 0x2190, false},
    {"lbrace", 0x007B, false},
    {"lbrack", 0x005B, false},
    {"lceil", 0x2308, false},
    {"lcub", 0x007B, false},
    {"ldquo", 0x201C, false},
    {"ldquor", 0x201E, false},
    {"le", 0x2264, false},
    {"lfloor", 0x230A, false},
    {"lowast", 0x2217, false},
    {"lowbar", 0x005F, false},
    {"loz", 0x25CA, false},
    {"lpar", 0x0028, false},
    {"lrm", 0x200E, false},
    {"lsaquo", 0x2039, false},
    {"lsqb", 0x005B, false},
    {"lsquo", 0x2018, false},
    {"lsquor", 0x201A, false},
    {"lstrok", 0x0142, false},
    {"lt", 0x003C, true},
    {"macr", 0x00AF, true},
    {"male", 0x2642, false},
    {"mdash", 0x2014, false},
    {"micro", 0x00B5, true},
    {"middot", 0x00B7, true},
    {"minus", 0x2212, false},
    {"mldr", 0x2026, false},
    {"mu", 0x03BC, false},
    {"nabla", 0x2207, false},
    {"nacute", 0x0144, false},
    {"nbsp", 0x00A0, true},
    {"ndash", 0x2013, false},
    {"ne", 0x2260, false},
    {"ni", 0x220B, false},
    {"nldr", 0x2025, false},
    {"not", 0x00AC, true},
    {"notin", 0x2209, false},
    {"nsub", 0x2284, false},
    {"ntilde", 0x00F1, true},
    {"nu", 0x03BD, false},
    {"num", 0x0023, false},
    {"numsp", 0x2007, false},
    {"oacute", 0x00F3, true},
    {"ocirc", 0x00F4, true},
    {"odblac", 0x0151, false},
    {"oelig", 0x0153, false},
    {"ograve", 0x00F2, true},
    {"oline", 0x203E, false},
    {"omacr", 0x014D, false},
    {"omega", 0x03C9, false},
    {"omicron", 0x03BF, false},
    {"oplus", 0x2295, false},
    {"or", 0x2228, false},
    {"ordf", 0x00AA, true},
    {"ordm", 0x00BA, true},
    {"oslash", 0x00F8, true},
    {"otilde", 0x00F5, true},
    {"otimes", 0x2297, false},
    {"ouml", 0x00F6, true},
    {"para", 0x00B6, true},
    {"part", 0x2202, false},
    {"percnt", 0x0025, false},
    {"period", 0x002E, false},
    {"permil", 0x2030, false},
    {"perp", 0x22A5, false},
    {"phi", 0x03C6, false},
    {"phone", 0x260E, false},
    {"pi", 0x03C0, false},
    {"piv", 0x03D6, false},
    {"plus", 0x002B, false},
    {"plusmn", 0x00B1, true},
    {"pound", 0x00A3, true},
    {"prime", 0x2032, false},
    {"prod", 0x220F, false},
    {"prop", 0x221D, false},
    {"psi", 0x03C8, false},
    {"puncsp", 0x2008, false},
    {"quest", 0x003F, false},
    {"quot", 0x0022, true},
    {"rArr", 0x21D2, false},
    {"radic", 0x221A, false},
    {"rang", 0x27E9, false},
    {"raquo", 0x00BB, true},
    {"rarr", 0x2192, false},
    {"rbrace", 0x007D, false},
    {"rbrack", 0x005D, false},
    {"rcaron", 0x0159, false},
    {"rceil", 0x2309, false},
    {"rcub", 0x007D, false},
    {"rdquo", 0x201D, false},
    {"rdquor", 0x201D, false},
    {"real", 0x211C, false},
    {"reg", 0x00AE, true},
    {"rfloor", 0x230B, false},
    {"rho", 0x03C1, false},
    {"rlm", 0x200F, false},
    {"rpar", 0x0029, false},
    {"rsaquo", 0x203A, false},
    {"rsqb", 0x005D, false},
    {"rsquo", 0x2019, false},
    {"rsquor", 0x2019, false},
    {"sacute", 0x015B, false},
    {"sbquo", 0x201A, false},
    {"scaron", 0x0161, false},
    {"scedil", 0x015F, false},
    {"sdot", 0x22C5, false},
    {"sect", 0x00A7, true},
    {"semi", 0x003B, false},
    {"shy", 0x00AD, true},
    {"sigma", 0x03C3, false},
    {"sigmaf", 0x03C2, false},
    {"sim", 0x223C, false},
    {"sol", 0x002F, false},
    {"spades", 0x2660, false},
    {"star", 0x2606, false},
    {"starf", 0x2605, false},
    {"sub", 0x2282, false},
    {"sube", 0x2286, false},
    {"sum", 0x2211, false},
    {"sup", 0x2283, false},
    {"sup1", 0x00B9, true},
    {"sup2", 0x00B2, true},
    {"sup3", 0x00B3, true},
    {"supe", 0x2287, false},
    {"szlig", 0x00DF, true},
    {"tau", 0x03C4, false},
    {"tcedil", 0x0163, false},
    {"there4", 0x2234, false},
    {"theta", 0x03B8, false},
    {"thetasym", 0x03D1, false},
    {"thinsp", 0x2009, false},
    {"thorn", 0x00FE, true},
    {"tilde", 0x02DC, false},
    {"times", 0x00D7, true},
    {"trade", 0x2122, false},
    {"uArr", 0x21D1, false},
    {"uacute", 0x00FA, true},
    {"uarr", 0x2191, false},
    {"ucirc", 0x00FB, true},
    {"udblac", 0x0171, false},
    {"ugrave", 0x00F9, true},
    {"umacr", 0x016B, false},
    {"uml", 0x00A8, true},
    {"upsih", 0x03D2, false},
    {"upsilon", 0x03C5, false},
    {"uring", 0x016F, false},
    {"uuml", 0x00FC, true},
    {"verbar", 0x007C, false},
    {"vert", 0x007C, false},
    {"weierp", 0x2118, false},
    {"xi", 0x03BE, false},
    {"yacute", 0x00FD, true},
    {"yen", 0x00A5, true},
    {"yuml", 0x00FF, true},
    {"zacute", 0x017A, false},
    {"zcaron", 0x017E, false},
    {"zdot", 0x017C, false},
    {"zeta", 0x03B6, false},
    {"zwj", 0x200D, false},
    {"zwnj", 0x200C, false},
};

static_assert(std::is_sorted(std::begin(kNamedRefs), std::end(kNamedRefs),
                             [](const NamedRef& a, const NamedRef& b) { return a.name < b.name; }));

constexpr size_t kLongestLegacyName = 6;  // "frac12", "middot", ...

// Numeric references 0x80..0x9F name Windows-1252 characters (HTML5 rule);
// 0 means "keep as is".
constexpr char16_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

const NamedRef* FindNamed(std::string_view name) {
  const auto* end = std::end(kNamedRefs);
  const auto* it =
      std::lower_bound(std::begin(kNamedRefs), end, name,
                       [](const NamedRef& ref, std::string_view n) { return ref.name < n; });
  return it != end && it->name == name ? it : nullptr;
}

using ascii::IsAlnum;

// Decodes the reference starting at raw[i] == '&'. On success appends the
// character and returns the index after the reference; otherwise returns i.
size_t DecodeAt(std::string_view raw, size_t i, bool in_attribute, std::string& out) {
  size_t j = i + 1;
  if (j < raw.size() && raw[j] == '#') {
    size_t k = j + 1;
    const bool hex = k < raw.size() && (raw[k] == 'x' || raw[k] == 'X');
    if (hex) ++k;
    const size_t digits = k;
    char32_t cp = 0;
    for (; k < raw.size(); ++k) {
      const char c = raw[k];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
        d = (c | 0x20) - 'a' + 10;
      } else {
        break;
      }
      cp = std::min<char32_t>(cp * (hex ? 16 : 10) + d, 0x110000);  // saturate
    }
    if (k == digits) return i;  // "&#" or "&#x" without digits is literal text
    if (k < raw.size() && raw[k] == ';') ++k;
    if (cp == 0) cp = 0xFFFD;
    if (cp >= 0x80 && cp <= 0x9F && kWindows1252[cp - 0x80]) cp = kWindows1252[cp - 0x80];
    AppendUtf8(cp, out);
    return k;
  }
  size_t e = j;
  while (e < raw.size() && IsAlnum(raw[e]) && e - j < 32) ++e;
  if (e == j) return i;
  const std::string_view run = raw.substr(j, e - j);
  if (e < raw.size() && raw[e] == ';') {
    if (const NamedRef* ref = FindNamed(run)) {
      AppendUtf8(ref->code_point, out);
      return e + 1;
    }
  }
  // Longest legacy name that prefixes the run ("&notit;" is "¬it;").
  for (size_t len = std::min(run.size(), kLongestLegacyName); len >= 2; --len) {
    const NamedRef* ref = FindNamed(run.substr(0, len));
    if (!ref || !ref->legacy) continue;
    if (in_attribute) {
      const char next = j + len < raw.size() ? raw[j + len] : '\0';
      if (next == '=' || IsAlnum(next)) return i;
    }
    AppendUtf8(ref->code_point, out);
    return j + len;
  }
  return i;
}

}  // namespace

void AppendUtf8(char32_t cp, std::string& out) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  char buf[4];
  size_t n;
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    n = 1;
  } else if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (cp >> 18));
    buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 4;
  }
  out.append(buf, n);
}

void AppendDecodedHtml(std::string_view raw, bool in_attribute, std::string& out) {
  size_t i = 0;
  while (i < raw.size()) {
    const void* amp = std::memchr(raw.data() + i, '&', raw.size() - i);
    if (!amp) break;
    const size_t at = static_cast<size_t>(static_cast<const char*>(amp) - raw.data());
    out.append(raw.data() + i, at - i);
    const size_t next = DecodeAt(raw, at, in_attribute, out);
    if (next == at) {
      out.push_back('&');
      i = at + 1;
    } else {
      i = next;
    }
  }
  out.append(raw.data() + i, raw.size() - i);
}

}  // namespace nc
