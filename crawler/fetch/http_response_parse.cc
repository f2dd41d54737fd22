#include "crawler/fetch/http_response_parse.h"

#include <boost/beast/http/error.hpp>

#include "crawler/fetch/http_response_reader.h"

namespace nc {

Result<ParsedResponse> ParseHttpResponse(std::string_view bytes, uint64_t max_body) {
  namespace http = boost::beast::http;
  ResponseReader reader(max_body);
  boost::beast::error_code ec;
  reader.Put(bytes, ec);
  if (!ec && !reader.done()) reader.PutEof(ec);  // the bytes are all the server sent
  if (reader.truncated()) return reader.Take();
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) {
    return MakeError("http.incomplete", "http: " + ec.message());
  }
  if (ec) return MakeError("http.protocol", "http: " + ec.message());
  return reader.Take();
}

}  // namespace nc
