#include "crawler/extract/content_decoding.h"

#include <brotli/encode.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace nc {
namespace {

using ::testing::HasSubstr;

enum class Wrap { kGzip, kZlib, kRaw };

std::string Compress(std::string_view data, Wrap wrap) {
  const int window_bits = wrap == Wrap::kGzip   ? 16 + MAX_WBITS
                          : wrap == Wrap::kZlib ? MAX_WBITS
                                                : -MAX_WBITS;
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Brotli(std::string_view data) {
  std::string out(BrotliEncoderMaxCompressedSize(data.size()) + 16, '\0');
  size_t size = out.size();
  EXPECT_EQ(BrotliEncoderCompress(9, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                                  reinterpret_cast<const uint8_t*>(data.data()), &size,
                                  reinterpret_cast<uint8_t*>(out.data())),
            BROTLI_TRUE);
  out.resize(size);
  return out;
}

// Decodes `bomb` (16 MiB packed into less than 32 KiB) as `coding` with
// max_bytes 1 MiB, and expects it cut there without a buffer grown past the
// bound; what was decoded (empty when decoding failed).
DecodedBody ExpectBombCutAtOneMiB(std::string_view coding, const std::string& bomb) {
  EXPECT_LT(bomb.size(), 32u << 10);
  auto decoded = DecodeContent(coding, bomb, 1 << 20);
  EXPECT_TRUE(decoded.ok()) << decoded.error().message;
  if (!decoded.ok()) return {};
  EXPECT_TRUE(decoded->truncated);
  EXPECT_EQ(decoded->bytes.size(), 1u << 20);
  EXPECT_LE(decoded->bytes.capacity(), (1u << 20) + 64);
  return std::move(*decoded);
}

std::string Text() {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "<p>Article " + std::to_string(i) + ": Lire aussi</p>\n";
  return text;
}

constexpr uint64_t kMax = 1 << 20;

TEST(ContentDecodingTest, IdentityMovesTheBodyWithoutCopy) {
  std::string body = Text();
  const char* data = body.data();
  auto decoded = DecodeContent("", std::move(body), kMax);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->bytes.data(), data);
  EXPECT_FALSE(decoded->truncated);

  auto identity = DecodeContent("identity", Text(), kMax);
  ASSERT_TRUE(identity.ok());
  EXPECT_EQ(identity->bytes, Text());
}

TEST(ContentDecodingTest, GzipIsDecoded) {
  for (const char* name : {"gzip", "x-gzip", "GZIP", " gzip "}) {
    auto decoded = DecodeContent(name, Compress(Text(), Wrap::kGzip), kMax);
    ASSERT_TRUE(decoded.ok()) << name << ": " << decoded.error().message;
    EXPECT_EQ(decoded->bytes, Text()) << name;
    EXPECT_FALSE(decoded->truncated);
  }
}

TEST(ContentDecodingTest, ConcatenatedGzipMembersAreAllDecoded) {
  auto decoded = DecodeContent(
      "gzip", Compress("first ", Wrap::kGzip) + Compress("second", Wrap::kGzip), kMax);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->bytes, "first second");
}

TEST(ContentDecodingTest, GarbageAfterGzipStreamIsIgnored) {
  auto decoded = DecodeContent("gzip", Compress("page", Wrap::kGzip) + std::string(8, '\0'), kMax);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->bytes, "page");
}

TEST(ContentDecodingTest, DeflateAcceptsZlibWrappedAndRaw) {
  auto zlib = DecodeContent("deflate", Compress(Text(), Wrap::kZlib), kMax);
  ASSERT_TRUE(zlib.ok()) << zlib.error().message;
  EXPECT_EQ(zlib->bytes, Text());

  auto raw = DecodeContent("deflate", Compress(Text(), Wrap::kRaw), kMax);
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  EXPECT_EQ(raw->bytes, Text());
}

TEST(ContentDecodingTest, StackedEncodingsAreRemovedInReverseOrder) {
  // "deflate, gzip": deflate was applied first, then gzip.
  std::string body = Compress(Compress(Text(), Wrap::kZlib), Wrap::kGzip);
  auto decoded = DecodeContent("deflate, gzip", body, kMax);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->bytes, Text());

  auto twice =
      DecodeContent("gzip,gzip", Compress(Compress(Text(), Wrap::kGzip), Wrap::kGzip), kMax);
  ASSERT_TRUE(twice.ok()) << twice.error().message;
  EXPECT_EQ(twice->bytes, Text());
}

TEST(ContentDecodingTest, UnknownEncodingIsError) {
  auto decoded = DecodeContent("zstd", "whatever", kMax);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, "content.unsupported_encoding");
  EXPECT_EQ(decoded.error().message, "content: unsupported encoding 'zstd'");
}

TEST(ContentDecodingTest, BrotliIsDecoded) {
  for (const char* name : {"br", "BR", " br "}) {
    auto decoded = DecodeContent(name, Brotli(Text()), kMax);
    ASSERT_TRUE(decoded.ok()) << name << ": " << decoded.error().message;
    EXPECT_EQ(decoded->bytes, Text()) << name;
    EXPECT_FALSE(decoded->truncated);
    EXPECT_EQ(decoded->consumed_bytes, Brotli(Text()).size());
  }
  // Stacked under gzip: removed in reverse order of the list.
  auto stacked = DecodeContent("br, gzip", Compress(Brotli(Text()), Wrap::kGzip), kMax);
  ASSERT_TRUE(stacked.ok()) << stacked.error().message;
  EXPECT_EQ(stacked->bytes, Text());
}

TEST(ContentDecodingTest, CorruptBrotliIsErrorNamingTheEncoding) {
  std::string body = Brotli(Text());
  for (size_t i = 2; i < body.size(); i += 3) body[i] = static_cast<char>(body[i] ^ 0x5a);
  auto decoded = DecodeContent("br", body, kMax);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, "content.corrupt");
  EXPECT_THAT(decoded.error().message, ::testing::StartsWith("content: br: "));

  auto plain = DecodeContent("br", "<html>plain</html>", kMax);
  ASSERT_FALSE(plain.ok());
  EXPECT_THAT(plain.error().message, ::testing::StartsWith("content: br: "));
}

TEST(ContentDecodingTest, TruncatedBrotliIsErrorUnlessTheNetworkCutIt) {
  std::string body = Brotli(Text());
  body.resize(body.size() / 2);
  auto decoded = DecodeContent("br", body, kMax);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().message, "content: br: unexpected end of stream");

  auto cut = DecodeContent("br", body, kMax, /*input_truncated=*/true);
  ASSERT_TRUE(cut.ok()) << cut.error().message;
  EXPECT_TRUE(cut->truncated);
  EXPECT_EQ(Text().compare(0, cut->bytes.size(), cut->bytes), 0);
}

// The hostile suite's brotli bomb: the same bound as gzip's, and the ratio
// of what was decoded marks it (crawler/page_processor.cc).
TEST(ContentDecodingTest, BrotliBombIsBoundedByMaxBytes) {
  const DecodedBody decoded = ExpectBombCutAtOneMiB("br", Brotli(std::string(16 << 20, ' ')));
  ASSERT_GT(decoded.consumed_bytes, 0u);
  EXPECT_GE(decoded.bytes.size() / decoded.consumed_bytes, 100u);
}

TEST(ContentDecodingTest, BrotliOutputOfExactlyMaxBytesIsNotTruncated) {
  const std::string text = Text();
  auto decoded = DecodeContent("br", Brotli(text), text.size());
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_FALSE(decoded->truncated);
  EXPECT_EQ(decoded->bytes, text);

  auto one_less = DecodeContent("br", Brotli(text), text.size() - 1);
  ASSERT_TRUE(one_less.ok()) << one_less.error().message;
  EXPECT_TRUE(one_less->truncated);
  EXPECT_EQ(one_less->bytes, text.substr(0, text.size() - 1));
}

TEST(ContentDecodingTest, CorruptGzipIsErrorNamingTheEncoding) {
  std::string body = Compress(Text(), Wrap::kGzip);
  for (size_t i = 10; i < 40; ++i) body[i] = static_cast<char>(body[i] ^ 0x5a);
  auto decoded = DecodeContent("gzip", body, kMax);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, "content.corrupt");
  EXPECT_THAT(decoded.error().message, ::testing::StartsWith("content: gzip: "));
}

TEST(ContentDecodingTest, NotCompressedAtAllIsError) {
  auto decoded = DecodeContent("gzip", "<html>plain</html>", kMax);
  ASSERT_FALSE(decoded.ok());
  EXPECT_THAT(decoded.error().message, HasSubstr("gzip"));
}

TEST(ContentDecodingTest, TruncatedStreamIsError) {
  std::string body = Compress(Text(), Wrap::kGzip);
  body.resize(body.size() / 2);
  auto decoded = DecodeContent("gzip", body, kMax);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().message, "content: gzip: unexpected end of stream");

  auto deflate = DecodeContent("deflate", Compress(Text(), Wrap::kZlib).substr(0, 20), kMax);
  ASSERT_FALSE(deflate.ok());
  EXPECT_THAT(deflate.error().message, HasSubstr("deflate"));
}

TEST(ContentDecodingTest, BodyCutByTheNetworkDecodesItsPrefix) {
  std::string body = Compress(Text(), Wrap::kGzip);
  body.resize(body.size() / 2);
  auto decoded = DecodeContent("gzip", body, kMax, /*input_truncated=*/true);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_TRUE(decoded->truncated);
  EXPECT_FALSE(decoded->bytes.empty());
  EXPECT_EQ(Text().compare(0, decoded->bytes.size(), decoded->bytes), 0);
}

TEST(ContentDecodingTest, DecompressionBombIsBoundedByMaxBytes) {
  // 16 MiB of zeros compresses to ~16 KiB.
  ExpectBombCutAtOneMiB("gzip", Compress(std::string(16 << 20, '\0'), Wrap::kGzip));
}

// The bomb's ratio is judged on what was decoded: cut at 1 MiB, a 16 MiB
// bomb has used about a sixteenth of its body (the hostile suite's gzip bomb
// was stored as a plain truncated page when the whole body was counted).
TEST(ContentDecodingTest, BombCutAtMaxBytesSaysHowMuchOfTheBodyItUsed) {
  const std::string zeros(16 << 20, '\0');
  const std::string bomb = Compress(zeros, Wrap::kGzip);
  auto decoded = DecodeContent("gzip", bomb, 1 << 20);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_GT(decoded->consumed_bytes, 0u);
  EXPECT_LT(decoded->consumed_bytes, bomb.size() / 4);
  EXPECT_GE(decoded->bytes.size() / decoded->consumed_bytes, 100u);

  const std::string text = "<p>Un article court.</p>";
  auto whole = DecodeContent("gzip", Compress(text, Wrap::kGzip), 1 << 20);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->consumed_bytes, Compress(text, Wrap::kGzip).size());
  auto identity = DecodeContent("", text, 1 << 20);
  ASSERT_TRUE(identity.ok());
  EXPECT_EQ(identity->consumed_bytes, text.size());
}

TEST(ContentDecodingTest, OutputOfExactlyMaxBytesIsNotTruncated) {
  const std::string text = Text();
  auto decoded = DecodeContent("deflate", Compress(text, Wrap::kZlib), text.size());
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_FALSE(decoded->truncated);
  EXPECT_EQ(decoded->bytes, text);

  auto one_less = DecodeContent("deflate", Compress(text, Wrap::kZlib), text.size() - 1);
  ASSERT_TRUE(one_less.ok()) << one_less.error().message;
  EXPECT_TRUE(one_less->truncated);
  EXPECT_EQ(one_less->bytes, text.substr(0, text.size() - 1));
}

TEST(ContentDecodingTest, IdentityOverMaxBytesIsTruncated) {
  auto decoded = DecodeContent("identity", "0123456789", 4);
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(decoded->truncated);
  EXPECT_EQ(decoded->bytes, "0123");
}

TEST(ContentDecodingTest, EmptyBodyWithEncodingIsEmpty) {
  auto decoded = DecodeContent("gzip", "", kMax);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_TRUE(decoded->bytes.empty());
}

}  // namespace
}  // namespace nc
