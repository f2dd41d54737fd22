// PolitenessScheduler with a host that cannot be reached: a name that does
// not resolve gives up on robots.txt at once, a refused connection after a
// few quick attempts, anything else within robots_max_wait_seconds; the
// origin's URLs then come out denied at once (RFC 9309 2.3.1.4: unreachable
// means disallow) with the reason on each. Time comes from a ManualClock.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

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

  // Answers robots.txt dispatches with `feedback_of()` until the URLs come
  // out denied; returns the number of robots.txt attempts, and the time
  // from the first attempt to the first denial in `waited`.
  template <class MakeFeedback>
  int AttemptsUntilDenied(MakeFeedback feedback_of, double* waited) {
    const SteadyTime first = clock_.Now();
    int attempts = 0;
    for (int guard = 0; guard < 100; ++guard) {
      auto d = scheduler_->Next();
      if (!d) {
        auto wake = scheduler_->NextWakeup();
        if (!wake) break;
        clock_.Set(*wake);
        continue;
      }
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

TEST_F(SchedulerDeadHostTest, NameThatDoesNotResolveFailsTheHostAtOnce) {
  auto& s = Make(Options());
  AddMany(3);
  double waited = -1;
  const int attempts = AttemptsUntilDenied(
      [&] { return Failed(Unreachable::kNameDoesNotResolve, "dns: name does not resolve"); },
      &waited);

  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(denied_, 3);
  EXPECT_EQ(denied_reason_, "robots.txt unreachable (dns: name does not resolve)");
  EXPECT_LE(waited, 1.0);  // the host's min_delay after the answer, no back-off, no park
  EXPECT_EQ(robots_state_, "unreachable (disallow all): dns: name does not resolve");
  EXPECT_TRUE(s.Idle());
}

TEST_F(SchedulerDeadHostTest, RefusedConnectionGetsAFewQuickRetriesThenFails) {
  auto& s = Make(Options());
  AddMany(2);
  double waited = -1;
  const int attempts = AttemptsUntilDenied(
      [&] { return Failed(Unreachable::kConnectionRefused, "connect: connection refused"); },
      &waited);

  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(denied_, 2);
  EXPECT_EQ(denied_reason_, "robots.txt unreachable (connect: connection refused)");
  EXPECT_LE(waited, 10.0);
  EXPECT_TRUE(s.Idle());
}

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

}  // namespace
}  // namespace nc
