#include "cluster/node_status.h"

#include "cluster/message_fields.h"

namespace nc::cluster {

namespace {

constexpr std::string_view kVersion = "v1";

bool KnownState(std::string_view state) {
  return state == "running" || state == "finished" || state == "left";
}

Error Bad(std::string_view why) {
  return MakeError("cluster.bad_node_status", "node status: " + std::string(why));
}

}  // namespace

std::string NodeStatusKey(std::string_view node_id) { return "node." + std::string(node_id); }

std::string EncodeNodeStatus(const NodeStatus& status) {
  return std::string(kVersion) + " " + std::to_string(status.pulled) + " " +
         std::to_string(status.acked) + " " + std::to_string(status.published) + " " +
         std::to_string(status.seen_absorbed) + " " + status.state;
}

Result<NodeStatus> DecodeNodeStatus(std::string_view value) {
  std::string_view rest = value;
  if (NextField(rest) != kVersion) return Bad("unknown version (expected \"v1 \")");
  NodeStatus status;
  if (!ParseCount(NextField(rest), status.pulled)) return Bad("pulled is not a number");
  if (!ParseCount(NextField(rest), status.acked)) return Bad("acked is not a number");
  if (!ParseCount(NextField(rest), status.published)) return Bad("published is not a number");
  if (!ParseCount(NextField(rest), status.seen_absorbed)) {
    return Bad("seen-log count is not a number");
  }
  if (!KnownState(rest)) return Bad("unknown state (running, finished or left)");
  status.state = std::string(rest);
  return status;
}

}  // namespace nc::cluster
