// HttpClient's name resolution: --resolve overrides, literal addresses, the
// injected lookup, a bounded DNS cache, and asynchronous getaddrinfo that a
// deadline or Shutdown can abandon (http_client_impl.h).

#include "crawler/fetch/http_client_impl.h"

namespace nc {

asio::awaitable<std::vector<tcp::endpoint>> HttpClient::Impl::Endpoints(const HttpTarget& target,
                                                                        Deadlines& deadlines,
                                                                        FetchResult& result) {
  std::vector<tcp::endpoint> endpoints;
  if (auto it = overrides.find(OverrideKey(target.host, target.port)); it != overrides.end()) {
    endpoints.emplace_back(it->second, target.port);
    co_return endpoints;
  }
  if (target.host_is_ip) {
    endpoints.emplace_back(asio::ip::make_address(target.host), target.port);
    co_return endpoints;
  }
  if (auto it = dns_cache.find(target.host); it != dns_cache.end()) {
    if (clock.Now() < it->second.expires) {
      for (const auto& address : it->second.addresses) endpoints.emplace_back(address, target.port);
      co_return endpoints;
    }
    dns_cache.erase(it);
  }

  if (options.name_lookup) {
    const std::optional<std::vector<std::string>> answer = options.name_lookup(target.host);
    if (!answer || answer->empty()) {
      Fail(result, FetchError::kDns, "dns " + target.host + ": Host not found (authoritative)");
      result.host_failure = HostFailure::kNameDoesNotResolve;
      co_return endpoints;
    }
    for (const std::string& address : *answer) {
      endpoints.emplace_back(asio::ip::make_address(address), target.port);
    }
    co_return endpoints;
  }
  auto state = std::make_shared<ResolveState>(executor);
  state->wake.expires_at(deadlines.Until(connect_timeout));
  state->resolver.async_resolve(target.host, std::to_string(target.port),
                                tcp::resolver::numeric_service,
                                [state](error_code ec, tcp::resolver::results_type results) {
                                  state->done = true;
                                  state->ec = ec;
                                  state->results = std::move(results);
                                  state->wake.cancel();
                                });
  resolving.insert(state.get());
  auto [wait_ec] = co_await state->wake.async_wait(kAsTuple);
  resolving.erase(state.get());
  if (!state->done) {
    if (!wait_ec) {
      Fail(result, FetchError::kTimeout, deadlines.Detail("dns"),
           deadlines.Reason(FailureReason::kDns));
    } else {
      Fail(result, FetchError::kCancelled, "cancelled during dns");
    }
    co_return endpoints;
  }
  if (state->ec || state->results.empty()) {
    const std::string reason = state->ec ? state->ec.message() : "no address";
    Fail(result, FetchError::kDns, "dns " + target.host + ": " + reason);
    if (state->results.empty() || state->ec == asio::error::host_not_found ||
        state->ec == asio::error::no_data) {
      result.host_failure = HostFailure::kNameDoesNotResolve;
    }
    co_return endpoints;
  }

  DnsEntry entry;
  for (const auto& item : state->results) {
    if (entry.addresses.size() == kMaxAddressesPerHost) break;
    entry.addresses.push_back(item.endpoint().address());
    endpoints.emplace_back(item.endpoint().address(), target.port);
  }
  const SteadyTime now = clock.Now();
  if (dns_cache.size() >= kDnsCacheMaxHosts) {
    std::erase_if(dns_cache, [now](const auto& item) { return item.second.expires <= now; });
    if (dns_cache.size() >= kDnsCacheMaxHosts) dns_cache.clear();
  }
  entry.expires = now + kDnsTtl;
  dns_cache[target.host] = std::move(entry);
  co_return endpoints;
}

}  // namespace nc
