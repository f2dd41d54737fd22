#pragma once
// RFC 4648 base32 and base64url encoders: WARC digests ("sha1:" + base32,
// storage/export_warc.cc) and NATS keys and JWTs (base32 and base64url
// without padding, the secured-NATS test helpers). The two differ only in
// alphabet and letter width. Encoding only: nothing here reads outside
// input. Pure, any thread.

#include <cstdint>
#include <string>
#include <string_view>

namespace nc::rfc4648 {

enum class Padding { kNone, kPad };  // kPad: '=' up to a whole block (RFC 4648 section 3.2)

// `alphabet` has 2^bits_per_letter letters (5: base32, 6: base64).
inline std::string Encode(std::string_view bytes, std::string_view alphabet, int bits_per_letter,
                          Padding padding) {
  const uint32_t mask = (1u << bits_per_letter) - 1;
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (const unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= bits_per_letter) {
      out.push_back(alphabet[(buffer >> (bits - bits_per_letter)) & mask]);
      bits -= bits_per_letter;
    }
  }
  if (bits > 0) out.push_back(alphabet[(buffer << (bits_per_letter - bits)) & mask]);
  if (padding == Padding::kPad) {
    // A block is the fewest whole bytes that are whole letters: 40 bits
    // (8 letters) in base32, 24 (4 letters) in base64.
    const size_t block_letters = bits_per_letter == 5 ? 8 : 4;
    while (out.size() % block_letters != 0) out.push_back('=');
  }
  return out;
}

inline std::string Base32(std::string_view bytes, Padding padding) {
  return Encode(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 5, padding);
}

inline std::string Base64Url(std::string_view bytes, Padding padding) {
  return Encode(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 6,
                padding);
}

}  // namespace nc::rfc4648
