#include "crawler/fetch/http_response_reader.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/system/errc.hpp>

namespace nc {
namespace http = boost::beast::http;

namespace {

// A server may send a few 100/103 responses before the real one; more than
// this is a server stuck in a loop.
constexpr int kMaxInterimResponses = 8;

// Every value of a field, joined as RFC 9110 5.3 allows ("a, b").
std::string JoinedField(const http::response_parser<CappedStringBody>::value_type& message,
                        std::string_view name) {
  std::string joined;
  auto range = message.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) {
    if (!joined.empty()) joined += ", ";
    joined.append(it->value().data(), it->value().size());
  }
  return joined;
}

}  // namespace

ResponseReader::ResponseReader(uint64_t max_body) : max_body_(max_body) { Reset(); }

void ResponseReader::Reset() {
  parser_.emplace();
  parser_->header_limit(kMaxResponseHeaderBytes);
  // No Beast body limit: CappedStringBody keeps the first max_body bytes
  // instead of rejecting the message.
  parser_->body_limit(boost::none);
  parser_->get().body().limit = max_body_;
  raw_headers_.clear();
}

size_t ResponseReader::Put(std::string_view input, boost::beast::error_code& ec) {
  ec = {};
  if (!input.empty()) got_some_ = true;
  size_t used = 0;
  while (used < input.size() && !parser_->is_done()) {
    const bool header_was_done = parser_->is_header_done();
    const size_t n =
        parser_->put(boost::asio::const_buffer(input.data() + used, input.size() - used), ec);
    if (!header_was_done && parser_->is_header_done()) {
      // The parser is not eager until here, so it stopped right after the
      // header block: these n bytes are the header exactly as received.
      std::string_view block = input.substr(used, n);
      if (block.size() >= 4 && block.substr(block.size() - 4) == "\r\n\r\n") {
        block.remove_suffix(2);  // the empty line ending the block
      }
      raw_headers_.assign(block);
      used += n;
      const unsigned status = parser_->get().result_int();
      if (!ec && status >= 100 && status < 200 && status != 101) {
        if (++interim_responses_ > kMaxInterimResponses) {
          ec = boost::system::errc::make_error_code(boost::system::errc::protocol_error);
          return used;
        }
        Reset();
        continue;
      }
      // Let the body (all chunks) be consumed in one call.
      parser_->eager(true);
    } else {
      used += n;
    }
    if (ec == http::error::need_more) {
      ec = {};
      break;
    }
    if (ec || n == 0) break;
  }
  return used;
}

void ResponseReader::PutEof(boost::beast::error_code& ec) {
  ec = {};
  if (!got_some_) {
    ec = http::error::end_of_stream;
  } else if (parser_->is_done()) {
    // Complete already; the close just ends the connection.
  } else if (!parser_->got_some()) {
    ec = http::error::partial_message;  // closed after an interim response
  } else {
    parser_->put_eof(ec);
  }
}

ParsedResponse ResponseReader::Take() {
  auto& message = parser_->get();
  ParsedResponse response;
  response.status = message.result_int();
  response.raw_headers = std::move(raw_headers_);
  response.content_type = JoinedField(message, "Content-Type");
  response.content_encoding = JoinedField(message, "Content-Encoding");
  response.location = JoinedField(message, "Location");
  response.retry_after = JoinedField(message, "Retry-After");
  response.x_robots_tag = JoinedField(message, "X-Robots-Tag");
  response.etag = JoinedField(message, "ETag");
  response.last_modified = JoinedField(message, "Last-Modified");
  response.body = std::move(message.body().data);
  response.truncated = message.body().truncated;
  // 101 would switch protocols, which was never asked for: drop the connection.
  response.keep_alive =
      parser_->is_done() && !response.truncated && response.status != 101 && parser_->keep_alive();
  return response;
}

}  // namespace nc
