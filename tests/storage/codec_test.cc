#include "storage/codec.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace nc::storage::codec {
namespace {

// Writes `values` with `put` and expects `get` to read them all back, in
// order, with nothing left over.
template <class T>
void ExpectRoundTrip(const std::vector<T>& values, void (*put)(std::string*, T),
                     T (Decoder::*get)()) {
  std::string buf;
  for (T v : values) put(&buf, v);
  Decoder d(buf);
  for (T v : values) EXPECT_EQ((d.*get)(), v);
  EXPECT_TRUE(d.Finish("test").ok());
}

TEST(CodecTest, VarintRoundTripsAtEveryBoundary) {
  std::vector<uint64_t> values = {0,
                                  1,
                                  127,
                                  128,
                                  255,
                                  300,
                                  16383,
                                  16384,
                                  (1ull << 32) - 1,
                                  1ull << 32,
                                  (1ull << 63),
                                  std::numeric_limits<uint64_t>::max()};
  ExpectRoundTrip(values, PutVarint64, &Decoder::Varint64);
}

TEST(CodecTest, VarintUsesOneByteBelow128AndTenForMax) {
  std::string small, large;
  PutVarint64(&small, 127);
  PutVarint64(&large, std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(small.size(), 1u);
  EXPECT_EQ(large.size(), kMaxVarint64Bytes);
}

TEST(CodecTest, SignedVarintRoundTripsNegatives) {
  std::vector<int64_t> values = {
      0, -1, 1, -64, 64, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
  ExpectRoundTrip(values, PutSignedVarint64, &Decoder::SignedVarint64);
}

TEST(CodecTest, BigEndianKeysSortNumerically) {
  std::string a, b, c;
  PutFixed64BE(&a, 255);
  PutFixed64BE(&b, 256);
  PutFixed64BE(&c, 1ull << 40);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_EQ(DecodeFixed64BE(c.data()), 1ull << 40);
  std::string d32;
  PutFixed32BE(&d32, 0x01020304);
  EXPECT_EQ(d32, std::string("\x01\x02\x03\x04", 4));
  EXPECT_EQ(DecodeFixed32BE(d32.data()), 0x01020304u);
}

TEST(CodecTest, LengthPrefixedRoundTripsBinary) {
  std::string buf;
  std::string binary("a\0b\xff", 4);
  PutLengthPrefixed(&buf, binary);
  PutLengthPrefixed(&buf, "");
  Decoder d(buf);
  EXPECT_EQ(d.LengthPrefixed(), binary);
  EXPECT_EQ(d.LengthPrefixed(), "");
  EXPECT_TRUE(d.Finish("test").ok());
}

TEST(CodecTest, TruncatedVarintIsAnError) {
  std::string buf;
  PutVarint64(&buf, 1ull << 40);
  buf.pop_back();
  Decoder d(buf);
  EXPECT_EQ(d.Varint64(), 0u);
  Status s = d.Finish("pages value");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store.corrupt");
  EXPECT_NE(s.error().message.find("pages value: truncated varint"), std::string::npos)
      << s.error().message;
}

TEST(CodecTest, OverlongVarintIsAnError) {
  std::string buf(11, '\xff');
  Decoder d(buf);
  d.Varint64();
  EXPECT_FALSE(d.ok());
  // Ten bytes whose last carries more than bit 63.
  std::string ten(9, '\xff');
  ten.push_back('\x02');
  Decoder d2(ten);
  d2.Varint64();
  EXPECT_FALSE(d2.Finish("x").ok());
}

TEST(CodecTest, Varint32RejectsLargerValues) {
  std::string buf;
  PutVarint64(&buf, 1ull << 32);
  Decoder d(buf);
  d.Varint32();
  EXPECT_FALSE(d.Finish("x").ok());
}

TEST(CodecTest, LengthPastTheEndIsAnErrorNotARead) {
  std::string buf;
  PutVarint64(&buf, 1000);  // claims 1000 bytes
  buf += "short";
  Decoder d(buf);
  EXPECT_EQ(d.LengthPrefixed(), "");
  Status s = d.Finish("x");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("runs past the end"), std::string::npos) << s.error().message;
}

TEST(CodecTest, HugeLengthDoesNotOverflowTheBoundsCheck) {
  std::string buf;
  PutVarint64(&buf, std::numeric_limits<uint64_t>::max());
  buf += "abc";
  Decoder d(buf);
  EXPECT_EQ(d.LengthPrefixed(), "");
  EXPECT_FALSE(d.ok());
}

TEST(CodecTest, TrailingBytesAreAnError) {
  std::string buf;
  PutVarint64(&buf, 5);
  buf += "zz";
  Decoder d(buf);
  EXPECT_EQ(d.Varint64(), 5u);
  Status s = d.Finish("x");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("trailing"), std::string::npos);
}

TEST(CodecTest, FailureIsStickyAndLaterReadsReturnZero) {
  Decoder d("");
  EXPECT_EQ(d.Byte(), 0);
  EXPECT_EQ(d.Varint64(), 0u);
  EXPECT_EQ(d.Rest(), "");
  EXPECT_FALSE(d.ok());
}

TEST(CodecTest, EveryTruncationOfAValidRecordFailsCleanly) {
  std::string buf;
  buf.push_back('\x01');
  PutVarint64(&buf, 123456789);
  PutSignedVarint64(&buf, -42);
  PutLengthPrefixed(&buf, "content-type");
  PutFixed64BE(&buf, 99);
  for (size_t n = 0; n < buf.size(); ++n) {
    Decoder d(std::string_view(buf).substr(0, n));
    d.Byte();
    d.Varint64();
    d.SignedVarint64();
    d.LengthPrefixed();
    d.Fixed64BE();
    EXPECT_FALSE(d.Finish("x").ok()) << "prefix of " << n << " bytes";
  }
}

}  // namespace
}  // namespace nc::storage::codec
