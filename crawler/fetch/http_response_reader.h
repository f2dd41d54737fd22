#pragma once
// Incremental HTTP/1.1 response parsing on top of Beast's response_parser,
// shared by HttpClient (fed from the socket) and ParseHttpResponse (fed from
// memory). Keeps the raw header block, skips interim 1xx responses, and caps
// the body (CappedStringBody). One reader per response; not thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/parser.hpp>

#include "crawler/fetch/http_body.h"
#include "crawler/fetch/http_response_parse.h"

namespace nc {

class ResponseReader {
 public:
  explicit ResponseReader(uint64_t max_body);

  // Parses a prefix of `input` and returns how many bytes were used; the
  // rest must be offered again with more data appended. Sets `ec` to a
  // Beast parse error; running out of input is not an error. After the body
  // cap is hit, truncated() is true and `ec` is http::error::body_limit.
  size_t Put(std::string_view input, boost::beast::error_code& ec);
  // The peer closed the connection: completes a body delimited by the close,
  // or sets `ec` (end_of_stream when nothing was received, partial_message).
  void PutEof(boost::beast::error_code& ec);

  bool done() const { return parser_->is_done(); }
  bool got_some() const { return got_some_; }
  bool truncated() const { return parser_->get().body().truncated; }

  // The response so far; call once, when done() or truncated().
  ParsedResponse Take();

 private:
  void Reset();

  uint64_t max_body_;
  std::optional<boost::beast::http::response_parser<CappedStringBody>> parser_;
  std::string raw_headers_;
  int interim_responses_ = 0;
  bool got_some_ = false;
};

}  // namespace nc
