// CompressBody / DecompressBody: zstd frames of page bodies. Compression
// runs on crawler worker threads, decompression in readers; each thread
// keeps its own zstd context because creating one per call costs more than
// compressing a typical 50 KB page.

#include "storage/body_codec.h"

#include <zstd.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>

namespace nc::storage {
namespace {

struct CCtxDeleter {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DCtxDeleter {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

ZSTD_CCtx* ThreadCCtx() {
  thread_local std::unique_ptr<ZSTD_CCtx, CCtxDeleter> cctx(ZSTD_createCCtx());
  return cctx.get();
}

ZSTD_DCtx* ThreadDCtx() {
  thread_local std::unique_ptr<ZSTD_DCtx, DCtxDeleter> dctx(ZSTD_createDCtx());
  return dctx.get();
}

Error ZstdError(std::string_view what, size_t code) {
  return MakeError("body.corrupt", "zstd: " + std::string(what) + ": " + ZSTD_getErrorName(code));
}

Result<std::string> StreamDecompress(ZSTD_DCtx* dctx, std::string_view frame, uint64_t max_bytes) {
  ZSTD_DCtx_reset(dctx, ZSTD_reset_session_only);
  std::string out;
  out.resize(std::min<size_t>(std::max<size_t>(ZSTD_DStreamOutSize(), frame.size() * 4),
                              std::max<uint64_t>(max_bytes, 1)));
  ZSTD_inBuffer in{frame.data(), frame.size(), 0};
  size_t produced = 0;
  size_t ret = 1;
  while (in.pos < in.size || ret != 0) {
    if (produced == out.size()) {
      if (out.size() >= max_bytes) {
        return MakeError("body.too_large",
                         "zstd: body exceeds " + std::to_string(max_bytes) + " bytes");
      }
      out.resize(std::min<size_t>(out.size() * 2, max_bytes));
    }
    ZSTD_outBuffer o{out.data(), out.size(), produced};
    ret = ZSTD_decompressStream(dctx, &o, &in);
    if (ZSTD_isError(ret)) return ZstdError("decompress", ret);
    produced = o.pos;
    // All input consumed and room left, yet the frame is not finished.
    if (ret != 0 && in.pos == in.size && produced < out.size()) {
      return MakeError("body.corrupt", "zstd: truncated frame");
    }
  }
  out.resize(produced);
  return out;
}

}  // namespace

std::string CompressBody(std::string_view body, int level) {
  if (body.empty()) return {};
  // Compress into a per-thread scratch buffer and copy out the frame: sizing
  // the result for the worst case would zero (and fault in) ~50 KB per page
  // only to shrink it to the ~10 KB frame. The scratch keeps the size of the
  // largest body seen (at most max_body_bytes) per worker thread.
  thread_local std::string scratch;
  const size_t bound = ZSTD_compressBound(body.size());
  if (scratch.size() < bound) scratch.resize(bound);
  ZSTD_CCtx* cctx = ThreadCCtx();
  ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
  // A checksum lets DecompressBody reject a damaged body instead of
  // returning wrong bytes; XXH64 costs a few µs per 50 KB page.
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
  size_t n = ZSTD_compress2(cctx, scratch.data(), bound, body.data(), body.size());
  // With a ZSTD_compressBound buffer only allocation can fail: resource
  // exhaustion we cannot handle.
  if (ZSTD_isError(n)) std::abort();
  return std::string(scratch.data(), n);
}

Result<std::string> DecompressBody(std::string_view frame, uint64_t max_bytes) {
  if (frame.empty()) return std::string();
  unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR) {
    return MakeError("body.corrupt", "zstd: not a zstd frame");
  }
  ZSTD_DCtx* dctx = ThreadDCtx();
  if (size == ZSTD_CONTENTSIZE_UNKNOWN) return StreamDecompress(dctx, frame, max_bytes);
  if (size > max_bytes) {
    return MakeError("body.too_large", "zstd: frame declares " + std::to_string(size) +
                                           " bytes, more than the " +
                                           std::to_string(max_bytes) + " allowed");
  }
  std::string out;
  out.resize(size);
  size_t n = ZSTD_decompressDCtx(dctx, out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(n)) return ZstdError("decompress", n);
  if (n != size) {
    return MakeError("body.corrupt", "zstd: frame declares " + std::to_string(size) +
                                         " bytes but holds " + std::to_string(n));
  }
  return out;
}

}  // namespace nc::storage
