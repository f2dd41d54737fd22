#pragma once
// HostileServer: loopback servers that misbehave on purpose, one case per
// host name (drip, never-ending body, compression bombs, redirect loop and
// 50-hop chain, 1 MB header, bad chunking, garbage status line, reset
// mid-body, accept-and-hang, slow headers, a refused port, a port that
// closes after robots.txt and the home page, a wrong-host and an expired
// certificate), for the hostile crawl tests (issue 11 item 6).
//
// Plain-HTTP cases share one port and are told apart by the Host header;
// each TLS case has its own port, whose certificate is signed by the
// server's test CA (ca_file()) but is wrong on purpose. robots.txt of every
// case answers at once with "allow all" (except accept-and-hang, which never
// answers anything, and the refused and TLS cases, where nothing gets that
// far), so each misbehaviour hits the page itself.
//
// Threading: Start() serves on its own io_context thread; the accessors may
// be called from any thread (immutable after Start). Stop() (or the
// destructor) stops serving and joins the thread; call it from the owning
// thread.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"

namespace nc::hostile {

struct HostileCase {
  std::string name;  // "drip", "gzip-bomb"...
  std::string host;  // its host name, "drip.hostile.test"
  std::string url;   // the URL a crawl is seeded with
  // FailureReasonName() the URL must end with; "" when the page is stored
  // as fetched (a never-ending body is cut at max_body_bytes and kept,
  // marked truncated).
  std::string expected_reason;
  // A second reason that is as right, when timing decides between them ("").
  std::string also_accepted_reason;
  bool expected_truncated = false;
  // Whether the case's time is bounded by robots_max_wait (its robots.txt
  // fails) rather than by the page's own attempts.
  bool fails_at_robots = false;
};

class HostileServer {
 public:
  // Binds the listeners, makes the CA and the certificates, precomputes the
  // bombs (32 MiB of text each once inflated) and starts serving. Writes
  // the CA certificate to dir/hostile-ca.pem.
  static Result<std::unique_ptr<HostileServer>> Start(const std::filesystem::path& dir);
  ~HostileServer();
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;

  const std::vector<HostileCase>& cases() const;
  // "HOST:PORT:127.0.0.1" for every case, for --resolve.
  std::vector<std::string> ResolveArgs() const;
  // PEM of the CA that signed the (wrong) certificates of the TLS cases.
  const std::string& ca_file() const;
  // Idempotent.
  void Stop();

 private:
  struct Impl;
  explicit HostileServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nc::hostile
