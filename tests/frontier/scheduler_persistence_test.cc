// PolitenessScheduler state that outlives a run (issues 3 and 5): robots.txt
// recorded by an earlier run is used instead of fetched while younger than
// robots_ttl; cached rules survive an unreachable refresh (RFC 9309 2.4);
// back-off and park come back with AddStoredHost; and the observer hears of
// every host change so the engine never has to scan the scheduler. Time
// comes from a ManualClock, stored state from an in-memory fake source.
#include <gtest/gtest.h>

#include <chrono>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "frontier/scheduler.h"
#include "tests/frontier/fake_frontier_source.h"
#include "tests/frontier/scheduler_test_helpers.h"

namespace nc {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// Records what the scheduler reports, like the crawl engine does.
class RecordingObserver final : public SchedulerObserver {
 public:
  void OnHostSnapshot(const HostSnapshot& snapshot) override {
    last[snapshot.host_key] = snapshot;
    ++snapshots;
  }
  void OnHostStateChanged(std::string_view host_key, const PersistedHostState& state) override {
    persisted[std::string(host_key)] = state;
    changes.push_back(std::string(host_key));
  }
  std::map<std::string, HostSnapshot> last;
  std::map<std::string, PersistedHostState> persisted;
  std::vector<std::string> changes;
  int snapshots = 0;
};

class SchedulerPersistenceTest : public SchedulerFixture {
 protected:
  static SchedulerOptions Options() {
    // No jitter: exact figures below.
    SchedulerOptions options = RoundBackoffOptions(/*obey_robots=*/true, /*jitter=*/0);
    options.robots_ttl_seconds = 3600;
    options.park_after_failures = 3;
    options.park_seconds = 100;
    options.max_park_seconds = 1000;
    return options;
  }
  // Rules that expire after 10 s, and no parking: the cached-rules tests.
  static SchedulerOptions TenSecondRobotsTtl() {
    SchedulerOptions options = Options();
    options.robots_ttl_seconds = 10;
    options.park_after_failures = 0;
    return options;
  }
  PolitenessScheduler& Make(SchedulerOptions options = Options()) {
    SchedulerFixture::Make(std::move(options)).SetObserver(&observer_);
    return *scheduler_;
  }
  // A scheduler that picks `host` up from the store, as a resumed crawl does.
  PolitenessScheduler& Resume(const std::string& host, SchedulerOptions options = Options()) {
    Make(std::move(options)).AddStoredHost(host);
    return *scheduler_;
  }
  // A URL pending in the store, as a resumed crawl finds it.
  void Stored(const std::string& host, const std::string& path) {
    source_.Add(host, QueuedUrl{++seq_, "https://" + host + path, 0, 0});
  }
  void Add(const std::string& host, const std::string& path) {
    SchedulerFixture::Add(host, "https://" + host + path);
  }
  int64_t WallAgo(double seconds_ago) const {
    return clock_.WallMillis() - static_cast<int64_t>(seconds_ago * 1000);
  }
  // A resumed crawl of a.test: an earlier run recorded its robots.txt
  // (`status` and `body`, fetched `seconds_ago`) and left `paths` pending.
  PolitenessScheduler& ResumeWithRecordedRobots(int status, double seconds_ago, std::string body,
                                                std::initializer_list<const char*> paths) {
    source_.robots["https://a.test"] = {status, WallAgo(seconds_ago), std::move(body)};
    for (const char* path : paths) Stored("a.test", path);
    return Resume("a.test");
  }
  // Answers the robots.txt dispatch `d` of a.test 100 ms after it started.
  void AnswerRobots(const Dispatch& d, RobotsOutcome outcome, int status) {
    clock_.Advance(milliseconds(100));
    scheduler_->OnRobotsFetched("a.test", d.origin, std::move(outcome), Feedback(status));
  }

  // Declared after the scheduler that points at it: reset the scheduler first.
  ~SchedulerPersistenceTest() override { scheduler_.reset(); }
  RecordingObserver observer_;
};

// --- 1. robots.txt recorded by an earlier run ---

TEST_F(SchedulerPersistenceTest, RecordedRobotsYoungerThanTtlIsUsedWithoutFetch) {
  auto& s = ResumeWithRecordedRobots(200, 600, "User-agent: *\nDisallow: /private\n",
                                     {"/private/1", "/news/1"});
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kRobotsDenied);  // by the recorded rules, no fetch
  EXPECT_EQ(d->url.url, "https://a.test/private/1");
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchPage);
  EXPECT_EQ(d->url.url, "https://a.test/news/1");
  EXPECT_EQ(SnapshotOf("a.test").robots_state, "parsed");
  EXPECT_EQ(source_.robots_reads, 1);
}

TEST_F(SchedulerPersistenceTest, RecordedRobotsExpiresAtItsWallClockAgePlusTtl) {
  // Fetched 3590 s ago with a TTL of 3600 s: valid for 10 more seconds.
  auto& s = ResumeWithRecordedRobots(200, 3590, "User-agent: *\nAllow: /\n", {"/1", "/2"});
  auto d = s.Next();
  ASSERT_TRUE(d && d->kind == Dispatch::Kind::kFetchPage);
  clock_.Advance(seconds(10));
  s.OnFetchFinished("a.test", Feedback(200));
  clock_.Advance(seconds(1));
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchRobots);  // the recorded rules ran out
}

TEST_F(SchedulerPersistenceTest, RecordedRobotsOlderThanTtlIsFetchedAgain) {
  auto& s = ResumeWithRecordedRobots(200, 7200, "User-agent: *\nDisallow: /\n", {"/1"});
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchRobots);
  AnswerRobots(*d, {RobotsOutcome::Kind::kParsed, "User-agent: *\nAllow: /\n"}, 200);
  clock_.Advance(seconds(1));
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchPage);  // the fresh rules, not the stale ones
}

TEST_F(SchedulerPersistenceTest, RecordedUnavailableRobotsAllowsAll) {
  auto& s = ResumeWithRecordedRobots(404, 60, "not found", {"/1"});
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchPage);
  EXPECT_EQ(SnapshotOf("a.test").robots_state, "unavailable (allow all)");
}

TEST_F(SchedulerPersistenceTest, RecordedUnreachableRobotsIsAskedAgain) {
  auto& s = ResumeWithRecordedRobots(503, 60, "", {"/1"});
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchRobots);
}

TEST_F(SchedulerPersistenceTest, RecordedCrawlDelayApplies) {
  auto& s = ResumeWithRecordedRobots(200, 60, "User-agent: *\nCrawl-delay: 7\n", {"/1", "/2"});
  auto d = s.Next();
  ASSERT_TRUE(d && d->kind == Dispatch::Kind::kFetchPage);
  s.OnFetchFinished("a.test", Feedback(200));
  EXPECT_EQ(SnapshotOf("a.test").delay_reason, "crawl-delay");
  EXPECT_EQ(s.NextWakeup(), clock_.Now() + seconds(7));
}

TEST_F(SchedulerPersistenceTest, StoreReadErrorFallsBackToFetchingAndIsReported) {
  source_.fail_reads = true;
  auto& s = ResumeWithRecordedRobots(200, 60, "User-agent: *\nAllow: /\n", {"/1"});
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchRobots);
  ASSERT_EQ(s.errors().total(), 2u);  // host state, then robots.txt
  EXPECT_NE(s.errors().recent()[1].message.find("stored robots.txt of 'https://a.test'"),
            std::string::npos);
}

TEST_F(SchedulerPersistenceTest, StoreIsAskedOncePerOriginWhileTheHostIsHeld) {
  Stored("a.test", "/1");
  Stored("a.test", "/2");
  auto& s = Resume("a.test");
  auto d = s.Next();
  ASSERT_TRUE(d && d->kind == Dispatch::Kind::kFetchRobots);  // nothing recorded
  AnswerRobots(*d, {RobotsOutcome::Kind::kParsed, ""}, 200);
  for (int i = 0; i < 2; ++i) {
    clock_.Advance(seconds(2));
    d = s.Next();
    ASSERT_TRUE(d && d->kind == Dispatch::Kind::kFetchPage);
    s.OnFetchFinished("a.test", Feedback(200));
  }
  EXPECT_EQ(source_.robots_reads, 1);
}

// --- 2. cached rules when a refresh fails (RFC 9309 2.4) ---

TEST_F(SchedulerPersistenceTest, Rfc9309_CachedRulesKeptWhenRefreshIsUnreachable) {
  auto& s = Make(TenSecondRobotsTtl());
  for (int i = 0; i < 3; ++i) Add("a.test", "/page" + std::to_string(i));
  Add("a.test", "/private/x");
  auto d = s.Next();
  ASSERT_TRUE(d && d->kind == Dispatch::Kind::kFetchRobots);
  AnswerRobots(*d, {RobotsOutcome::Kind::kParsed, "User-agent: *\nDisallow: /private\n"}, 200);
  clock_.Advance(seconds(11));  // the rules expire
  d = s.Next();
  ASSERT_TRUE(d && d->kind == Dispatch::Kind::kFetchRobots);
  AnswerRobots(*d, {RobotsOutcome::Kind::kUnreachable, ""}, 503);
  EXPECT_EQ(SnapshotOf("a.test").robots_state, "cached (refresh unreachable)");
  // After the host's back-off (1 s delay + 2 s), pages go on under the old rules.
  EXPECT_EQ(s.NextWakeup(), clock_.Now() + seconds(3));
  clock_.Advance(seconds(3));
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchPage);
  EXPECT_EQ(d->url.url, "https://a.test/page0");
  s.OnFetchFinished("a.test", Feedback(200));
  clock_.Advance(seconds(1));
  d = s.Next();
  ASSERT_TRUE(d && d->kind == Dispatch::Kind::kFetchPage);
  s.OnFetchFinished("a.test", Feedback(200));
  // The refresh is retried 2 s (backoff_initial × 2^0) after the slot that
  // followed the failure, i.e. 5 s after it; pages wait for it then.
  clock_.Advance(seconds(1));
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchRobots);
  AnswerRobots(*d, {RobotsOutcome::Kind::kUnreachable, ""}, 0);
  // Still the old rules, never disallow-all, however often it fails.
  clock_.Set(*s.NextWakeup());
  d = s.Next();
  ASSERT_TRUE(d && d->kind == Dispatch::Kind::kFetchPage);
  s.OnFetchFinished("a.test", Feedback(200));
  clock_.Set(*s.NextWakeup());
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kRobotsDenied);  // /private/x, by the cached rules
  EXPECT_EQ(d->url.url, "https://a.test/private/x");
}

TEST_F(SchedulerPersistenceTest, Rfc9309_RefreshAfterCachedUseReplacesTheRules) {
  auto& s = Make(TenSecondRobotsTtl());
  for (int i = 0; i < 6; ++i) Add("a.test", "/" + std::to_string(i));
  auto d = s.Next();
  AnswerRobots(*d, {RobotsOutcome::Kind::kParsed, ""}, 200);
  clock_.Advance(seconds(11));
  d = s.Next();
  ASSERT_TRUE(d && d->kind == Dispatch::Kind::kFetchRobots);
  s.OnRobotsFetched("a.test", d->origin, {RobotsOutcome::Kind::kUnreachable, ""}, Feedback(500));
  // Run until the next refresh and answer it with new rules.
  for (int guard = 0; guard < 10; ++guard) {
    clock_.Set(*s.NextWakeup());
    d = s.Next();
    ASSERT_TRUE(d.has_value());
    if (d->kind == Dispatch::Kind::kFetchRobots) break;
    s.OnFetchFinished("a.test", Feedback(200));
  }
  ASSERT_EQ(d->kind, Dispatch::Kind::kFetchRobots);
  s.OnRobotsFetched("a.test", d->origin,
                    {RobotsOutcome::Kind::kParsed, "User-agent: *\nDisallow: /\n"}, Feedback(200));
  EXPECT_EQ(SnapshotOf("a.test").robots_state, "parsed");
  clock_.Set(*s.NextWakeup());
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kRobotsDenied);
}

TEST_F(SchedulerPersistenceTest, Rfc9309_RecordedStaleRulesAreTheFallbackOfAnUnreachableFetch) {
  auto& s = ResumeWithRecordedRobots(200, 7200, "User-agent: *\nDisallow: /private\n",
                                     {"/private/1", "/news/1"});
  auto d = s.Next();
  ASSERT_TRUE(d && d->kind == Dispatch::Kind::kFetchRobots);  // stale: asked first
  AnswerRobots(*d, {RobotsOutcome::Kind::kUnreachable, ""}, 502);
  clock_.Set(*s.NextWakeup());
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kRobotsDenied);  // the recorded rules still decide
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchPage);
}

TEST_F(SchedulerPersistenceTest, OriginWithoutAnyRulesIsStillHeldBackWhenUnreachable) {
  auto& s = Make();
  Add("a.test", "/1");
  auto d = s.Next();
  ASSERT_TRUE(d && d->kind == Dispatch::Kind::kFetchRobots);
  s.OnRobotsFetched("a.test", d->origin, {RobotsOutcome::Kind::kUnreachable, ""}, Feedback(503));
  EXPECT_EQ(SnapshotOf("a.test").robots_state, "unreachable (retrying)");
  clock_.Set(*s.NextWakeup());
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchRobots);  // no page before some rules
}

// --- 3. back-off and park across a resume ---

TEST_F(SchedulerPersistenceTest, FailuresAndParkAreReportedOnlyWhenTheyChange) {
  SchedulerOptions options = Options();
  options.obey_robots = false;
  auto& s = Make(options);
  for (int i = 0; i < 8; ++i) Add("a.test", "/" + std::to_string(i));
  Add("b.test", "/1");
  Add("b.test", "/2");
  // A healthy host is never written.
  for (int i = 0; i < 2; ++i) {
    clock_.Set(*s.NextWakeup());
    auto d = s.Next();
    ASSERT_TRUE(d.has_value());
    s.OnFetchFinished(d->host_key, Feedback(200));
  }
  clock_.Advance(seconds(1));
  while (auto d = s.Next()) s.OnFetchFinished(d->host_key, Feedback(200));
  EXPECT_TRUE(observer_.changes.empty());
  EXPECT_EQ(observer_.persisted.count("b.test"), 0u);

  // Three failures in a row: each is a change; the third parks for 100 s.
  for (int i = 1; i <= 3; ++i) {
    clock_.Set(*s.NextWakeup());
    auto d = s.Next();
    ASSERT_TRUE(d && d->host_key == "a.test");
    clock_.Advance(milliseconds(100));
    s.OnFetchFinished("a.test", Feedback(503, 30.0));
    ASSERT_EQ(observer_.changes.size(), static_cast<size_t>(i));
  }
  const PersistedHostState& p = observer_.persisted["a.test"];
  EXPECT_EQ(p.consecutive_failures, 3u);
  EXPECT_EQ(p.times_parked, 1u);
  EXPECT_EQ(p.parked_until_ms, clock_.WallMillis() + 100'000);
  EXPECT_EQ(p.backoff_until_ms, clock_.WallMillis() + 100'000);
  EXPECT_EQ(p.park_reason, "3 consecutive failures, last: HTTP 503 Retry-After 30s; parked 100s");
  EXPECT_EQ(p.last_delay_seconds, 30.0);
  EXPECT_EQ(p.last_delay_reason, DelayReason::kRetryAfter);

  // Recovery is a change (the stored state must be cleared), once.
  clock_.Set(*s.NextWakeup());
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  s.OnFetchFinished("a.test", Feedback(200));
  ASSERT_EQ(observer_.changes.size(), 4u);
  EXPECT_TRUE(observer_.persisted["a.test"].Healthy());
  clock_.Set(*s.NextWakeup());
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  s.OnFetchFinished("a.test", Feedback(200));
  EXPECT_EQ(observer_.changes.size(), 4u);
}

TEST_F(SchedulerPersistenceTest, ParkedHostStaysParkedAfterResumeUntilItsWallTime) {
  PersistedHostState parked;
  parked.consecutive_failures = 5;
  parked.times_parked = 1;
  parked.backoff_until_ms = clock_.WallMillis() + 250'000;
  parked.parked_until_ms = clock_.WallMillis() + 250'000;
  parked.park_reason = "5 consecutive failures, last: HTTP 503; parked 600s";
  parked.last_delay_seconds = 3;
  parked.last_delay_reason = DelayReason::kBackoff;
  source_.states["a.test"] = parked;
  Stored("a.test", "/1");
  Stored("a.test", "/2");
  Stored("b.test", "/1");
  SchedulerOptions options = Options();
  options.obey_robots = false;
  options.park_after_failures = 5;
  auto& s = Resume("a.test", options);
  s.AddStoredHost("b.test");
  EXPECT_EQ(source_.state_reads, 2);
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->host_key, "b.test");  // the healthy host only
  s.OnFetchFinished("b.test", Feedback(200));
  EXPECT_EQ(s.NextWakeup(), clock_.Now() + seconds(250));
  HostSnapshot snap = SnapshotOf("a.test");
  EXPECT_EQ(snap.parked_reason, parked.park_reason);
  EXPECT_EQ(snap.consecutive_failures, 5u);
  EXPECT_EQ(snap.delay_reason, "back-off");
  EXPECT_EQ(observer_.last["a.test"].parked_reason, parked.park_reason);
  clock_.Advance(seconds(250) - milliseconds(1));
  EXPECT_FALSE(s.Next().has_value());
  clock_.Advance(milliseconds(1));
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->host_key, "a.test");
  // The streak goes on where it was: one more failure parks it again, longer.
  s.OnFetchFinished("a.test", Feedback(0));
  EXPECT_EQ(SnapshotOf("a.test").consecutive_failures, 6u);
  EXPECT_EQ(observer_.persisted["a.test"].times_parked, 2u);
  EXPECT_EQ(s.NextWakeup(), clock_.Now() + seconds(200));  // park_seconds × 2
}

TEST_F(SchedulerPersistenceTest, RestoredWaitIsCappedSoAClockSetBackCannotStallAHost) {
  PersistedHostState parked;
  parked.consecutive_failures = 9;
  parked.times_parked = 5;
  parked.parked_until_ms = clock_.WallMillis() + 365LL * 86400 * 1000;  // a year away
  parked.backoff_until_ms = parked.parked_until_ms;
  source_.states["a.test"] = parked;
  Stored("a.test", "/1");
  SchedulerOptions options = Options();
  options.obey_robots = false;
  auto& s = Resume("a.test", options);
  EXPECT_EQ(s.NextWakeup(), clock_.Now() + seconds(1000));  // max_park_seconds
}

TEST_F(SchedulerPersistenceTest, ExpiredBackoffFromAnEarlierRunDoesNotDelay) {
  PersistedHostState failing;
  failing.consecutive_failures = 2;
  failing.backoff_until_ms = clock_.WallMillis() - 1000;  // passed while the crawler was down
  source_.states["a.test"] = failing;
  Stored("a.test", "/1");
  SchedulerOptions options = Options();
  options.obey_robots = false;
  auto& s = Resume("a.test", options);
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  s.OnFetchFinished("a.test", Feedback(500));
  EXPECT_EQ(SnapshotOf("a.test").consecutive_failures, 3u);  // the streak continues
}

// --- 4. snapshots from events ---

TEST_F(SchedulerPersistenceTest, ObserverSeesEveryChangeAndTheFinalDrop) {
  SchedulerOptions options = Options();
  options.obey_robots = false;
  auto& s = Make(options);
  Add("a.test", "/1");
  EXPECT_EQ(observer_.last["a.test"].queued_in_memory, 1u);
  EXPECT_TRUE(observer_.last["a.test"].held);
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(observer_.last["a.test"].in_flight, 1u);
  EXPECT_EQ(observer_.last["a.test"].queued_in_memory, 0u);
  clock_.Advance(milliseconds(100));
  s.OnFetchFinished("a.test", Feedback(503, 5.0));
  EXPECT_EQ(observer_.last["a.test"].in_flight, 0u);
  EXPECT_EQ(observer_.last["a.test"].delay_reason, "retry-after");
  EXPECT_EQ(observer_.last["a.test"].consecutive_failures, 1u);
  EXPECT_TRUE(observer_.last["a.test"].held);  // cooling until its delay has passed
  clock_.Advance(seconds(6));
  EXPECT_FALSE(s.Next().has_value());  // drops the cooled host
  EXPECT_FALSE(observer_.last["a.test"].held);
  EXPECT_EQ(observer_.last["a.test"].delay_reason, "retry-after");  // last state kept
  EXPECT_EQ(s.HostCount(), 0u);
}

TEST_F(SchedulerPersistenceTest, NoObserverNoCallbacks) {
  auto& s = Make();
  s.SetObserver(nullptr);
  Add("a.test", "/1");
  (void)s.Next();
  EXPECT_EQ(observer_.snapshots, 0);
}

}  // namespace
}  // namespace nc
