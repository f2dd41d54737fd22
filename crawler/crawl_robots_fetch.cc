// The robots.txt fetch of one origin: redirects followed, the status mapped
// to RFC 9309's outcomes, the body kept in the store for auditing and handed
// to the scheduler.
#include "crawler/extract/content_decoding.h"
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "crawler/crawl_engine_impl.h"
#include "crawler/observe/crawl_stats.h"
#include "crawler/fetch_feedback.h"

namespace nc {
namespace {

// RFC 9309 2.3.1.2: follow at least five consecutive redirects.
constexpr int kRobotsMaxRedirects = 5;

}  // namespace

asio::awaitable<void> CrawlEngine::Impl::FetchRobots(Dispatch d) {
  std::string url = d.origin + "/robots.txt";
  FetchResult result;
  SteadyTime started = clock.Now();
  for (int hop = 0;; ++hop) {
    result = co_await client->Get(url);
    const bool redirect = result.error == FetchError::kNone && result.http_status >= 300 &&
                          result.http_status < 400 && !result.location.empty();
    if (!redirect || hop == kRobotsMaxRedirects) break;
    auto base = ParseUrl(url);
    auto next = base.ok() ? ResolveUrl(*base, result.location) : Result<Url>(base.error());
    if (!next.ok()) break;
    url = SpecWithoutUserinfo(*next);  // credentials are never sent
  }
  EndClusterRequest(d.host_key);
  --in_flight;
  if (result.error == FetchError::kCancelled) {  // shutdown: nothing learnt
    Wake();
    co_return;
  }
  if (crawl_stats) {
    crawl_stats->OnRobotsFetched(static_cast<int>(result.http_status), result.body.size(),
                                 ToSeconds(clock.Now() - started));
  }

  RobotsOutcome outcome;
  const unsigned status = result.http_status;
  outcome.kind = result.error != FetchError::kNone ? RobotsOutcome::Kind::kUnreachable
                                                   : RobotsKindOfStatus(static_cast<int>(status));
  // The private-address guard refused the host: no request will ever reach
  // it, so it has no robots.txt to obey, and each of its URLs is refused by
  // the same guard and recorded with reason private-address (not as denied
  // by robots.txt, which would hide why).
  if (result.error == FetchError::kPrivateAddress) outcome.kind = RobotsOutcome::Kind::kUnavailable;
  if (outcome.kind == RobotsOutcome::Kind::kParsed) {
    // Decoded up to what the parser reads (RFC 9309 2.5: at least 500 KiB).
    auto decoded = DecodeContent(result.content_encoding, std::move(result.body),
                                 RobotsRules::kMaxBodyBytes);
    if (decoded.ok()) {
      outcome.body = std::move(decoded->bytes);
    } else {
      outcome.kind = RobotsOutcome::Kind::kUnreachable;
    }
  }
  FetchFeedback feedback;
  feedback.started = started;
  feedback.finished = result.error == FetchError::kNone ? result.finished : clock.Now();
  feedback.http_status = static_cast<int>(status);
  DescribeFailure(result, feedback);

  // A 2xx whose body could not be decoded is recorded as no usable answer.
  const bool usable_answer =
      result.error == FetchError::kNone &&
      !(status >= 200 && status < 300 && outcome.kind != RobotsOutcome::Kind::kParsed);
  SubmitRobotsRecord(d.origin, usable_answer ? static_cast<int>(status) : 0, outcome);
  scheduler->OnRobotsFetched(d.host_key, d.origin, outcome, feedback);
  Wake();
}

// What robots.txt said is recorded in the store (host state, for audits
// and for a resume within robots_ttl) together with its Sitemap: lines,
// which enter the frontier as `feed` edges of the robots.txt URL: one
// RobotsAnswer record through the batch writer (the writer of crawl
// results), so the rules and the sitemaps they name commit in one
// transaction — a resume that reuses the stored rules finds the sitemaps
// queued too. The commit enqueues
// only sitemaps neither queued nor done, so a robots.txt fetched again (TTL)
// queues nothing twice.
//
// Submitted here, on the network thread, before the scheduler may dispatch
// any page of the origin: the writer commits in submission order, so the
// record commits no later than those pages and the crawl cannot drain and
// end before its sitemaps are queued. Parsing again (the scheduler parses
// the same body for its rules) costs one pass over at most 500 KiB per
// robots.txt fetch.
void CrawlEngine::Impl::SubmitRobotsRecord(const std::string& origin, int http_status,
                                           const RobotsOutcome& outcome) {
  const std::string robots_url = origin + "/robots.txt";
  storage::RobotsAnswer answer{origin, http_status, outcome.body, clock.WallMillis(),
                               storage::LinksOnly{robots_url, {}}};
  if (config.discover_feeds && outcome.kind == RobotsOutcome::Kind::kParsed) {
    // Sitemap: lines do not belong to a group, so any product token will do.
    const RobotsRules rules = RobotsRules::Parse(outcome.body, "newscrawl");
    if (!rules.sitemaps().empty()) {
      std::optional<storage::LinksOnly> sitemaps =
          processor->RobotsSitemaps(robots_url, rules.sitemaps());
      if (sitemaps) answer.sitemaps = std::move(*sitemaps);
    }
  }
  // A cluster node publishes them to the job at commit (OnClusterCommit).
  if (cluster != nullptr) answer.sitemaps.admit_followed = false;
  writer->Submit(std::move(answer));
}

}  // namespace nc
