// HttpClientOptions from CrawlConfig: the one place that maps the user's
// fetch keys to the client's fields, so each default is CrawlConfig's alone.
#include "common/version.h"
#include "crawler/fetch/http_client.h"
#include "crawler/fetch/open_file_limit.h"

namespace nc {

HttpClientOptions::HttpClientOptions() : HttpClientOptions(CrawlConfig()) {}

HttpClientOptions::HttpClientOptions(const CrawlConfig& config)
    : user_agent(config.user_agent.empty() ? kDefaultUserAgent : config.user_agent),
      connect_timeout_seconds(config.connect_timeout),
      read_timeout_seconds(config.read_timeout),
      total_timeout_seconds(config.total_timeout),
      max_body_bytes(config.max_body_bytes),
      ca_file(config.ca_file),
      verify_tls(config.verify_tls),
      resolve(config.resolve),
      // 0: twice max_connections, what the former bound (max_connections in
      // flight plus as many idle) allowed. Idle ones may use the whole budget.
      max_open_connections(config.max_open_connections != 0
                               ? config.max_open_connections
                               : 2 * static_cast<size_t>(config.max_connections)),
      max_idle_connections(max_open_connections),
      // Stays at the starting bound when the rest follows the hosts.
      max_idle_tls_connections(max_open_connections),
      open_bound_follows_hosts(config.max_open_connections == 0),
      max_connections(config.max_connections),
      open_file_limit(CurrentOpenFileLimit()),
      allow_private_networks(config.allow_private_networks) {}

}  // namespace nc
