#include "common/error_log.h"

namespace nc {

void ErrorLog::Add(Error error) {
  ++total_;
  ++counts_by_code_[error.code];
  if (keep_last_ == 0) return;
  if (recent_.size() == keep_last_) recent_.pop_front();
  recent_.push_back(std::move(error));
}

std::string ErrorLog::Summary() const {
  if (empty()) return "";
  std::string out = std::to_string(total_) + " (";
  bool first = true;
  for (const auto& [code, count] : counts_by_code_) {
    out += first ? "" : ", ";
    first = false;
    out += code + " " + std::to_string(count);
  }
  out += ")";
  if (!recent_.empty()) out += "; last: " + recent_.back().message;
  return out;
}

}  // namespace nc
