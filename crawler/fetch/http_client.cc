#include "crawler/fetch/http_client.h"

#include "crawler/fetch/http_client_impl.h"

namespace nc {

const char* FetchErrorName(FetchError error) {
  static constexpr auto kNames = MakeEnumNames<FetchError>({
      {FetchError::kNone, "none"}, {FetchError::kInvalidUrl, "invalid_url"},
      {FetchError::kDns, "dns"}, {FetchError::kConnect, "connect"}, {FetchError::kTls, "tls"},
      {FetchError::kTimeout, "timeout"}, {FetchError::kProtocol, "protocol"},
      {FetchError::kConnectionLost, "connection_lost"}, {FetchError::kCancelled, "cancelled"},
      {FetchError::kPrivateAddress, "private-address"}});
  return kNames.Get(error, "unknown");
}

HttpClient::Impl::Impl(asio::any_io_executor executor_in, HttpClientOptions options_in,
                       const Clock& clock_in)
    : executor(std::move(executor_in)),
      options(std::move(options_in)),
      clock(clock_in),
      connect_timeout(FromSeconds(options.connect_timeout_seconds)),
      read_timeout(FromSeconds(options.read_timeout_seconds)),
      total_timeout(FromSeconds(options.total_timeout_seconds)),
      budget(options.max_open_connections),
      pool(options.max_idle_connections, kIdleMaxAge, options.max_idle_tls_connections) {
  if (!options.user_agent.empty()) {
    request_tail = "User-Agent: " + StripCrLf(options.user_agent) + "\r\n";
  }
  request_tail += kAccept;
  request_tail += "Accept-Encoding: gzip, deflate, br\r\nConnection: keep-alive\r\n\r\n";

  for (const ResolveOverride& entry : options.resolve) {
    std::string_view address = entry.address;
    if (address.size() >= 2 && address.front() == '[' && address.back() == ']') {
      address = address.substr(1, address.size() - 2);
    }
    error_code ec;
    auto parsed = asio::ip::make_address(address, ec);
    if (ec) continue;  // ValidateConfig rejects these; nothing useful to map to
    std::string host = entry.host;
    ascii::LowerInPlace(host);
    overrides.emplace(OverrideKey(host, entry.port), parsed);
    override_hosts.insert(std::move(host));
  }
}

ssl::context* HttpClient::Impl::TlsContext() {
  if (!tls_context_tried) {
    tls_context_tried = true;
    auto context = MakeTlsClientContext(options.ca_file, options.verify_tls);
    if (context.ok()) {
      tls_context = std::move(context).value();
    } else {
      tls_setup_error = context.error().message;
    }
  }
  return tls_context.get();
}

asio::awaitable<FetchResult> HttpClient::Impl::Get(std::string url, std::string extra_headers) {
  FetchResult result;
  result.started = clock.Now();
  result.started_wall_ms = clock.WallMillis();
  try {
    co_await Fetch(url, extra_headers, result);
  } catch (const boost::system::system_error& e) {
    // Failures come back as values; Asio throws only when the caller's
    // coroutine was cancelled through its cancellation slot.
    const bool cancelled = e.code() == asio::error::operation_aborted;
    Fail(result, cancelled ? FetchError::kCancelled : FetchError::kConnectionLost, e.what());
  }
  if (shut_down && result.error != FetchError::kNone && result.error != FetchError::kCancelled) {
    // Shutdown closed the socket under this request (the close may land
    // between two steps, so the step sees a closed descriptor, not an abort).
    result.error = FetchError::kCancelled;
    result.reason = FailureReason::kCancelled;
    result.error_detail = "cancelled: client shut down (" + result.error_detail + ")";
  }
  if (result.error != FetchError::kNone) {
    result.body.clear();
    result.truncated = false;
  }
  result.finished = clock.Now();
  result.finished_wall_ms = clock.WallMillis();
  co_return result;
}

std::string HttpClient::Impl::BuildRequest(const HttpTarget& target,
                                           const std::string& extra_headers) const {
  std::string request;
  request.reserve(32 + target.target.size() + target.host_header.size() + extra_headers.size() +
                  request_tail.size());
  request.append("GET ").append(target.target).append(" HTTP/1.1\r\nHost: ");
  request.append(target.host_header).append("\r\n").append(extra_headers).append(request_tail);
  return request;
}

asio::awaitable<void> HttpClient::Impl::Fetch(std::string_view url,
                                              const std::string& extra_headers,
                                              FetchResult& result) {
  auto parsed = ParseHttpTarget(url);
  if (!parsed.ok()) {
    Fail(result, FetchError::kInvalidUrl, parsed.error().message);
    co_return;
  }
  const HttpTarget& target = *parsed;
  if (shut_down) {
    Fail(result, FetchError::kCancelled, "cancelled: client shut down");
    co_return;
  }
  if (target.https && TlsContext() == nullptr) {
    Fail(result, FetchError::kTls, tls_setup_error);
    co_return;
  }
  Deadlines deadlines(total_timeout);
  const std::string request = BuildRequest(target, extra_headers);

  // At most two attempts: the second only when a pooled connection turned
  // out to be closed by the server before it answered.
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::unique_ptr<HttpConnection> connection;
    if (attempt == 0) connection = pool.Take(target.origin, clock.Now());
    const bool reused = connection != nullptr;
    if (!reused) {
      connection = co_await Connect(target, deadlines, result);
      if (connection == nullptr) co_return;
    }
    InUse registration(in_use, connection.get());
    result.reused_connection = reused;
    const Exchanged outcome = co_await Exchange(*connection, reused, request, deadlines, result);
    if (outcome == Exchanged::kStale) continue;
    if (outcome == Exchanged::kKeepAlive && !shut_down) {
      pool.Put(std::move(connection), clock.Now());
      budget.WakeOne();  // a waiter may close it to make room
    }
    co_return;
  }
}

asio::awaitable<std::unique_ptr<HttpConnection>> HttpClient::Impl::Connect(const HttpTarget& target,
                                                                           Deadlines& deadlines,
                                                                           FetchResult& result) {
  std::vector<tcp::endpoint> endpoints = co_await Endpoints(target, deadlines, result);
  if (endpoints.empty()) co_return nullptr;
  // Checked on the very list handed to async_connect below, so the address
  // connected to is one checked here (no second lookup to rebind).
  if (!options.allow_private_networks && !override_hosts.contains(target.host)) {
    const std::vector<std::string> refused = RemoveNonPublicEndpoints(endpoints);
    if (endpoints.empty()) {
      std::string addresses;
      for (const std::string& item : refused) addresses += (addresses.empty() ? "" : ", ") + item;
      Fail(result, FetchError::kPrivateAddress,
           HostPort(target) + " resolves only to non-public addresses: " + addresses +
               " (allowed with --resolve for the host, or allow_private_networks)");
      co_return nullptr;
    }
  }
  if (!co_await WaitForRoom(deadlines, result)) co_return nullptr;

  auto connection = std::make_unique<HttpConnection>(
      executor, target.https ? tls_context.get() : nullptr, target.origin);
  connection->slot = budget.Take();  // no suspension since WaitForRoom: still room
  InUse registration(in_use, connection.get());
  // connect_timeout covers TCP and TLS together.
  const auto connect_end = deadlines.Until(connect_timeout);
  connection->Tcp().expires_at(connect_end);
  auto [ec, endpoint] = co_await connection->Tcp().async_connect(endpoints, kAsTuple);
  if (ec) {
    if (FailIfTimedOutOrCancelled(ec, "connect", FailureReason::kConnectTimeout, deadlines,
                                  result)) {
      co_return nullptr;
    }
    std::string where = HostPort(target);
    if (endpoints.front().address().to_string() != target.host) {
      where += " (" + endpoints.front().address().to_string() + ")";
    }
    const bool refused = ec == asio::error::connection_refused;
    Fail(result, FetchError::kConnect, "connect " + where + ": " + ec.message(),
         refused ? FailureReason::kConnectRefused : FailureReason::kConnectError);
    if (refused) {
      result.host_failure = HostFailure::kConnectionRefused;
    }
    co_return nullptr;
  }
  if (!target.https) co_return connection;

  SSL* ssl_handle = connection->tls->native_handle();
  if (!PrepareTlsClient(ssl_handle, target.host, target.host_is_ip, options.verify_tls)) {
    Fail(result, FetchError::kTls,
         "tls " + HostPort(target) + ": cannot set the expected peer name");
    co_return nullptr;
  }
  connection->Tcp().expires_at(connect_end);
  auto [handshake_ec] =
      co_await connection->tls->async_handshake(ssl::stream_base::client, kAsTuple);
  if (handshake_ec) {
    if (!FailIfTimedOutOrCancelled(handshake_ec, "tls handshake", FailureReason::kConnectTimeout,
                                   deadlines, result)) {
      Fail(result, FetchError::kTls,
           "tls " + HostPort(target) + ": " + TlsErrorDetail(handshake_ec, ssl_handle));
    }
    co_return nullptr;
  }
  co_return connection;
}

asio::awaitable<bool> HttpClient::Impl::WaitForRoom(Deadlines& deadlines, FetchResult& result) {
  while (budget.Full()) {
    // An idle connection is only a saving for later; a request waiting now
    // matters more. Its socket is closed before the new one is opened.
    if (pool.CloseOldest()) continue;
    // Every open socket carries a request: wait for one to end (the crawl
    // engine never gets here, as it keeps requests in flight under the cap).
    asio::steady_timer timer(executor);
    timer.expires_at(deadlines.Until(connect_timeout));
    // Unregistered however this frame ends (even destroyed while suspended,
    // with its io_context), so the budget never wakes a dead timer.
    struct Waiting {
      ConnectionBudget& budget;
      asio::steady_timer* timer;
      ~Waiting() { budget.RemoveWaiter(timer); }
    } waiting{budget, &timer};
    budget.AddWaiter(&timer);
    auto [ec] = co_await timer.async_wait(kAsTuple);
    if (shut_down) {
      Fail(result, FetchError::kCancelled, "cancelled: client shut down");
      co_return false;
    }
    if (!ec) {
      Fail(result, FetchError::kTimeout,
           deadlines.Detail("waiting for a connection (max_open_connections " +
                            std::to_string(budget.max_open()) + " in use)"),
           deadlines.Reason(FailureReason::kConnectTimeout));
      co_return false;
    }
  }
  co_return true;
}

void HttpClient::Impl::NetworkFailure(HttpConnection& connection, const error_code& ec,
                                      std::string_view step, bool got_some,
                                      const Deadlines& deadlines, FetchResult& result) const {
  const FailureReason timeout_reason =
      got_some ? FailureReason::kIdleTimeout : FailureReason::kFirstByteTimeout;
  if (FailIfTimedOutOrCancelled(ec, step, timeout_reason, deadlines, result)) return;
  if (IsTlsError(ec)) {
    const SSL* ssl_handle = connection.tls ? connection.tls->native_handle() : nullptr;
    Fail(result, FetchError::kTls,
         "tls " + std::string(step) + ": " + TlsErrorDetail(ec, ssl_handle));
  } else {
    Fail(result, FetchError::kConnectionLost,
         "connection lost during " + std::string(step) + ": " + ec.message());
  }
}

asio::awaitable<Exchanged> HttpClient::Impl::Exchange(HttpConnection& connection, bool reused,
                                                      const std::string& request,
                                                      Deadlines& deadlines, FetchResult& result) {
  deadlines.Arm(connection.Tcp(), read_timeout);
  result.request = request;
  if (connection.peer_address.empty()) {
    error_code endpoint_ec;
    const tcp::endpoint peer = connection.Tcp().socket().remote_endpoint(endpoint_ec);
    if (!endpoint_ec) connection.peer_address = peer.address().to_string();
  }
  result.peer_address = connection.peer_address;
  error_code write_ec;
  if (connection.tls) {
    std::tie(write_ec, std::ignore) =
        co_await asio::async_write(*connection.tls, asio::buffer(request), kAsTuple);
  } else {
    std::tie(write_ec, std::ignore) =
        co_await asio::async_write(*connection.plain, asio::buffer(request), kAsTuple);
  }
  if (write_ec) {
    if (reused && IsPeerGone(write_ec)) co_return Exchanged::kStale;
    NetworkFailure(connection, write_ec, "write", false, deadlines, result);
    co_return Exchanged::kFailed;
  }

  ResponseReader reader(options.max_body_bytes);
  beast::flat_buffer& buffer = connection.buffer;
  error_code read_ec;
  for (;;) {
    if (buffer.size() > 0) {
      const auto data = buffer.data();
      error_code parse_ec;
      const size_t used = reader.Put(
          std::string_view(static_cast<const char*>(data.data()), data.size()), parse_ec);
      buffer.consume(used);
      if (reader.done() || reader.truncated()) break;
      if (parse_ec) {
        const bool too_large = parse_ec == http::error::header_limit ||
                               parse_ec == http::error::body_limit ||
                               parse_ec == http::error::buffer_overflow;
        Fail(result, FetchError::kProtocol, "http: " + parse_ec.message(),
             too_large ? FailureReason::kTooLarge : FailureReason::kProtocolError);
        co_return Exchanged::kFailed;
      }
      if (buffer.size() > kMaxBufferedBytes) {
        Fail(result, FetchError::kProtocol, "http: response element too large",
             FailureReason::kTooLarge);
        co_return Exchanged::kFailed;
      }
    }
    if (read_ec) break;
    // read_timeout is the longest wait without progress, so it is re-armed per read.
    deadlines.Arm(connection.Tcp(), read_timeout);
    size_t received = 0;
    if (connection.tls) {
      std::tie(read_ec, received) =
          co_await connection.tls->async_read_some(buffer.prepare(kReadChunk), kAsTuple);
    } else {
      std::tie(read_ec, received) =
          co_await connection.plain->async_read_some(buffer.prepare(kPlainReadChunk), kAsTuple);
    }
    ++socket_reads;
    buffer.commit(received);
    if (received == 0 && !read_ec) read_ec = asio::error::eof;
  }

  if (!reader.done() && !reader.truncated()) {
    if (read_ec == asio::error::eof || read_ec == ssl::error::stream_truncated) {
      if (reused && !reader.got_some()) co_return Exchanged::kStale;
      error_code eof_ec;
      reader.PutEof(eof_ec);
      if (eof_ec) {
        Fail(result, FetchError::kConnectionLost,
             reader.got_some() ? "connection lost: " + eof_ec.message()
                               : std::string("connection closed before the response"));
        co_return Exchanged::kFailed;
      }
      // The body was delimited by the close: complete.
    } else {
      if (reused && !reader.got_some() && IsPeerGone(read_ec)) co_return Exchanged::kStale;
      NetworkFailure(connection, read_ec, "read", reader.got_some(), deadlines, result);
      co_return Exchanged::kFailed;
    }
  }

  ParsedResponse response = reader.Take();
  result.http_status = response.status;
  result.raw_headers = std::move(response.raw_headers);
  result.content_type = std::move(response.content_type);
  result.content_encoding = std::move(response.content_encoding);
  result.location = std::move(response.location);
  result.retry_after = std::move(response.retry_after);
  result.x_robots_tag = std::move(response.x_robots_tag);
  result.etag = std::move(response.etag);
  result.last_modified = std::move(response.last_modified);
  result.body = std::move(response.body);
  result.truncated = response.truncated;
  // Bytes after the response were never asked for: the stream is out of step.
  const bool keep = response.keep_alive && !read_ec && buffer.size() == 0;
  co_return keep ? Exchanged::kKeepAlive : Exchanged::kClose;
}

void HttpClient::Impl::Shutdown() {
  shut_down = true;
  pool.Clear();
  // Closing the sockets completes their pending operations with
  // operation_aborted; handlers never run inside close(), so the sets are
  // not modified while iterated.
  for (HttpConnection* connection : in_use) connection->Tcp().close();
  for (ResolveState* state : resolving) state->wake.cancel();
  budget.WakeAll();
}

HttpClient::HttpClient(asio::any_io_executor executor, HttpClientOptions options,
                       const Clock& clock)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(options), clock)) {}

HttpClient::~HttpClient() { impl_->Shutdown(); }

namespace {

// The header lines a conditional request adds. Validators come from a
// stored response: no line break may reach the request.
std::string ConditionalHeaders(const HttpClient::Conditional& conditional) {
  std::string lines;
  if (!conditional.etag.empty()) {
    lines.append("If-None-Match: ").append(StripCrLf(conditional.etag)).append("\r\n");
  }
  if (!conditional.last_modified.empty()) {
    lines.append("If-Modified-Since: ").append(StripCrLf(conditional.last_modified)).append("\r\n");
  }
  return lines;
}

}  // namespace

// Not a coroutine itself: the coroutines below take only strings and
// pointers by value (GCC 12 destroyed a by-value aggregate parameter of a
// coroutine twice).
asio::awaitable<FetchResult> HttpClient::Get(std::string url) {
  return Impl::Run(impl_, std::move(url), std::string());
}

asio::awaitable<FetchResult> HttpClient::Get(std::string url, const Conditional& conditional) {
  // Requests in flight keep the pool and the TLS context alive even if the
  // HttpClient is destroyed before they finish.
  return Impl::Run(impl_, std::move(url), ConditionalHeaders(conditional));
}

void HttpClient::CloseIdle() { impl_->pool.Clear(); }

void HttpClient::SetHostsInRotation(size_t hosts) {
  Impl& impl = *impl_;
  if (!impl.options.open_bound_follows_hosts || impl.shut_down) return;
  const size_t bound = DefaultOpenConnectionBound(impl.options.open_file_limit, hosts,
                                                  impl.options.max_connections);
  if (bound == impl.budget.max_open()) return;
  impl.pool.SetMaxIdle(bound);
  impl.budget.SetMaxOpen(bound);
}

void HttpClient::Shutdown() { impl_->Shutdown(); }

size_t HttpClient::OpenConnections() const { return impl_->budget.open(); }

size_t HttpClient::PeakOpenConnections() const { return impl_->budget.peak(); }

size_t HttpClient::SocketReads() const { return impl_->socket_reads; }

size_t HttpClient::MaxOpenConnections() const { return impl_->budget.max_open(); }

}  // namespace nc
