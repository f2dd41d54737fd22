#include "crawler/article_record_text.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/ascii.h"
#include "crawler/extract/html_entities.h"

namespace nc::article_text {
namespace {

namespace codec = storage::codec;

// A copy costs 2-4 bytes of varints: shorter runs are written as literals.
constexpr size_t kMinCopy = 4;
// How far ahead of the body position a lost match is looked for: past a
// tag with its attributes (an <a href> with a long URL), an inline script.
constexpr size_t kLookahead = 2048;
// Bytes of the paragraph the lookahead searches for.
constexpr size_t kNeedle = 8;
// The longest entity reference decoded when the body shows one ("&#x1F600;").
constexpr size_t kMaxEntity = 40;

// A piece's head and offset are one or two varint bytes almost always:
// written in place, not by codec::PutVarint64's out-of-line call and copy
// (~57 instructions each, three varints a paragraph). Same bytes.
void PutVarint(std::string& out, uint64_t v) {
  if (v < 0x80) {
    out.push_back(static_cast<char>(v));
  } else if (v < 0x4000) {
    const char two[2] = {static_cast<char>(v | 0x80), static_cast<char>(v >> 7)};
    out.append(two, 2);
  } else {
    codec::PutVarint64(&out, v);
  }
}

// Bytes equal at the start of a and b, 32 or sixteen (SSE2) or eight at a
// time: a paragraph is mostly one long run of the body's bytes.
size_t CommonPrefix(const char* a, const char* b, size_t n) {
  size_t i = 0;
#if defined(__SSE2__)
  while (i + 32 <= n) {  // two chunks per test and step
    const __m128i x0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + i));
    const __m128i y0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
    const __m128i x1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + i + 16));
    const __m128i y1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i + 16));
    const unsigned equal = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x0, y0))) |
                           static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x1, y1))) << 16;
    if (equal != 0xFFFFFFFFu) return i + static_cast<size_t>(__builtin_ctz(~equal));
    i += 32;
  }
  while (i + 16 <= n) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + i));
    const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
    const unsigned equal = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)));
    if (equal != 0xFFFF) return i + static_cast<size_t>(__builtin_ctz(~equal));
    i += 16;
  }
#endif
  while (i + 8 <= n) {
    uint64_t x = 0;
    uint64_t y = 0;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    if (x != y) return i + static_cast<size_t>(__builtin_ctzll(x ^ y)) / 8;  // little-endian
    i += 8;
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

class PieceWriter {
 public:
  PieceWriter(std::string_view paragraph, Encoder& encoder) : p_(paragraph), e_(encoder) {}

  // The paragraph as pieces appended to `pieces`; returns their count.
  size_t Run(uint64_t hint, std::string& pieces) {
    out_ = &pieces;
    const std::string_view body = e_.body;
    size_t i = 0;
    size_t j = hint < body.size() ? hint : body.size();
    while (i < p_.size()) {
      if (j >= body.size()) {
        Literal(i, p_.size() - i);
        break;
      }
      const size_t run = CommonPrefix(p_.data() + i, body.data() + j,
                                      std::min(p_.size() - i, body.size() - j));
      if (run >= kMinCopy) {
        Copy(j, run);
        i += run;
        j += run;
        continue;
      }
      if (run > 0) {  // too short to copy
        Literal(i, run);
        i += run;
        j += run;
        continue;
      }
      const char b = body[j];
      if (b == '<') {  // a tag the text leaves out
        const void* close = std::memchr(body.data() + j, '>', body.size() - j);
        j = close ? static_cast<size_t>(static_cast<const char*>(close) - body.data()) + 1
                  : body.size();
        continue;
      }
      if (ascii::IsHtmlSpace(b)) {  // whitespace collapsed to one space, or trimmed
        while (j < body.size() && ascii::IsHtmlSpace(body[j])) ++j;
        if (p_[i] == ' ') Literal(i++, 1);
        continue;
      }
      if (b == '&' && DecodedEntity(body, j, i)) continue;
      // Text the paragraph does not have here (skipped or reordered): look
      // for what it says next a little further on, else write a byte.
      if (const size_t found = Lookahead(i, j); found != kNotFound) {
        j = found;
        continue;
      }
      Literal(i++, 1);
    }
    FlushLiteral();
    return count_;
  }

 private:
  static constexpr size_t kNotFound = static_cast<size_t>(-1);

  bool DecodedEntity(std::string_view body, size_t& j, size_t& i) {
    const size_t end = std::min(body.size(), j + kMaxEntity);
    const void* semi = std::memchr(body.data() + j, ';', end - j);
    if (!semi) return false;
    const size_t after = static_cast<size_t>(static_cast<const char*>(semi) - body.data()) + 1;
    decoded_.clear();
    AppendDecodedHtml(body.substr(j, after - j), /*in_attribute=*/false, decoded_);
    if (decoded_.empty() || p_.substr(i, decoded_.size()) != decoded_) return false;
    Literal(i, decoded_.size());
    i += decoded_.size();
    j = after;
    return true;
  }

  size_t Lookahead(size_t i, size_t j) {
    const std::string_view body = e_.body;
    const size_t window = std::min(kLookahead, body.size() - j);
    if (window > e_.search_budget) return kNotFound;
    e_.search_budget -= window;
    const size_t needle = std::min(kNeedle, p_.size() - i);
    const void* at = memmem(body.data() + j, window, p_.data() + i, needle);
    return at ? static_cast<size_t>(static_cast<const char*>(at) - body.data()) : kNotFound;
  }

  void Literal(size_t at, size_t n) {
    if (literal_end_ != at || literal_end_ == literal_begin_) {
      FlushLiteral();
      literal_begin_ = at;
    }
    literal_end_ = at + n;
  }

  void FlushLiteral() {
    if (literal_end_ > literal_begin_) {
      const std::string_view bytes = p_.substr(literal_begin_, literal_end_ - literal_begin_);
      PutVarint(*out_, uint64_t{bytes.size()} << 1);
      out_->append(bytes);
      ++count_;
    }
    literal_begin_ = literal_end_ = 0;
  }

  void Copy(size_t at, size_t n) {
    FlushLiteral();
    PutVarint(*out_, (uint64_t{n} << 1) | 1);
    PutVarint(*out_, codec::ZigZagEncode(static_cast<int64_t>(at) -
                                         static_cast<int64_t>(e_.previous_copy_end)));
    e_.previous_copy_end = at + n;
    ++count_;
  }

  std::string_view p_;
  Encoder& e_;
  std::string* out_ = nullptr;
  std::string decoded_;
  size_t literal_begin_ = 0;
  size_t literal_end_ = 0;
  size_t count_ = 0;
};

}  // namespace

void PutParagraph(std::string* dst, std::string_view paragraph, uint64_t hint, Encoder& encoder,
                  bool verbatim) {
  const std::string_view body = encoder.body;
  if (verbatim && hint < body.size() && paragraph.size() <= body.size() - hint &&
      paragraph.size() >= kMinCopy) {
    // What Run writes when its first CommonPrefix spans the paragraph.
    assert(body.substr(hint, paragraph.size()) == paragraph);
    dst->push_back(1);  // one piece
    PutVarint(*dst, (uint64_t{paragraph.size()} << 1) | 1);
    PutVarint(*dst, codec::ZigZagEncode(static_cast<int64_t>(hint) -
                                        static_cast<int64_t>(encoder.previous_copy_end)));
    encoder.previous_copy_end = hint + paragraph.size();
    return;
  }
  // The pieces go straight after their count, which is not known until they
  // are written: a byte is kept for it (fewer than 128 pieces, nearly every
  // paragraph) and widened in place otherwise.
  const size_t count_at = dst->size();
  dst->push_back(0);
  const size_t count = PieceWriter(paragraph, encoder).Run(hint, *dst);
  if (count < 0x80) {
    (*dst)[count_at] = static_cast<char>(count);
  } else {
    std::string wide;
    codec::PutVarint64(&wide, count);
    dst->replace(count_at, 1, wide);
  }
}

bool ReadParagraph(codec::Decoder& in, Decoder& decoder, std::string& out) {
  out.clear();
  const uint64_t count = in.Varint64();
  if (!in.ok() || count > in.remaining()) return false;  // each piece takes a byte at least
  for (uint64_t k = 0; k < count; ++k) {
    const uint64_t head = in.Varint64();
    const uint64_t length = head >> 1;
    if (!in.ok() || length > decoder.output_left) return false;
    decoder.output_left -= length;
    if (head & 1) {
      const int64_t delta = in.SignedVarint64();
      if (!in.ok()) return false;
      const uint64_t at = decoder.previous_copy_end + static_cast<uint64_t>(delta);  // wraps
      if (at > decoder.body.size() || length > decoder.body.size() - at) return false;
      out.append(decoder.body.substr(at, length));
      decoder.previous_copy_end = at + length;
    } else {
      const std::string_view bytes = in.Bytes(length);
      if (!in.ok()) return false;
      out.append(bytes);
    }
  }
  return true;
}

}  // namespace nc::article_text
