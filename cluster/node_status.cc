#include "cluster/node_status.h"

#include <charconv>

namespace nc::cluster {

namespace {

constexpr std::string_view kVersion = "v1";

std::string_view NextField(std::string_view& rest) {
  size_t space = rest.find(' ');
  std::string_view field = rest.substr(0, space);
  rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  return field;
}

bool ParseCount(std::string_view field, uint64_t& out) {
  if (field.empty() || field.size() > 20) return false;
  auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), out);
  return error == std::errc() && end == field.data() + field.size();
}

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
