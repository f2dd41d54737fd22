// What an idle kept-alive connection costs this process (issue 16, polite
// hosts): heap bytes held per pooled connection, plain and TLS, measured
// with mallinfo2 around N concurrent GETs that each leave a connection in
// the pool. The servers (tests/crawler/fetch's scripted server) run in a
// forked child so their own memory is not counted. Kernel socket buffers
// are not in these figures (they are the kernel's, and an idle socket's
// queues are empty). Loopback only.
//
//   bench_idle_connections [N=1000]
#include <malloc.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "common/clock.h"
#include "crawler/fetch/http_client.h"
#include "tests/crawler/fetch/http_test_server_helpers.h"

namespace {

namespace asio = boost::asio;
using nc::testing::ScriptedReply;

size_t HeapInUse() { return mallinfo2().uordblks; }

// Heap bytes per connection left idle in the pool by `n` concurrent GETs.
void Measure(const char* label, const std::string& url, size_t n) {
  asio::io_context io;
  nc::SystemClock clock;
  nc::HttpClientOptions options;
  options.max_open_connections = options.max_idle_connections = n + 1;
  options.max_idle_tls_connections = n + 1;
  options.open_bound_follows_hosts = false;
  options.allow_private_networks = true;  // the servers are on 127.0.0.1
  options.verify_tls = false;             // a throwaway certificate
  nc::HttpClient client(io.get_executor(), options, clock);
  size_t failures = 0;
  auto fetch = [&](size_t count) {
    for (size_t i = 0; i < count; ++i) {
      asio::co_spawn(
          io,
          [&]() -> asio::awaitable<void> {
            const nc::FetchResult r = co_await client.Get(url);
            if (r.error != nc::FetchError::kNone) ++failures;
          },
          [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);
          });
    }
    io.run();
    io.restart();
  };
  fetch(1);  // the TLS context, the pool's tables: paid once, not per connection
  const size_t before = HeapInUse();
  const size_t open_before = client.OpenConnections();
  fetch(n);
  const size_t after = HeapInUse();
  const size_t added = client.OpenConnections() - open_before;
  std::printf("%s: %zu connections added to the pool (%zu open, %zu failed): %.0f heap bytes each\n",
              label, added, client.OpenConnections(), failures,
              added == 0 ? 0.0 : static_cast<double>(after - before) / static_cast<double>(added));
}

}  // namespace

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
  nc::testing::TestCertificateAuthority ca;
  const nc::testing::TlsCredentials credentials = ca.IssueServerCertificate("news.test");
  int ports_pipe[2];
  if (pipe(ports_pipe) != 0) return 1;
  const pid_t child = fork();
  if (child == 0) {
    const std::vector<ScriptedReply> script(
        n + 1, {nc::testing::HttpResponse("200 OK", {}, std::string(300, 'x')),
                ScriptedReply::Then::kKeepOpen});
    nc::testing::TestHttpServer plain(script);
    nc::testing::TestHttpServer tls(nc::testing::TestServerOptions{script, credentials, nullptr});
    const uint16_t ports[2] = {plain.port(), tls.port()};
    if (write(ports_pipe[1], ports, sizeof ports) != sizeof ports) _exit(1);
    pause();  // until the parent is done
    _exit(0);
  }
  uint16_t ports[2];
  if (read(ports_pipe[0], ports, sizeof ports) != sizeof ports) return 1;
  Measure("plain", "http://127.0.0.1:" + std::to_string(ports[0]) + "/", n);
  Measure("tls", "https://127.0.0.1:" + std::to_string(ports[1]) + "/", n);
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  return 0;
}
