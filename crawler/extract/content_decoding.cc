#include "crawler/extract/content_decoding.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <vector>

#include "common/ascii.h"
#include "common/enum_table.h"

namespace nc {
namespace {

enum class Coding { kIdentity, kGzip, kDeflate, kBrotli };

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
    } else if (name == "br") {  // RFC 7932, requested since Accept-Encoding lists it
      codings.push_back(Coding::kBrotli);
    } else if (name != "identity") {
      return MakeError("content.unsupported_encoding",
                       "content: unsupported encoding '" + std::string(token) + "'");
    }
  }
  return codings;
}

const char* CodingName(Coding coding) {
  static constexpr auto kNames = MakeEnumNames<Coding>({{Coding::kIdentity, "identity"},
                                                        {Coding::kGzip, "gzip"},
                                                        {Coding::kDeflate, "deflate"},
                                                        {Coding::kBrotli, "br"}});
  return kNames.Get(coding, "identity");
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

Error EndOfStreamError(Coding coding) {
  return MakeError("content.corrupt",
                   std::string("content: ") + CodingName(coding) + ": unexpected end of stream");
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

// A decoder's output, bounded by max_bytes: it starts from a guess at the
// inflation ratio and doubles (GrowTo) until the limit, so that a bomb
// stops after at most max_bytes of output and memory, however small its input.
class BoundedOutput {
 public:
  BoundedOutput(uint64_t max_bytes, size_t input_size)
      : limit_(static_cast<size_t>(
            std::min<uint64_t>(max_bytes, std::numeric_limits<size_t>::max() / 2))) {
    GrowTo(bytes_, std::min(limit_, std::max(kMinOutput, input_size * kRatioGuess)));
  }

  // Makes room for more output: false when the output is full at the limit.
  bool MakeRoom() {
    if (produced_ < bytes_.size()) return true;
    if (produced_ >= limit_) return false;
    GrowTo(bytes_, std::min(limit_, bytes_.size() * 2));
    return true;
  }
  char* next() { return bytes_.data() + produced_; }
  size_t room() const { return bytes_.size() - produced_; }
  void Produced(size_t n) { produced_ += n; }

  // Whether decoding stopped at the limit: then one more byte tells
  // "exactly max_bytes" from "more than max_bytes".
  bool FullAtLimit() const { return produced_ >= limit_ && limit_ == bytes_.size(); }

  DecodedBody Finish(bool truncated, size_t consumed_bytes) {
    bytes_.resize(produced_);
    return DecodedBody{std::move(bytes_), truncated, consumed_bytes};
  }

 private:
  const size_t limit_;
  std::string bytes_;
  size_t produced_ = 0;
};

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

  BoundedOutput out(max_bytes, in.size());
  auto next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  size_t in_left = in.size();
  bool ended = false;
  bool truncated = false;
  while (out.MakeRoom()) {
    zs.next_in = next_in;
    zs.avail_in = static_cast<uInt>(std::min(in_left, kMaxZlibStep));
    zs.next_out = reinterpret_cast<Bytef*>(out.next());
    zs.avail_out = static_cast<uInt>(std::min(out.room(), kMaxZlibStep));
    const uInt in_before = zs.avail_in;
    const uInt out_before = zs.avail_out;
    int rc = inflate(&zs, Z_NO_FLUSH);
    in_left -= in_before - zs.avail_in;
    next_in = zs.next_in;
    out.Produced(out_before - zs.avail_out);

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
    if (out.FullAtLimit()) {
      // Ask for one more byte: a bomb stops here after at most max_bytes.
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
        truncated = true;
      } else if (rc == Z_STREAM_END) {
        ended = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return CorruptError(coding, zs, rc);
      } else if (input_cut) {
        truncated = true;
      } else {
        return EndOfStreamError(coding);
      }
    } else if (input_cut) {
      truncated = true;
    } else {
      return EndOfStreamError(coding);
    }
  }
  return out.Finish(truncated, in.size() - in_left);
}

using BrotliState = std::unique_ptr<BrotliDecoderState, decltype(&BrotliDecoderDestroyInstance)>;

// Decodes brotli (RFC 7932) into at most `max_bytes` bytes, with the same
// output bound, growth and end-of-input rules as Inflate: a bomb stops after
// at most max_bytes of output, however small its input.
Result<DecodedBody> DecodeBrotli(std::string_view in, uint64_t max_bytes, bool input_cut) {
  BrotliState state(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr),
                    &BrotliDecoderDestroyInstance);
  if (!state) return MakeError("content.brotli", "content: br: cannot initialise the decoder");
  auto corrupt = [&state] {
    return MakeError("content.corrupt",
                     std::string("content: br: ") +
                         BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get())));
  };

  BoundedOutput out(max_bytes, in.size());
  const auto* next_in = reinterpret_cast<const uint8_t*>(in.data());
  size_t in_left = in.size();
  bool ended = false;
  bool truncated = false;
  while (out.MakeRoom()) {
    auto* next_out = reinterpret_cast<uint8_t*>(out.next());
    const size_t room = out.room();
    size_t out_left = room;
    const BrotliDecoderResult rc = BrotliDecoderDecompressStream(state.get(), &in_left, &next_in,
                                                                 &out_left, &next_out, nullptr);
    out.Produced(room - out_left);
    if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
      ended = true;  // bytes after the stream's end are ignored, as for gzip
      break;
    }
    if (rc == BROTLI_DECODER_RESULT_ERROR) return corrupt();
    if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) break;
    // BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: grow (or stop at the limit).
  }

  if (!ended) {
    if (out.FullAtLimit()) {
      uint8_t probe = 0;
      uint8_t* probe_out = &probe;
      size_t probe_left = 1;
      const BrotliDecoderResult rc = BrotliDecoderDecompressStream(
          state.get(), &in_left, &next_in, &probe_left, &probe_out, nullptr);
      // Apart because their order matters, as in Inflate.
      // NOLINTNEXTLINE(bugprone-branch-clone)
      if (probe_left == 0) {
        truncated = true;
      } else if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
        ended = true;
      } else if (rc == BROTLI_DECODER_RESULT_ERROR) {
        return corrupt();
      } else if (input_cut) {
        truncated = true;
      } else {
        return EndOfStreamError(Coding::kBrotli);
      }
    } else if (input_cut) {
      truncated = true;
    } else {
      return EndOfStreamError(Coding::kBrotli);
    }
  }
  return out.Finish(truncated, in.size() - in_left);
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
    auto decoded = coding == Coding::kBrotli
                       ? DecodeBrotli(current.bytes, max_bytes, current.truncated)
                       : Inflate(coding, current.bytes, max_bytes, current.truncated);
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
