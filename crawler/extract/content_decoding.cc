#include "crawler/extract/content_decoding.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

#include "common/ascii.h"

namespace nc {
namespace {

enum class Coding { kIdentity, kGzip, kDeflate };

// Room reserved for the first output step: enough for typical HTML
// compression ratios so most pages need one or two reallocations.
constexpr size_t kRatioGuess = 4;
constexpr size_t kMinOutput = 4096;
// zlib counts in uInt: feed and fill at most this much per call.
constexpr size_t kMaxZlibStep = std::numeric_limits<uInt>::max();

// RFC 9110 8.4: a comma-separated list, applied in the order listed.
Result<std::vector<Coding>> ParseCodings(std::string_view header) {
  std::vector<Coding> codings;
  while (!header.empty()) {
    size_t comma = header.find(',');
    const std::string_view token = ascii::TrimHttpSpace(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (token.empty()) continue;
    const std::string name = ascii::ToLower(token);
    if (name == "gzip" || name == "x-gzip") {
      codings.push_back(Coding::kGzip);
    } else if (name == "deflate") {
      codings.push_back(Coding::kDeflate);
    } else if (name != "identity") {
      return MakeError("content.unsupported_encoding",
                       "content: unsupported encoding '" + std::string(token) + "'");
    }
  }
  return codings;
}

const char* CodingName(Coding coding) {
  return coding == Coding::kGzip ? "gzip" : coding == Coding::kDeflate ? "deflate" : "identity";
}

// RFC 1950 2.2: CM = 8 and the 16-bit header is a multiple of 31. Servers
// labelling raw deflate (RFC 1951) as "deflate" are common, and browsers
// accept both, so the header decides which one this is.
bool HasZlibHeader(std::string_view in) {
  if (in.size() < 2) return false;
  auto b0 = static_cast<unsigned char>(in[0]);
  auto b1 = static_cast<unsigned char>(in[1]);
  return (b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0;
}

// Owns a z_stream: inflateEnd runs however decoding ends.
class Inflater {
 public:
  Inflater() = default;
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  ~Inflater() {
    if (initialized_) inflateEnd(&stream_);
  }

  int Init(int window_bits) {
    int rc = inflateInit2(&stream_, window_bits);
    initialized_ = rc == Z_OK;
    return rc;
  }
  z_stream& stream() { return stream_; }

 private:
  z_stream stream_{};
  bool initialized_ = false;
};

Error CorruptError(Coding coding, const z_stream& stream, int rc) {
  std::string reason = stream.msg != nullptr ? stream.msg : zError(rc);
  return MakeError("content.corrupt",
                   std::string("content: ") + CodingName(coding) + ": " + reason);
}

// Resizes `s` to `size` with capacity exactly `size` when it must grow:
// std::string would double its capacity, and the output bound is meant to
// bound memory, not only length.
void GrowTo(std::string& s, size_t size) {
  if (size > s.capacity()) {
    std::string bigger;
    bigger.reserve(size);
    bigger.append(s);
    s.swap(bigger);
  }
  s.resize(size);
}

// Inflates `in` into at most `max_bytes` bytes. When `input_cut` is set the
// input is known to be a prefix (the body was truncated), so running out of
// input yields what was decoded, marked truncated, instead of an error.
Result<DecodedBody> Inflate(Coding coding, std::string_view in, uint64_t max_bytes,
                            bool input_cut) {
  // 32 + MAX_WBITS: gzip or zlib, detected from the header (some servers send
  // zlib under "gzip"); -MAX_WBITS: raw deflate.
  int window_bits = coding == Coding::kGzip ? 32 + MAX_WBITS
                    : HasZlibHeader(in)     ? MAX_WBITS
                                            : -MAX_WBITS;
  Inflater inflater;
  if (inflater.Init(window_bits) != Z_OK) {
    return MakeError("content.zlib",
                     std::string("content: ") + CodingName(coding) + ": cannot initialise zlib");
  }
  z_stream& zs = inflater.stream();

  const size_t limit =
      static_cast<size_t>(std::min<uint64_t>(max_bytes, std::numeric_limits<size_t>::max() / 2));
  DecodedBody out;
  GrowTo(out.bytes, std::min(limit, std::max(kMinOutput, in.size() * kRatioGuess)));
  size_t produced = 0;

  auto next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  size_t in_left = in.size();
  bool ended = false;
  for (;;) {
    if (produced == out.bytes.size()) {
      if (produced >= limit) break;
      GrowTo(out.bytes, std::min(limit, out.bytes.size() * 2));
    }
    zs.next_in = next_in;
    zs.avail_in = static_cast<uInt>(std::min(in_left, kMaxZlibStep));
    zs.next_out = reinterpret_cast<Bytef*>(out.bytes.data() + produced);
    zs.avail_out = static_cast<uInt>(std::min(out.bytes.size() - produced, kMaxZlibStep));
    const uInt in_before = zs.avail_in;
    const uInt out_before = zs.avail_out;
    int rc = inflate(&zs, Z_NO_FLUSH);
    in_left -= in_before - zs.avail_in;
    next_in = zs.next_in;
    produced += out_before - zs.avail_out;

    if (rc == Z_STREAM_END) {
      // RFC 1952 2.2: a gzip file may hold several members; decode them all.
      // Anything else after the end (padding, garbage) is ignored, as browsers do.
      std::string_view rest(reinterpret_cast<const char*>(next_in), in_left);
      if (coding == Coding::kGzip && HasGzipMagic(rest)) {
        if (inflateReset(&zs) != Z_OK) return CorruptError(coding, zs, rc);
        continue;
      }
      ended = true;
      break;
    }
    if (rc == Z_NEED_DICT || rc == Z_DATA_ERROR || rc == Z_STREAM_ERROR || rc == Z_MEM_ERROR) {
      return CorruptError(coding, zs, rc == Z_NEED_DICT ? Z_DATA_ERROR : rc);
    }
    // Z_OK or Z_BUF_ERROR: stop when no input is left and zlib has nothing
    // buffered that more output room would release.
    if (in_left == 0 && zs.avail_out != 0) break;
  }

  if (!ended) {
    if (produced >= limit && limit == out.bytes.size()) {
      // Output is full. Ask for one more byte to tell "exactly max_bytes" from
      // "more than max_bytes": a bomb stops here after at most max_bytes.
      char probe = 0;
      zs.next_out = reinterpret_cast<Bytef*>(&probe);
      zs.avail_out = 1;
      zs.next_in = next_in;
      zs.avail_in = static_cast<uInt>(std::min(in_left, kMaxZlibStep));
      int rc = inflate(&zs, Z_NO_FLUSH);
      // Two branches mark truncation, apart because their order matters: a
      // stream end or a corrupt stream is reported before a cut input is.
      // NOLINTNEXTLINE(bugprone-branch-clone)
      if (zs.avail_out == 0) {
        out.truncated = true;
      } else if (rc == Z_STREAM_END) {
        ended = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return CorruptError(coding, zs, rc);
      } else if (input_cut) {
        out.truncated = true;
      } else {
        return MakeError("content.corrupt", std::string("content: ") + CodingName(coding) +
                                                ": unexpected end of stream");
      }
    } else if (input_cut) {
      out.truncated = true;
    } else {
      return MakeError("content.corrupt", std::string("content: ") + CodingName(coding) +
                                              ": unexpected end of stream");
    }
  }
  out.bytes.resize(produced);
  out.consumed_bytes = in.size() - in_left;
  return out;
}

}  // namespace

Result<DecodedBody> DecodeContent(std::string_view content_encoding, std::string body,
                                  uint64_t max_bytes) {
  return DecodeContent(content_encoding, std::move(body), max_bytes, /*input_truncated=*/false);
}

Result<DecodedBody> DecodeContent(std::string_view content_encoding, std::string body,
                                  uint64_t max_bytes, bool input_truncated) {
  auto codings = ParseCodings(content_encoding);
  if (!codings.ok()) return codings.error();

  DecodedBody current;
  current.bytes = std::move(body);
  current.truncated = input_truncated;
  current.consumed_bytes = current.bytes.size();
  // A 204, 304 or empty 200 may still carry the header: nothing to decode.
  if (current.bytes.empty()) return current;

  // Codings were applied in the order listed, so they come off in reverse.
  std::reverse(codings->begin(), codings->end());
  const uint64_t received = current.bytes.size();
  bool outermost = true;
  uint64_t consumed = received;
  for (const Coding coding : *codings) {
    auto decoded = Inflate(coding, current.bytes, max_bytes, current.truncated);
    if (!decoded.ok()) return decoded.error();
    current = std::move(decoded).value();
    // Of the received bytes, only the outermost coding's input counts.
    if (outermost) consumed = current.consumed_bytes;
    outermost = false;
    if (current.bytes.empty()) break;
  }
  current.consumed_bytes = consumed;
  if (codings->empty() && current.bytes.size() > max_bytes) {
    current.bytes.resize(static_cast<size_t>(max_bytes));
    current.truncated = true;
  }
  return current;
}

bool HasGzipMagic(std::string_view body) {
  return body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0x1f &&
         static_cast<unsigned char>(body[1]) == 0x8b;
}

}  // namespace nc
