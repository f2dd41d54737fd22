#include "storage/codec.h"

namespace nc::storage::codec {

void PutVarint64(std::string* dst, uint64_t v) {
  char buf[kMaxVarint64Bytes];
  size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  dst->append(buf, n);
}

void PutSignedVarint64(std::string* dst, int64_t v) { PutVarint64(dst, ZigZagEncode(v)); }

void PutFixed32BE(std::string* dst, uint32_t v) {
  char buf[4];
  for (int i = 3; i >= 0; --i, v >>= 8) buf[i] = static_cast<char>(v & 0xff);
  dst->append(buf, 4);
}

void PutFixed64BE(std::string* dst, uint64_t v) {
  char buf[8];
  for (int i = 7; i >= 0; --i, v >>= 8) buf[i] = static_cast<char>(v & 0xff);
  dst->append(buf, 8);
}

void PutLengthPrefixed(std::string* dst, std::string_view s) {
  PutVarint64(dst, s.size());
  dst->append(s);
}

uint32_t DecodeFixed32BE(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

uint64_t DecodeFixed64BE(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

void Decoder::Fail(const char* reason) {
  if (error_ != nullptr) return;
  error_ = reason;
  error_pos_ = pos_;
  pos_ = input_.size();
}

uint8_t Decoder::Byte() {
  if (error_ != nullptr) return 0;
  if (pos_ >= input_.size()) {
    Fail("truncated: byte expected");
    return 0;
  }
  return static_cast<uint8_t>(input_[pos_++]);
}

uint64_t Decoder::Varint64() {
  if (error_ != nullptr) return 0;
  uint64_t v = 0;
  for (size_t i = 0; i < kMaxVarint64Bytes; ++i) {
    if (pos_ >= input_.size()) {
      Fail("truncated varint");
      return 0;
    }
    auto b = static_cast<uint8_t>(input_[pos_++]);
    // The tenth byte may only carry the top bit of a 64-bit value.
    if (i == kMaxVarint64Bytes - 1 && b > 1) {
      Fail("varint overflows 64 bits");
      return 0;
    }
    v |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) return v;
  }
  Fail("varint overflows 64 bits");
  return 0;
}

uint32_t Decoder::Varint32() {
  uint64_t v = Varint64();
  if (v > UINT32_MAX) {
    Fail("varint overflows 32 bits");
    return 0;
  }
  return static_cast<uint32_t>(v);
}

int64_t Decoder::SignedVarint64() { return ZigZagDecode(Varint64()); }

uint64_t Decoder::Fixed64BE() {
  std::string_view b = Bytes(8);
  return b.size() == 8 ? DecodeFixed64BE(b.data()) : 0;
}

std::string_view Decoder::Bytes(size_t n) {
  if (error_ != nullptr) return {};
  if (n > input_.size() - pos_) {
    Fail("truncated: length runs past the end");
    return {};
  }
  std::string_view out = input_.substr(pos_, n);
  pos_ += n;
  return out;
}

std::string_view Decoder::LengthPrefixed() {
  uint64_t n = Varint64();
  if (error_ != nullptr) return {};
  return Bytes(n);
}

std::string_view Decoder::Rest() { return Bytes(remaining()); }

Status Decoder::Finish(std::string_view what) const {
  if (error_ == nullptr && pos_ == input_.size()) return Status::Ok();
  std::string message(what);
  message += ": ";
  if (error_ != nullptr) {
    message += error_;
    message += " at byte " + std::to_string(error_pos_);
  } else {
    message += std::to_string(input_.size() - pos_) + " unexpected trailing bytes at byte " +
               std::to_string(pos_);
  }
  message += " of " + std::to_string(input_.size());
  return MakeError("store.corrupt", std::move(message));
}

}  // namespace nc::storage::codec
