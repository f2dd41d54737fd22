#include "crawler/extract/html_text.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// CollapsedText's copy of long prose runs takes AVX2 when the CPU has it
// (chosen at run time: the build targets baseline x86-64).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(NEWSCRAWL_NO_AVX2)
#define NC_HTML_TEXT_AVX2 1
#include <immintrin.h>
#endif

namespace nc {
namespace {

// ASCII whitespace (U+00A0, C2 A0, is handled apart).
constexpr std::array<bool, 256> kIsSpace = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {' ', '\n', '\t', '\f', '\r'}) t[c] = true;
  return t;
}();

// Base letters of U+00C0..U+00FF (second byte 0x80..0xBF after 0xC3);
// "" for the two signs (multiplication, division) that are not letters.
constexpr std::array<std::string_view, 64> kLatin1Fold = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHigh = 0x8080808080808080ull;
constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;

// Bit 7 of each byte of `w` that is zero, else 0: exact, no carries
// between bytes.
inline uint64_t ZeroBytes(uint64_t w) { return ~(((w & kLow7) + kLow7) | w) & kHigh; }

// What a counting CollapsedText tallies of the bytes it writes.
struct ProseTallies {
  size_t continuation = 0;  // UTF-8 continuation bytes
  size_t commas = 0;        // ','
  unsigned char high = 0;   // the largest byte
  bool changed = false;     // a byte dropped or replaced (CollapsedText::verbatim)
};

#if defined(NC_HTML_TEXT_AVX2)
const bool kHasAvx2 = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
}();

// The sum of 32 byte lanes.
__attribute__((target("avx2"))) inline size_t SumLanesAvx2(const __m256i& lanes) {
  const __m256i s = _mm256_sad_epu8(lanes, _mm256_setzero_si256());
  const __m128i t = _mm_add_epi64(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
  return static_cast<size_t>(_mm_cvtsi128_si64(_mm_add_epi64(t, _mm_unpackhi_epi64(t, t))));
}

// The bytes of a 32-byte chunk that are ' '.
__attribute__((target("avx2"), always_inline)) inline uint32_t SpacesAvx2(const __m256i& v) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(' '))));
}

// The bytes of a chunk that stop a prose copy: a control byte (whitespace
// other than ' ' among them) or 0xC2 (a no-break space's lead byte).
__attribute__((target("avx2"), always_inline)) inline uint32_t NotProseAvx2(const __m256i& v) {
  const __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1F)), v);
  const __m256i lead = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(static_cast<char>(0xC2)));
  return static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_or_si256(control, lead)));
}

// Adds a chunk's continuation bytes and ',' to byte lanes (each hit's
// compare mask, -1, subtracted), and its bytes to the lanes' maximum.
__attribute__((target("avx2"), always_inline)) inline void CountAvx2(const __m256i& v,
                                                                     __m256i& continuation,
                                                                     __m256i& commas,
                                                                     __m256i& high) {
  continuation = _mm256_sub_epi8(continuation, _mm256_cmpgt_epi8(_mm256_set1_epi8(-64), v));
  commas = _mm256_sub_epi8(commas, _mm256_cmpeq_epi8(v, _mm256_set1_epi8(',')));
  high = _mm256_max_epu8(high, v);
}

// CollapsedText's prose copy (the test of AppendImpl's chunks) 32 bytes per
// step with AVX2, whose three-operand instructions need no register
// copies: about half the instructions of two SSE2 chunks. Copies the
// whole 32-byte chunks of prose at the start of in[0, size) to `out`,
// returns how many bytes that is, and updates `after_space` and (kCount)
// `tallies` as the SSE2 loop would.
template <bool kCount>
__attribute__((target("avx2"))) size_t CopyProseAvx2(const unsigned char* in, size_t size,
                                                      char* out, bool& after_space,
                                                      ProseTallies& tallies) {
  const __m256i zero = _mm256_setzero_si256();
  __m256i continuation_lanes = zero;
  __m256i comma_lanes = zero;
  __m256i high_lanes = zero;
  uint64_t carry = after_space ? 1 : 0;
  size_t i = 0;
  bool stopped = false;
  while (!stopped && i + 32 <= size) {
    // Batches of at most 254 chunks, so that no byte lane passes 255 and
    // the loops below keep no count of their own; two chunks per step
    // (one test and one branch for both), then the batch's last one.
    const size_t batch_end = i + std::min<size_t>((size - i) / 32, 254) * 32;
    for (; i + 64 <= batch_end; i += 64) {
      const __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i));
      const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i + 32));
      const uint64_t spaces = SpacesAvx2(v0) | uint64_t{SpacesAvx2(v1)} << 32;
      if ((NotProseAvx2(v0) | NotProseAvx2(v1)) | (spaces & ((spaces << 1) | carry))) break;
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), v0);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i + 32), v1);
      carry = spaces >> 63;
      if constexpr (kCount) {
        CountAvx2(v0, continuation_lanes, comma_lanes, high_lanes);
        CountAvx2(v1, continuation_lanes, comma_lanes, high_lanes);
      }
    }
    for (; i < batch_end; i += 32) {  // a pair with non-prose in it, or the last chunk
      const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i));
      const uint32_t spaces = SpacesAvx2(v);
      if (NotProseAvx2(v) | (spaces & ((spaces << 1) | static_cast<uint32_t>(carry)))) {
        stopped = true;
        break;
      }
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), v);
      carry = spaces >> 31;
      if constexpr (kCount) CountAvx2(v, continuation_lanes, comma_lanes, high_lanes);
    }
    if constexpr (kCount) {
      tallies.continuation += SumLanesAvx2(continuation_lanes);
      tallies.commas += SumLanesAvx2(comma_lanes);
      continuation_lanes = comma_lanes = zero;
    }
  }
  if (i == 0) return 0;
  after_space = carry != 0;
  if constexpr (kCount) {  // the lane counts were summed after each batch
    __m128i h =
        _mm_max_epu8(_mm256_castsi256_si128(high_lanes), _mm256_extracti128_si256(high_lanes, 1));
    h = _mm_max_epu8(h, _mm_srli_si128(h, 8));
    h = _mm_max_epu8(h, _mm_srli_si128(h, 4));
    h = _mm_max_epu8(h, _mm_srli_si128(h, 2));
    h = _mm_max_epu8(h, _mm_srli_si128(h, 1));
    tallies.high =
        std::max(tallies.high, static_cast<unsigned char>(_mm_cvtsi128_si32(h) & 0xFF));
  }
  return i;
}
#endif

}  // namespace

void CollapsedText::Append(std::string_view utf8) {
  if (count_) {
    AppendImpl<true>(utf8);
  } else {
    AppendImpl<false>(utf8);
  }
}

template <bool kCount>
void CollapsedText::AppendImpl(std::string_view utf8) {
  // Branch-light: every whitespace byte is written as a space and the
  // output only advances past it when the byte before is no space, so the
  // spaces between words cost no mispredicted branch. Between calls the
  // text never ends with a space (a trailing one is pending_space_).
  const auto* in = reinterpret_cast<const unsigned char*>(utf8.data());
  const unsigned char* const end = in + utf8.size();
#if defined(__SSE2__)
  // A 16-byte chunk is stored whole even when fewer of its bytes are text
  // (the input's last partial chunk): the buffer has this much slack,
  // cut off below.
  constexpr size_t kSlack = 16;
#else
  constexpr size_t kSlack = 0;
#endif
  while (in < end && !full_) {
    // A chunk whose output (at most one byte per input byte, plus the
    // pending space) takes the text just past the cap, so a huge input
    // never grows the buffer far beyond it.
    const size_t room = cap_ + 2 - std::min(size_, cap_ + 1);
    const unsigned char* const stop = in + std::min<size_t>(static_cast<size_t>(end - in), room);
    const size_t old = size_;
    const size_t need = old + static_cast<size_t>(stop - in) + 1 + kSlack;
    if (need > buffer_.size()) buffer_.resize(std::max(need, 2 * buffer_.size()));
    char* const base = buffer_.data();
    char* out = base + old;
    if (pending_space_ && old > 0) {
      *out++ = ' ';
      if constexpr (kCount) verbatim_ = false;  // a space between appends: not in one input
    }
    pending_space_ = false;
    // Last byte written was a space, or nothing is written yet (leading
    // space is dropped).
    bool after_space = out == base || out[-1] == ' ';
    // Counts of the bytes written byte by byte (never a space: spaces are
    // not counted, and a space written is the only byte later dropped).
    ProseTallies tallies;
#if defined(__SSE2__)
    // Counts of the chunks stored whole, in byte lanes: each chunk's
    // compare mask (0xFF, i.e. -1, per hit) is subtracted, and the lanes
    // are summed by _mm_sad_epu8 before any can pass 255.
    __m128i continuation_lanes = _mm_setzero_si128();
    __m128i comma_lanes = _mm_setzero_si128();
    __m128i high_lanes = _mm_setzero_si128();
    unsigned lane_chunks = 0;
    auto sum_lanes = [&] {
      const __m128i c = _mm_sad_epu8(continuation_lanes, _mm_setzero_si128());
      const __m128i k = _mm_sad_epu8(comma_lanes, _mm_setzero_si128());
      tallies.continuation += static_cast<size_t>(_mm_cvtsi128_si32(c)) +
                              static_cast<size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(c, c)));
      tallies.commas += static_cast<size_t>(_mm_cvtsi128_si32(k)) +
                static_cast<size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(k, k)));
      continuation_lanes = comma_lanes = _mm_setzero_si128();
      lane_chunks = 0;
    };
#endif
    while (in < stop) {
      const size_t left = static_cast<size_t>(stop - in);
#if defined(__SSE2__)
      // Sixteen bytes of prose (no byte below 0x20, no 0xC2, no two spaces
      // in a row, no leading space after a space) are copied as they are,
      // two chunks at a time while they are prose (the masks, the test and
      // the pointer steps shared).
      if (left >= 32) {
        const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
        const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 16));
        const __m128i space = _mm_set1_epi8(' ');
        const __m128i control = _mm_set1_epi8(0x1F);
        const __m128i lead = _mm_set1_epi8(static_cast<char>(0xC2));
        const unsigned spaces =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v0, space))) |
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v1, space))) << 16;
        const __m128i bad =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v0, control), v0),
                                      _mm_cmpeq_epi8(v0, lead)),
                         _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v1, control), v1),
                                      _mm_cmpeq_epi8(v1, lead)));
        if (!(static_cast<unsigned>(_mm_movemask_epi8(bad)) |
              (spaces & ((spaces << 1) | static_cast<unsigned>(after_space))))) {
          _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v0);
          _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), v1);
          out += 32;
          in += 32;
          after_space = (spaces >> 31) != 0;
          if constexpr (kCount) {
            const __m128i limit = _mm_set1_epi8(-64);
            const __m128i comma = _mm_set1_epi8(',');
            continuation_lanes = _mm_sub_epi8(
                _mm_sub_epi8(continuation_lanes, _mm_cmplt_epi8(v0, limit)), _mm_cmplt_epi8(v1, limit));
            comma_lanes = _mm_sub_epi8(_mm_sub_epi8(comma_lanes, _mm_cmpeq_epi8(v0, comma)),
                                       _mm_cmpeq_epi8(v1, comma));
            high_lanes = _mm_max_epu8(high_lanes, _mm_max_epu8(v0, v1));
            if ((lane_chunks += 2) >= 254) sum_lanes();
          }
#if defined(NC_HTML_TEXT_AVX2)
          // A run of prose: the rest of it 32 bytes per step with AVX2
          // (tried only after a prose chunk, so text that is mostly
          // whitespace to collapse pays for no call).
          if (kHasAvx2 && stop - in >= 32) {
            const size_t copied =
                CopyProseAvx2<kCount>(in, static_cast<size_t>(stop - in), out, after_space, tallies);
            in += copied;
            out += copied;
          }
#endif
          continue;
        }
      }
      // One chunk. The input's last partial chunk is padded with 'x',
      // which is no space, control or 0xC2 and counts as nothing.
      __m128i v;
      size_t n = 16;
      if (left >= 16) {
        v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
      } else {
        alignas(16) unsigned char tail[16];
        std::memset(tail, 'x', sizeof tail);
        std::memcpy(tail, in, left);
        v = _mm_load_si128(reinterpret_cast<const __m128i*>(tail));
        n = left;
      }
      const unsigned spaces =
          static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
      const __m128i controls = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
      const __m128i c2 = _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xC2)));
      const unsigned bad = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(controls, c2)));
      if (!(bad | (spaces & ((spaces << 1) | static_cast<unsigned>(after_space))))) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);
        out += n;
        in += n;
        after_space = ((spaces >> (n - 1)) & 1) != 0;
        if constexpr (kCount) {
          continuation_lanes =
              _mm_sub_epi8(continuation_lanes, _mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
          comma_lanes = _mm_sub_epi8(comma_lanes, _mm_cmpeq_epi8(v, _mm_set1_epi8(',')));
          high_lanes = _mm_max_epu8(high_lanes, v);
          if (++lane_chunks >= 254) sum_lanes();
        }
        continue;
      }
      // Whitespace to collapse, a control byte or a 0xC2: this chunk byte
      // by byte (a no-break space may end one byte past it).
      const unsigned char* const window = in + std::min<size_t>(left, 16);
#else
      // Prose: eight bytes with no whitespace but single ' ' (none
      // after a space), no control byte and no 0xC2 are copied as they are.
      if constexpr (std::endian::native == std::endian::little) {
        if (left >= 8) {
          uint64_t w;
          std::memcpy(&w, in, 8);
          const uint64_t spaces = ZeroBytes(w ^ (kOnes * ' '));
          const uint64_t controls = ~(((w & kLow7) + kOnes * 0x60) | w) & kHigh;
          const uint64_t c2 = ZeroBytes(w ^ (kOnes * 0xC2));
          if (!(controls | c2 | (spaces & (spaces << 8))) && !(after_space && (spaces & 0x80))) {
            std::memcpy(out, in, 8);
            out += 8;
            in += 8;
            after_space = (spaces >> 63) != 0;
            continue;
          }
        }
      }
      const unsigned char* const window = in + 1;
#endif
      while (in < window) {
        const unsigned char c = *in;
        if (c == 0xC2 && in + 1 < end && in[1] == 0xA0) {  // a no-break space
          *out = ' ';
          out += after_space ? 0 : 1;
          after_space = true;
          in += 2;
          if constexpr (kCount) tallies.changed = true;
          continue;
        }
        const bool space = kIsSpace[c];
        *out = space ? ' ' : static_cast<char>(c);
        out += (space && after_space) ? 0 : 1;
        if constexpr (kCount) {
          // A space dropped, or whitespace other than ' ' written as ' '.
          tallies.changed |= space && (after_space || c != ' ');
          tallies.continuation += (c & 0xC0) == 0x80;
          tallies.commas += c == ',';
          tallies.high = std::max(tallies.high, c);
        }
        after_space = space;
        ++in;
      }
    }
#if defined(__SSE2__)
    if constexpr (kCount) {
      sum_lanes();
      __m128i h = _mm_max_epu8(high_lanes, _mm_srli_si128(high_lanes, 8));
      h = _mm_max_epu8(h, _mm_srli_si128(h, 4));
      h = _mm_max_epu8(h, _mm_srli_si128(h, 2));
      h = _mm_max_epu8(h, _mm_srli_si128(h, 1));
      tallies.high =
          std::max(tallies.high, static_cast<unsigned char>(_mm_cvtsi128_si32(h) & 0xFF));
    }
#endif
    if constexpr (kCount) {
      continuation_ += tallies.continuation;
      ascii_commas_ += tallies.commas;
      high_ = std::max(high_, tallies.high);
      verbatim_ = verbatim_ && !tallies.changed;
    }
    size_ = static_cast<size_t>(out - base);
    if (size_ > 0 && base[size_ - 1] == ' ') {
      --size_;
      pending_space_ = true;
    }
    if (size_ > cap_) {
      size_t cut = cap_;
      while (cut > 0 && (static_cast<unsigned char>(base[cut]) & 0xC0) == 0x80) --cut;
      size_ = cut;
      while (size_ > 0 && base[size_ - 1] == ' ') --size_;
      full_ = true;
      pending_space_ = false;
      if constexpr (kCount) {
        // Rare (a block past the cap): the counts of what is left.
        continuation_ = size_ - Utf8Length(view());
        ascii_commas_ = static_cast<size_t>(std::count(base, base + size_, ','));
      }
      return;
    }
  }
}

std::string CollapsedText::Take() {
  std::string out(buffer_.data(), size_);
  Clear();
  return out;
}

void CollapsedText::Clear() {
  size_ = 0;
  pending_space_ = false;
  full_ = false;
  continuation_ = 0;
  ascii_commas_ = 0;
  high_ = 0;
  verbatim_ = true;
}

namespace {

// ASCII bytes as FoldForMatch writes them: letters lower-cased, digits
// kept, 0 for everything else (a word separator).
constexpr std::array<char, 128> kAsciiFold = [] {
  std::array<char, 128> t{};
  for (char c = 'a'; c <= 'z'; ++c) t[static_cast<unsigned char>(c)] = c;
  for (char c = 'A'; c <= 'Z'; ++c) t[static_cast<unsigned char>(c)] = static_cast<char>(c + 32);
  for (char c = '0'; c <= '9'; ++c) t[static_cast<unsigned char>(c)] = c;
  return t;
}();

}  // namespace

// Runs for every heading and class value of a page: it writes into the
// output's own buffer (never longer than the input: every folded letter
// replaces at least as many bytes, and a space replaces a separator).
void FoldForMatch(std::string_view text, std::string& out) {
  out.resize(text.size());
  char* const begin = out.data();
  char* w = begin;
  bool space = false;
  auto put = [&](char letter) {
    if (space && w != begin) *w++ = ' ';
    space = false;
    *w++ = letter;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (const char folded = kAsciiFold[c]) {
        put(folded);
      } else {
        space = true;
      }
    } else if (c == 0xC3 && i + 1 < text.size() &&
               (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      const std::string_view base = kLatin1Fold[static_cast<unsigned char>(text[i + 1]) - 0x80];
      ++i;
      if (base.empty()) {
        space = true;
      } else {
        put(base[0]);
        if (base.size() > 1) *w++ = base[1];
      }
    } else if (c == 0xC5 && i + 1 < text.size() &&
               (text[i + 1] == '\x92' || text[i + 1] == '\x93')) {
      put('o');
      *w++ = 'e';
      ++i;
    } else {
      space = true;
      // Skip the rest of a multi-byte character.
      while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) ++i;
    }
  }
  out.resize(static_cast<size_t>(w - begin));
}

bool ContainsPhrase(std::string_view words, std::string_view phrase) {
  for (size_t at = words.find(phrase); at != std::string_view::npos;
       at = words.find(phrase, at + 1)) {
    const bool starts = at == 0 || words[at - 1] == ' ';
    const size_t end = at + phrase.size();
    const bool ends = end == words.size() || words[end] == ' ';
    if (starts && ends) return true;
  }
  return false;
}

#if defined(__SSE2__)
namespace {
// Counts of a byte predicate over 16-byte chunks: each chunk's compare mask
// (0xFF per hit, i.e. -1) is subtracted into per-byte counters, which are
// summed by _mm_sad_epu8 before any of them can pass 255. About four
// instructions per 16 bytes, against a movemask and a popcount per chunk
// (there is no popcnt instruction in the x86-64 baseline).
template <typename Hits>
size_t CountChunks(const unsigned char* p, size_t chunks, Hits hits) {
  size_t n = 0;
  while (chunks > 0) {
    const size_t batch = std::min<size_t>(chunks, 255);
    __m128i counters = _mm_setzero_si128();
    for (size_t c = 0; c < batch; ++c, p += 16) {
      counters = _mm_sub_epi8(counters, hits(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
    }
    const __m128i sums = _mm_sad_epu8(counters, _mm_setzero_si128());
    n += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
         static_cast<size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
    chunks -= batch;
  }
  return n;
}
}  // namespace
#endif

size_t Utf8Length(std::string_view text) {
  size_t continuation = 0;
  size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: a continuation byte (0x80..0xBF) is, as a
  // signed byte, below -64.
  const size_t chunks = text.size() / 16;
  continuation =
      CountChunks(reinterpret_cast<const unsigned char*>(text.data()), chunks,
                  [limit = _mm_set1_epi8(-64)](__m128i v) { return _mm_cmplt_epi8(v, limit); });
  i = chunks * 16;
#endif
  // Eight bytes at a time: a continuation byte is 10xxxxxx, i.e. bit 7 set
  // and bit 6 clear (bit 6 shifted left lands on bit 7 of the same byte).
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    // One bit per continuation byte, moved to bit 0 and summed by multiplication
    // (no popcnt instruction needed).
    const uint64_t ones = (w & ~(w << 1) & kHigh) >> 7;
    continuation += static_cast<size_t>((ones * kOnes) >> 56);
  }
  for (; i < text.size(); ++i) {
    continuation += (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  }
  return text.size() - continuation;
}

namespace {

// The multi-byte commas counted starting at p[i]: U+060C (Arabic), U+3001
// and U+FF0C (CJK).
size_t WideCommaAt(const unsigned char* p, size_t i, size_t size) {
  const unsigned char c = p[i];
  if (c == 0xD8) return i + 1 < size && p[i + 1] == 0x8C;
  if (c == 0xE3) return i + 2 < size && p[i + 1] == 0x80 && p[i + 2] == 0x81;
  if (c == 0xEF) return i + 2 < size && p[i + 1] == 0xBC && p[i + 2] == 0x8C;
  return 0;
}

}  // namespace

size_t CountCommas(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t n = 0;
  size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time. A wide comma starts with 0xD8, 0xE3 or 0xEF,
  // rare in most text: the ',' are counted in bulk over the whole run of
  // chunks, and only when one of the lead bytes occurs anywhere are the
  // wide commas counted byte by byte (a lead byte in the last chunk may
  // start a comma that ends past it; WideCommaAt bounds-checks on `size`).
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i d8 = _mm_set1_epi8(static_cast<char>(0xD8));
  const __m128i e3 = _mm_set1_epi8(static_cast<char>(0xE3));
  const __m128i ef = _mm_set1_epi8(static_cast<char>(0xEF));
  const size_t chunks = size / 16;
  __m128i lead = _mm_setzero_si128();
  n = CountChunks(p, chunks, [&](__m128i v) {
    lead =
        _mm_or_si128(lead, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d8), _mm_cmpeq_epi8(v, e3)),
                                        _mm_cmpeq_epi8(v, ef)));
    return _mm_cmpeq_epi8(v, comma);
  });
  i = chunks * 16;
  if (_mm_movemask_epi8(lead) != 0) {
    for (size_t j = 0; j < i; ++j) n += WideCommaAt(p, j, size);
  }
#else
  // Eight bytes at a time; a word holding a lead byte of a wide comma is
  // checked byte by byte.
  for (; i + 8 <= size; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    n += static_cast<size_t>(((ZeroBytes(w ^ (kOnes * ',')) >> 7) * kOnes) >> 56);
    if (ZeroBytes(w ^ (kOnes * 0xD8)) | ZeroBytes(w ^ (kOnes * 0xE3)) |
        ZeroBytes(w ^ (kOnes * 0xEF))) {
      for (size_t j = i; j < i + 8; ++j) n += WideCommaAt(p, j, size);
    }
  }
#endif
  for (; i < size; ++i) n += (p[i] == ',') + WideCommaAt(p, i, size);
  return n;
}

#if defined(__SSE2__)
namespace {
// Whether a lead byte of a wide comma (WideCommaAt) occurs in p[0, size).
bool HasWideCommaLead(const unsigned char* p, size_t size) {
  const __m128i d8 = _mm_set1_epi8(static_cast<char>(0xD8));
  const __m128i e3 = _mm_set1_epi8(static_cast<char>(0xE3));
  const __m128i ef = _mm_set1_epi8(static_cast<char>(0xEF));
  size_t i = 0;
  for (; i + 16 <= size; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i lead = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d8), _mm_cmpeq_epi8(v, e3)),
                                      _mm_cmpeq_epi8(v, ef));
    if (_mm_movemask_epi8(lead) != 0) return true;
  }
  for (; i < size; ++i) {
    if (p[i] == 0xD8 || p[i] == 0xE3 || p[i] == 0xEF) return true;
  }
  return false;
}

// The wide commas in p[0, size): looked for byte by byte only when one of
// their lead bytes occurs.
size_t CountWideCommas(const unsigned char* p, size_t size) {
  size_t n = 0;
  if (HasWideCommaLead(p, size)) {
    for (size_t j = 0; j < size; ++j) n += WideCommaAt(p, j, size);
  }
  return n;
}
}  // namespace
#endif

TextCounts CountCharsAndCommas(std::string_view text) {
#if defined(__SSE2__)
  // The loops of Utf8Length and CountCommas fused: each 16-byte chunk is
  // loaded once and its continuation bytes and ',' go to two sets of byte
  // counters, summed every 255 chunks as in CountChunks. The last partial
  // chunk is copied into a zero-padded one (a zero byte is neither): a
  // block's tail, byte by byte, cost as much as its bulk.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  const __m128i continuation_limit = _mm_set1_epi8(-64);
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i d8 = _mm_set1_epi8(static_cast<char>(0xD8));
  const size_t bulk = size / 16 * 16;
  size_t chunks = size / 16;
  size_t continuation = 0;
  size_t n = 0;
  __m128i high = _mm_setzero_si128();  // bytewise maximum of the text
  const unsigned char* q = p;
  while (chunks > 0) {
    const size_t batch = std::min<size_t>(chunks, 255);
    __m128i cont_counters = _mm_setzero_si128();
    __m128i comma_counters = _mm_setzero_si128();
    for (size_t c = 0; c < batch; ++c, q += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
      cont_counters = _mm_sub_epi8(cont_counters, _mm_cmplt_epi8(v, continuation_limit));
      comma_counters = _mm_sub_epi8(comma_counters, _mm_cmpeq_epi8(v, comma));
      high = _mm_max_epu8(high, v);
    }
    const __m128i cont_sums = _mm_sad_epu8(cont_counters, _mm_setzero_si128());
    const __m128i comma_sums = _mm_sad_epu8(comma_counters, _mm_setzero_si128());
    continuation += static_cast<size_t>(_mm_cvtsi128_si32(cont_sums)) +
                    static_cast<size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(cont_sums, cont_sums)));
    n += static_cast<size_t>(_mm_cvtsi128_si32(comma_sums)) +
         static_cast<size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(comma_sums, comma_sums)));
    chunks -= batch;
  }
  if (size > bulk) {
    alignas(16) unsigned char tail[16] = {};
    std::memcpy(tail, p + bulk, size - bulk);
    const __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(tail));
    continuation += static_cast<size_t>(std::popcount(
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(v, continuation_limit)))));
    n += static_cast<size_t>(
        std::popcount(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)))));
    high = _mm_max_epu8(high, v);
  }
  // Wide commas, rare. Their lead bytes (0xD8, 0xE3, 0xEF) are all at
  // least 0xD8: text without such a byte (most Latin text) has none and
  // costs one max per chunk above. Other text (a typographic apostrophe is
  // E2 80 99) is checked for the exact lead bytes, then byte by byte only
  // when one occurs.
  if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(high, d8), high)) != 0) {
    n += CountWideCommas(p, size);
  }
  return {size - continuation, n};
#else
  return {Utf8Length(text), CountCommas(text)};
#endif
}

TextCounts CollapsedText::counts() const {
#if defined(__SSE2__)
  if (!count_) return CountCharsAndCommas(view());
  TextCounts counts{size_ - continuation_, ascii_commas_};
  // Text with a byte >= 0xD8 may hold wide commas (their lead bytes are
  // 0xD8, 0xE3 and 0xEF): looked for again, as CountCharsAndCommas does.
  if (high_ >= 0xD8) {
    counts.commas +=
        CountWideCommas(reinterpret_cast<const unsigned char*>(buffer_.data()), size_);
  }
  return counts;
#else
  return CountCharsAndCommas(view());
#endif
}

}  // namespace nc
