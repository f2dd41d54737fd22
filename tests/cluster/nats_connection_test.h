#pragma once
// A test fixture with its own nats-server (tests/cluster/nats_server_helpers.h)
// and one client connection to it, made before each test. A fixture built on
// it prepares what it needs on that connection in SetUpConnected(), which
// runs only once the connection is up: when nats-server is absent the test
// is skipped, and when it does not start or take the connection the test
// fails, in both cases before SetUpConnected() and the body.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "cluster/nats_client.h"
#include "tests/cluster/nats_server_helpers.h"

namespace nc::testing {

class NatsConnectionTest : public ::testing::Test {
 protected:
  // `client_name` names the connection in the server's list.
  explicit NatsConnectionTest(std::string client_name) : client_name_(std::move(client_name)) {}

  void SetUp() final {
    NC_REQUIRE_NATS_SERVER(server_);
    auto connection = cluster::NatsConnection::Connect(server_.url(), client_name_);
    ASSERT_TRUE(connection.ok()) << connection.error().message;
    connection_ = std::move(*connection);
    SetUpConnected();
  }
  virtual void SetUpConnected() {}

  NatsServer server_;
  std::unique_ptr<cluster::NatsConnection> connection_;

 private:
  const std::string client_name_;
};

}  // namespace nc::testing
