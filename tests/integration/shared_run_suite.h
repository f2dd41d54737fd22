#pragma once
// A test suite whose tests all read one costly run (a crawl and what it
// left), made once by the suite's own SetUpTestSuite into run_ and freed
// after its last test.

#include <gtest/gtest.h>

#include <memory>

namespace nc::testing {

// (Not named Run: inside the suite that name is ::testing::Test::Run.)
template <typename SharedRun>
class SharedRunSuite : public ::testing::Test {
 protected:
  static void TearDownTestSuite() { run_.reset(); }
  static inline std::unique_ptr<SharedRun> run_;
};

}  // namespace nc::testing
