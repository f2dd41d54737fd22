#pragma once
// A test suite whose tests all read one costly run (a crawl and what it
// left), made once by the suite's own SetUpTestSuite into run_ and freed
// after its last test; or one run per key (SharedRunsSuite).

#include <gtest/gtest.h>

#include <map>
#include <memory>

namespace nc::testing {

// (Not named Run: inside the suite that name is ::testing::Test::Run.)
template <typename SharedRun>
class SharedRunSuite : public ::testing::Test {
 protected:
  static void TearDownTestSuite() { run_.reset(); }
  static inline std::unique_ptr<SharedRun> run_;
};

// One run per key (a setting the suite compares, or a TEST_P parameter),
// made on first use by `make(key)` and freed after the suite's last test.
template <typename Key, typename SharedRun, typename Base = ::testing::Test>
class SharedRunsSuite : public Base {
 protected:
  static void TearDownTestSuite() { runs_.clear(); }
  template <typename Make>
  static SharedRun& RunFor(const Key& key, Make make) {
    std::unique_ptr<SharedRun>& run = runs_[key];
    if (!run) run = make(key);
    return *run;
  }

 private:
  static inline std::map<Key, std::unique_ptr<SharedRun>> runs_;
};

}  // namespace nc::testing
