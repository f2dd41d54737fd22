#pragma once
// Byte encodings of store keys and values: LEB128 varints, zigzag for signed
// numbers, length-prefixed strings, and big-endian fixed-width integers for
// keys (so that LMDB's bytewise order is numeric order).
//
// Decoder reads untrusted bytes (a store file may be damaged or foreign):
// every read is bounds-checked, and the first failure is sticky and reported
// by Finish() as an Error ("truncated varint at byte 3 of 5"), never UB.
// Pure functions, safe from any thread.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace nc::storage::codec {

inline constexpr size_t kMaxVarint64Bytes = 10;

void PutVarint64(std::string* dst, uint64_t v);
void PutSignedVarint64(std::string* dst, int64_t v);  // zigzag
void PutFixed32BE(std::string* dst, uint32_t v);
void PutFixed64BE(std::string* dst, uint64_t v);
void PutLengthPrefixed(std::string* dst, std::string_view s);  // varint length + bytes

// Callers check `size >= 4` / `size >= 8`.
uint32_t DecodeFixed32BE(const char* p);
uint64_t DecodeFixed64BE(const char* p);

inline uint64_t ZigZagEncode(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t ZigZagDecode(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

class Decoder {
 public:
  explicit Decoder(std::string_view input) : input_(input) {}

  // Each read returns 0 / "" once the decoder has failed.
  uint8_t Byte();
  uint64_t Varint64();
  uint32_t Varint32();  // fails when the value does not fit 32 bits
  int64_t SignedVarint64();
  uint64_t Fixed64BE();
  std::string_view LengthPrefixed();
  std::string_view Bytes(size_t n);
  std::string_view Rest();  // everything not read yet

  bool ok() const { return error_ == nullptr; }
  size_t remaining() const { return input_.size() - pos_; }
  // OK when every read succeeded and every byte was read. The Error (code
  // "store.corrupt") starts with `what`: "pages value of url id 7: ...".
  Status Finish(std::string_view what) const;

 private:
  void Fail(const char* reason);

  std::string_view input_;
  size_t pos_ = 0;
  const char* error_ = nullptr;  // first failure, a static string
  size_t error_pos_ = 0;
};

// The two directions of one field list. A value's fields are written once, as
// a template over the visitor (`template <class Io, class V> void XFields(Io&
// io, V& v)`), and run with a FieldWriter to encode and a FieldReader to
// decode, so that encoder and decoder cannot drift apart (schema.cc).
class FieldWriter {
 public:
  explicit FieldWriter(std::string* out) : out_(out) {}
  template <std::unsigned_integral T>
  void Unsigned(const T& v) {
    PutVarint64(out_, v);
  }
  void Signed(const int64_t& v) { PutSignedVarint64(out_, v); }
  void String(std::string_view v) { PutLengthPrefixed(out_, v); }

 private:
  std::string* out_;
};

class FieldReader {
 public:
  explicit FieldReader(Decoder* decoder) : decoder_(decoder) {}
  void Unsigned(uint64_t& v) { v = decoder_->Varint64(); }
  void Unsigned(uint32_t& v) { v = decoder_->Varint32(); }  // fails when it does not fit
  void Signed(int64_t& v) { v = decoder_->SignedVarint64(); }
  void String(std::string& v) { v = std::string(decoder_->LengthPrefixed()); }

 private:
  Decoder* decoder_;
};

// A whole value that is its field list (after an optional format byte):
// `fields` is a generic callable `(auto& io, auto& v)`.
template <typename V, typename Fields>
std::string EncodeFields(const V& v, Fields fields, std::optional<uint8_t> format = {}) {
  std::string out;
  if (format) out.push_back(static_cast<char>(*format));
  FieldWriter writer(&out);
  fields(writer, v);
  return out;
}

// Decodes what EncodeFields wrote. Errors start with `what` ("watch value:
// unknown format 3"); a value with a format byte other than `format` is one.
template <typename V, typename Fields>
Result<V> DecodeFields(std::string_view bytes, std::string_view what, Fields fields,
                       std::optional<uint8_t> format = {}) {
  Decoder decoder(bytes);
  const uint8_t found_format = format ? decoder.Byte() : 0;
  V v;
  FieldReader reader(&decoder);
  fields(reader, v);
  if (Status s = decoder.Finish(what); !s) return s.error();
  if (format && found_format != *format) {
    return MakeError("store.corrupt",
                     std::string(what) + ": unknown format " + std::to_string(found_format));
  }
  return v;
}

}  // namespace nc::storage::codec
