// PolitenessScheduler with a host that cannot be reached: a name that does
// not resolve gives up on robots.txt at once, a refused connection after a
// few quick attempts, anything else within robots_max_wait_seconds; the
// origin's URLs then come out denied at once (RFC 9309 2.3.1.4: unreachable
// means disallow) with the reason on each. Time comes from a ManualClock.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "frontier/scheduler.h"
#include "tests/frontier/fake_frontier_source.h"
#include "tests/frontier/scheduler_test_helpers.h"

namespace nc {
namespace {

using std::chrono::seconds;
using Unreachable = FetchFeedback::Unreachable;

class SchedulerDeadHostTest : public SchedulerFixture {
 protected:
  static SchedulerOptions Options() {
    SchedulerOptions options;  // park_after_failures and robots_max_attempts at their defaults
    options.min_delay_seconds = 1.0;
    options.robots_max_wait_seconds = 60.0;
    options.jitter_seed = 42;
    return options;
  }

  void AddMany(int n) {
    for (int i = 0; i < n; ++i) Add("dead.test", "http://dead.test/" + std::to_string(i));
  }

  FetchFeedback Failed(Unreachable how, std::string reason, double took_seconds = 0.1) {
    FetchFeedback feedback;
    feedback.started = clock_.Now() - FromSeconds(took_seconds);
    feedback.finished = clock_.Now();
    feedback.unreachable = how;
    feedback.failure_reason = std::move(reason);
    return feedback;
  }

  // The next dispatch, moving the clock to the scheduler's wake-ups until
  // one is due; nullopt when nothing will be due again.
  std::optional<Dispatch> NextAfterWakeups() {
    for (int wakeups = 0; wakeups < 1000; ++wakeups) {
      if (auto d = scheduler_->Next()) return d;
      auto wake = scheduler_->NextWakeup();
      if (!wake) return std::nullopt;
      clock_.Set(*wake);
    }
    ADD_FAILURE() << "nothing due after 1000 wake-ups";
    return std::nullopt;
  }

  // Answers robots.txt dispatches with `feedback_of()` until the URLs come
  // out denied; returns the number of robots.txt attempts, and the time
  // from the first attempt to the first denial in `waited`.
  template <class MakeFeedback>
  int AttemptsUntilDenied(MakeFeedback feedback_of, double* waited) {
    const SteadyTime first = clock_.Now();
    int attempts = 0;
    for (int guard = 0; guard < 100; ++guard) {
      auto d = NextAfterWakeups();
      if (!d) break;
      if (d->kind == Dispatch::Kind::kFetchRobots) {
        ++attempts;
        scheduler_->OnRobotsFetched(d->host_key, d->origin, {RobotsOutcome::Kind::kUnreachable, ""},
                                    feedback_of());
        continue;
      }
      EXPECT_EQ(d->kind, Dispatch::Kind::kRobotsDenied);
      *waited = ToSeconds(clock_.Now() - first);
      denied_reason_ = d->reason;
      robots_state_ = SnapshotOf("dead.test").robots_state;
      ++denied_;
      while (auto more = scheduler_->Next()) {
        EXPECT_EQ(more->kind, Dispatch::Kind::kRobotsDenied);
        EXPECT_EQ(more->reason, denied_reason_);
        ++denied_;
      }
      return attempts;
    }
    ADD_FAILURE() << "never denied";
    return attempts;
  }

  int denied_ = 0;
  std::string denied_reason_;
  std::string robots_state_;  // at the first denial
};

// A failure that says at once how the host stands: robots.txt gives up after
// `attempts` tries, within `max_wait` seconds of the first one.
struct AtOnceCase {
  const char* name;
  Unreachable how;
  const char* detail;  // the failure reason FetchFeedback carries
  int urls;
  int attempts;
  double max_wait;  // a name that does not resolve: the host's min_delay, no back-off, no park
};

void PrintTo(const AtOnceCase& c, std::ostream* os) { *os << c.name; }

class SchedulerDeadHostAtOnceTest : public SchedulerDeadHostTest,
                                    public ::testing::WithParamInterface<AtOnceCase> {};

TEST_P(SchedulerDeadHostAtOnceTest, FailsTheHostAfterItsAttempts) {
  const AtOnceCase& c = GetParam();
  auto& s = Make(Options());
  AddMany(c.urls);
  double waited = -1;
  const int attempts = AttemptsUntilDenied([&] { return Failed(c.how, c.detail); }, &waited);

  EXPECT_EQ(attempts, c.attempts);
  EXPECT_EQ(denied_, c.urls);
  EXPECT_EQ(denied_reason_, std::string("robots.txt unreachable (") + c.detail + ")");
  EXPECT_LE(waited, c.max_wait);
  EXPECT_EQ(robots_state_, std::string("unreachable (disallow all): ") + c.detail);
  EXPECT_TRUE(s.Idle());
}

INSTANTIATE_TEST_SUITE_P(
    All, SchedulerDeadHostAtOnceTest,
    ::testing::Values(AtOnceCase{"NameThatDoesNotResolveFailsTheHostAtOnce",
                                 Unreachable::kNameDoesNotResolve, "dns: name does not resolve", 3,
                                 1, 1.0},
                      AtOnceCase{"RefusedConnectionGetsAFewQuickRetriesThenFails",
                                 Unreachable::kConnectionRefused, "connect: connection refused", 2,
                                 3, 10.0}),
    [](const ::testing::TestParamInfo<AtOnceCase>& info) { return info.param.name; });

TEST_F(SchedulerDeadHostTest, SlowFailuresAreBoundedByRobotsMaxWait) {
  SchedulerOptions options = Options();
  options.robots_max_attempts = 100;  // only the wait bound can stop the retries
  auto& s = Make(options);
  AddMany(2);
  double waited = -1;
  // Each attempt times out after 10 s of connecting.
  const int attempts = AttemptsUntilDenied(
      [&] {
        clock_.Advance(seconds(10));
        return Failed(Unreachable::kOther, "timeout: connect", 10);
      },
      &waited);

  EXPECT_GE(attempts, 2);
  EXPECT_LE(waited, 60.0);
  EXPECT_EQ(denied_, 2);
  EXPECT_EQ(denied_reason_, "robots.txt unreachable (timeout: connect)");
  EXPECT_EQ(robots_state_, "unreachable (disallow all): timeout: connect");
  EXPECT_TRUE(s.Idle());
}

TEST_F(SchedulerDeadHostTest, WithoutABoundTheMaxAttemptsStillEndIt) {
  SchedulerOptions options = Options();
  options.robots_max_wait_seconds = 0;  // no bound
  options.robots_max_attempts = 4;
  auto& s = Make(options);
  AddMany(2);
  double waited = -1;
  const int attempts =
      AttemptsUntilDenied([&] { return Failed(Unreachable::kOther, "timeout: connect"); }, &waited);

  EXPECT_EQ(attempts, 4);
  EXPECT_EQ(denied_, 2);
  EXPECT_TRUE(s.Idle());
}

// A failure that comes back at once (a bad certificate) reaches
// robots_max_attempts long before robots_max_wait. The URLs still carry the
// cause: before the fix they came out as plain robots denials, and the
// hostile suite's wrong-host and expired certificates read robots-denied.
TEST_F(SchedulerDeadHostTest, FastFailuresEndedByMaxAttemptsKeepTheirCause) {
  SchedulerOptions options = Options();
  options.robots_max_attempts = 3;
  options.min_delay_seconds = 0;
  options.backoff_initial_seconds = 0.1;
  options.backoff_max_seconds = 0.5;
  auto& s = Make(options);
  AddMany(2);
  double waited = -1;
  const int attempts = AttemptsUntilDenied(
      [&] {
        FetchFeedback feedback = Failed(Unreachable::kOther, "tls: certificate has expired", 0.01);
        feedback.failure = FailureReason::kTls;
        return feedback;
      },
      &waited);

  EXPECT_EQ(attempts, 3);
  EXPECT_LT(waited, 60.0);
  EXPECT_EQ(denied_, 2);
  EXPECT_EQ(denied_reason_, "robots.txt unreachable (tls: certificate has expired)");
  EXPECT_TRUE(s.Idle());
}

// Issue 11: a page connection refused after robots.txt succeeded (the port
// died mid-crawl). Before, each URL went through max_retries back-offs and
// the host parked for park_seconds (600 s) at its 5th failure; now the
// origin gets refused_attempts quick tries, then its URLs fail at once.
class SchedulerRefusedPagesTest : public SchedulerDeadHostTest {
 protected:
  // Dispatches until nothing is due, moving the clock to each wake-up;
  // answers robots.txt with "allow all" and each page fetch with
  // `page_feedback(dispatch)` (the URL is requeued when it returns true, as
  // a retry would). Counts page requests and refused URLs.
  template <class PageFeedback>
  void Run(PageFeedback page_feedback) {
    for (int guard = 0; guard < 200; ++guard) {
      auto d = NextAfterWakeups();
      if (!d) return;
      switch (d->kind) {
        case Dispatch::Kind::kFetchRobots:
          scheduler_->OnRobotsFetched(d->host_key, d->origin,
                                      {RobotsOutcome::Kind::kParsed, "User-agent: *\nAllow: /\n"},
                                      Feedback(200));
          break;
        case Dispatch::Kind::kFetchPage: {
          ++requests_[d->origin];
          FetchFeedback feedback;
          const bool retry = page_feedback(*d, feedback);
          scheduler_->OnFetchFinished(d->host_key, feedback, d->origin);
          if (retry) {
            QueuedUrl again = d->url;
            again.seq = ++seq_;
            ++again.attempts;
            source_.Add(d->host_key, again);
            scheduler_->Enqueue(d->host_key, again);
          }
          break;
        }
        case Dispatch::Kind::kRefused:
          EXPECT_EQ(d->failure, FailureReason::kConnectRefused);
          refused_reason_ = d->reason;
          refused_urls_.push_back(d->url.url);
          if (first_refused_at_ < 0) first_refused_at_ = ToSeconds(clock_.Now() - start_);
          break;
        case Dispatch::Kind::kRobotsDenied:
          ADD_FAILURE() << "denied " << d->url.url;
          break;
      }
    }
    ADD_FAILURE() << "did not end";
  }

  FetchFeedback Refused() {
    return Failed(Unreachable::kConnectionRefused, "connect: refused", 0.001);
  }

  SteadyTime start_ = clock_.Now();
  std::map<std::string, int> requests_;
  std::vector<std::string> refused_urls_;
  std::string refused_reason_;
  double first_refused_at_ = -1;
};

TEST_F(SchedulerRefusedPagesTest, AFewQuickTriesThenTheOriginsUrlsFailAtOnce) {
  auto& s = Make(Options());  // the defaults' back-off (2 s, doubling) and park (5 failures)
  AddMany(6);
  Run([&](const Dispatch&, FetchFeedback& feedback) {
    feedback = Refused();
    return true;  // a refused page is transient: retried until the origin gives up
  });

  EXPECT_EQ(requests_["http://dead.test"], 3);  // refused_attempts, not 6 x (max_retries + 1)
  EXPECT_EQ(refused_urls_.size(), 6u);          // every URL, the three tried ones included
  EXPECT_EQ(refused_reason_,
            "connect: connection refused (3 connections to http://dead.test in a row); not "
            "fetched");
  // Two back-offs (2 s, 4 s, each +-25%) and three min_delays, then no
  // back-off and no park: about 9 s, not park_seconds (600 s).
  EXPECT_LE(first_refused_at_, 11.0);
  EXPECT_TRUE(s.Idle());
}

TEST_F(SchedulerRefusedPagesTest, AnAnswerBetweenRefusalsStartsTheCountAgain) {
  auto& s = Make(Options());
  AddMany(6);
  int fetches = 0;
  Run([&](const Dispatch&, FetchFeedback& feedback) {
    // refused, refused, 200, refused, refused, 200: never three in a row.
    feedback = ++fetches % 3 == 0 ? Feedback(200) : Refused();
    return feedback.http_status == 0;
  });
  EXPECT_TRUE(refused_urls_.empty());
  EXPECT_GT(requests_["http://dead.test"], 6);
  EXPECT_TRUE(s.Idle());
}

TEST_F(SchedulerRefusedPagesTest, OnlyTheRefusingOriginGivesUp) {
  auto& s = Make(Options());
  for (int i = 0; i < 3; ++i) {
    Add("dead.test", "http://dead.test/" + std::to_string(i));
    Add("dead.test", "https://dead.test/" + std::to_string(i));
  }
  Run([&](const Dispatch& d, FetchFeedback& feedback) {
    // Port 80 is closed; 443 answers.
    feedback = d.origin == "http://dead.test" ? Refused() : Feedback(200);
    return feedback.http_status == 0;
  });
  EXPECT_EQ(requests_["https://dead.test"], 3);
  EXPECT_EQ(requests_["http://dead.test"], 3);
  for (const std::string& url : refused_urls_) EXPECT_TRUE(url.starts_with("http://")) << url;
  EXPECT_EQ(refused_urls_.size(), 3u);
  EXPECT_TRUE(s.Idle());
}

}  // namespace
}  // namespace nc
