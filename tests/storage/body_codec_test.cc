// CompressBody / DecompressBody: zstd frames of page bodies.

#include <gtest/gtest.h>
#include <zstd.h>

#include <random>
#include <string>

#include "storage/body_codec.h"

namespace nc::storage {
namespace {

std::string SampleHtml(size_t bytes) {
  std::string html;
  while (html.size() < bytes) html += "<li><a href=\"/article/123\">Un titre d'article</a></li>\n";
  html.resize(bytes);
  return html;
}

TEST(BodyCodecTest, RoundTripsAPage) {
  std::string html = SampleHtml(50'000);
  std::string frame = CompressBody(html, 3);
  EXPECT_LT(frame.size(), html.size() / 4);
  Result<std::string> back = DecompressBody(frame);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, html);
}

TEST(BodyCodecTest, EmptyBodyIsEmptyFrame) {
  EXPECT_EQ(CompressBody("", 3), "");
  Result<std::string> back = DecompressBody("");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, "");
}

TEST(BodyCodecTest, GarbageIsRejected) {
  Result<std::string> back = DecompressBody("this is not zstd");
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code, "body.corrupt");
}

TEST(BodyCodecTest, CorruptedFrameIsRejected) {
  std::string html = SampleHtml(20'000);
  std::string frame = CompressBody(html, 3);
  // Flip bytes in the compressed blocks (after the header), keep the size.
  for (size_t i = 20; i < frame.size(); i += 7) frame[i] = static_cast<char>(frame[i] ^ 0x5a);
  Result<std::string> back = DecompressBody(frame);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code, "body.corrupt");
}

TEST(BodyCodecTest, SingleFlippedBitIsCaughtByTheChecksum) {
  std::string html = SampleHtml(20'000);
  std::string frame = CompressBody(html, 3);
  for (size_t i = 6; i < frame.size(); i += 1 + frame.size() / 16) {
    std::string damaged = frame;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x01);
    Result<std::string> back = DecompressBody(damaged);
    EXPECT_FALSE(back.ok() && *back != html) << "byte " << i << " decoded to other bytes";
  }
}

TEST(BodyCodecTest, TruncatedFrameIsRejected) {
  std::string frame = CompressBody(SampleHtml(20'000), 3);
  for (size_t keep : {frame.size() - 1, frame.size() / 2, size_t{6}}) {
    Result<std::string> back = DecompressBody(std::string_view(frame).substr(0, keep));
    EXPECT_FALSE(back.ok()) << "kept " << keep << " of " << frame.size();
  }
}

// Streams written without a content size (e.g. by a streaming compressor).
std::string CompressWithoutSize(std::string_view body) {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0);
  std::string out(ZSTD_compressBound(body.size()) + 64, '\0');
  ZSTD_outBuffer o{out.data(), out.size(), 0};
  ZSTD_inBuffer in{body.data(), body.size(), 0};
  size_t left = ZSTD_compressStream2(cctx, &o, &in, ZSTD_e_end);
  EXPECT_EQ(left, 0u);
  ZSTD_freeCCtx(cctx);
  out.resize(o.pos);
  return out;
}

TEST(BodyCodecTest, FrameWithoutContentSizeIsStreamDecompressed) {
  std::mt19937 rng(7);
  std::string body = SampleHtml(300'000);
  for (size_t i = 0; i < body.size(); i += 97) body[i] = static_cast<char>(rng());
  std::string frame = CompressWithoutSize(body);
  ASSERT_EQ(ZSTD_getFrameContentSize(frame.data(), frame.size()), ZSTD_CONTENTSIZE_UNKNOWN);
  Result<std::string> back = DecompressBody(frame);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, body);
}

TEST(BodyCodecTest, TruncatedFrameWithoutContentSizeIsRejected) {
  std::string frame = CompressWithoutSize(SampleHtml(100'000));
  ASSERT_EQ(ZSTD_getFrameContentSize(frame.data(), frame.size()), ZSTD_CONTENTSIZE_UNKNOWN);
  Result<std::string> back = DecompressBody(std::string_view(frame).substr(0, frame.size() - 3));
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code, "body.corrupt");
}

TEST(BodyCodecTest, FrameClaimingTwoGigabytesIsRefusedBeforeAllocating) {
  // Frame header: magic, descriptor (8-byte content size, single segment), size 2^31.
  std::string frame("\x28\xb5\x2f\xfd\xe0", 5);
  uint64_t size = uint64_t{1} << 31;
  for (int i = 0; i < 8; ++i) frame.push_back(static_cast<char>((size >> (8 * i)) & 0xff));
  frame += std::string("\x01\x00\x00", 3);  // a last raw block, empty
  ASSERT_EQ(ZSTD_getFrameContentSize(frame.data(), frame.size()), size);
  Result<std::string> back = DecompressBody(frame);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code, "body.too_large");
}

}  // namespace
}  // namespace nc::storage
