#pragma once
// StatusServer: the read-only HTTP endpoint of `--status-addr`:
//   GET /metrics      Prometheus text format 0.0.4
//   GET /status.json  the snapshot as JSON (the fields of RenderStatusJson)
//   GET /             the live status page (HTML; it polls /status.json)
// Anything else is 404; methods other than GET and HEAD are 405. One request
// per connection, with a deadline and header limits: it serves people and
// scrapers, not load.
//
// It runs on its own thread and io_context, and only reads the snapshot
// the monitor last published, so a slow or hostile client never holds up
// the crawl and nothing it receives reaches the crawl.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result.h"
#include "crawler/observe/stats_snapshot.h"

namespace nc::observe {

struct StatusAddress {
  std::string host = "127.0.0.1";
  uint16_t port = 0;  // 0: the OS picks one
};
// "PORT", "HOST:PORT" or "[V6]:PORT"; a bare port means loopback.
// Errors are "config.status_addr".
Result<StatusAddress> ParseStatusAddress(std::string_view text);

class StatusServer {
 public:
  using SnapshotSource = std::function<std::shared_ptr<const StatsSnapshot>()>;
  // Binds and starts serving; errors are "observe.status_server".
  static Result<std::unique_ptr<StatusServer>> Start(const StatusAddress& address,
                                                     SnapshotSource source);
  ~StatusServer();  // stops accepting, closes connections, joins the thread
  uint16_t port() const;
  // "http://HOST:PORT/"
  std::string Url() const;

 private:
  struct Impl;
  explicit StatusServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The HTML of the status page (self-contained: inline CSS and script).
std::string_view StatusPageHtml();

}  // namespace nc::observe
