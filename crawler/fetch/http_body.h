#pragma once
// A Beast body type that keeps at most `limit` bytes of a response body in a
// std::string. Beast's own string_body fails the whole message when
// Content-Length exceeds the limit; the crawler instead keeps the first bytes
// of an over-size page and records it as truncated. When more bytes arrive
// than fit, the reader stops the parser with http::error::body_limit so the
// caller stops reading (and drops the connection, which is mid-message).

#include <algorithm>
#include <cstdint>
#include <string>

#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional/optional.hpp>

namespace nc {

struct CappedStringBody {
  struct value_type {  // NOLINT(readability-identifier-naming): Beast's Body concept names it
    std::string data;
    uint64_t limit = 0;
    bool truncated = false;
  };

  class reader {  // NOLINT(readability-identifier-naming): Beast's Body concept names it
   public:
    template <bool isRequest, class Fields>
    explicit reader(boost::beast::http::header<isRequest, Fields>& /*header*/, value_type& body)
        : body_(body) {}

    void init(const boost::optional<uint64_t>& content_length, boost::beast::error_code& ec) {
      // One allocation for the whole body when its size is announced; a
      // lying Content-Length costs at most `limit` bytes.
      if (content_length) {
        body_.data.reserve(static_cast<size_t>(std::min(*content_length, body_.limit)));
      }
      ec = {};
    }

    template <class ConstBufferSequence>
    size_t put(const ConstBufferSequence& buffers, boost::beast::error_code& ec) {
      size_t consumed = 0;
      for (auto buffer : boost::beast::buffers_range_ref(buffers)) {
        const uint64_t room = body_.limit - body_.data.size();
        const size_t take = static_cast<size_t>(std::min<uint64_t>(room, buffer.size()));
        GrowFor(take);
        body_.data.append(static_cast<const char*>(buffer.data()), take);
        consumed += take;
        if (take < buffer.size()) {
          body_.truncated = true;
          ec = boost::beast::http::error::body_limit;
          return consumed;
        }
      }
      ec = {};
      return consumed;
    }

    void finish(boost::beast::error_code& ec) { ec = {}; }

   private:
    // A body of unannounced length (chunked, or read to the close) grows by
    // doubling, but never past `limit`: std::string alone would take a
    // 16 MiB buffer to hold 10 MiB (max_body_bytes), for every never-ending
    // body in flight. A new string, since reserve() on a non-empty one
    // doubles anyway.
    void GrowFor(size_t more) {
      std::string& data = body_.data;
      if (data.size() + more <= data.capacity()) return;
      const uint64_t wanted = std::max<uint64_t>(data.size() + more, 2 * data.capacity());
      std::string bigger;
      bigger.reserve(static_cast<size_t>(std::min<uint64_t>(wanted, body_.limit)));
      bigger.append(data);
      data.swap(bigger);
    }

    value_type& body_;
  };
};

}  // namespace nc
